#pragma once

// ListFilter: which objects a list or a watch returns, from the request's
// labelSelector and fieldSelector. Field selectors support what kubectl and
// controllers use: metadata.name, metadata.namespace, for Pods spec.nodeName
// and status.phase, for Events involvedObject.* (what `kubectl describe`
// asks), reason, type, source and reportingComponent; with =, == and !=
// joined by commas.

#include <optional>
#include <string>
#include <vector>

#include "herd/api/label_selector.hpp"
#include "herd/api/object.hpp"
#include "herd/base/result.hpp"
#include "herd/server/http.hpp"

namespace herd::server::kube {

class ListFilter {
 public:
  /// From ?labelSelector= and ?fieldSelector=; kInvalidArgument naming the
  /// selector and what is wrong with it.
  static Result<ListFilter> from_request(const HttpRequest& request, const api::KindInfo& kind);

  bool matches(const api::Object& object) const;
  /// The value of metadata.name the field selector requires, if it does
  /// (a watch of one object, as `kubectl get pod x -w` asks).
  std::optional<std::string> required_name() const;

 private:
  struct FieldRequirement {
    std::string field;
    std::string value;
    bool equal = true;
  };
  explicit ListFilter(api::Selector labels) : labels_(std::move(labels)) {}
  static std::string field_value(const api::Object& object, const std::string& field);

  api::Selector labels_;
  std::vector<FieldRequirement> fields_;
};

}  // namespace herd::server::kube
