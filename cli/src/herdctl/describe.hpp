#pragma once

// `describe`'s text: "Key:  value" lines, nested by indentation and aligned
// per nesting level as kubectl's tabwriter aligns them, with sub-tables
// (conditions, events). describe_command.cpp writes the common metadata,
// the generic view and the Events; describe_kinds.cpp the views of Pod,
// Deployment, ReplicaSet, Service and Node.

#include <iosfwd>
#include <string>
#include <vector>

#include "herd/api/value.hpp"
#include "herdctl/table.hpp"

namespace herd::cli::herdctl {

class DescribeWriter {
 public:
  /// A "key:" line at `indent`, its value aligned with the level's other
  /// values.
  void field(int indent, const std::string& key, const std::string& value);
  /// A "key:" line with nothing after it (a section heading).
  void heading(int indent, const std::string& key);
  /// A map (labels, annotations) as kubectl prints it: the first pair on the
  /// key's line, the rest under it; "<none>" when empty.
  void pairs(int indent, const std::string& key, const api::Value* map);
  /// A table (already built) indented under the previous heading.
  void table(int indent, const Table& table);

  /// Writes every line.
  void print(std::ostream& out) const;

 private:
  struct Line {
    int indent = 0;
    std::string key;  ///< With its colon; "" for a raw line.
    std::string value;
    bool aligned = false;
  };
  std::vector<Line> lines_;
};

/// Name, Namespace, Labels, Annotations, CreationTimestamp, Controlled By.
void describe_metadata(const api::Value& object, bool namespaced, DescribeWriter& w);

/// The kind's own view; false when herdctl has none for `kind` (the caller
/// then writes the generic one).
bool describe_kind(const std::string& kind, const api::Value& object, DescribeWriter& w);

/// `object`'s fields but apiVersion, kind and metadata, as nested key: value
/// lines.
void describe_generic(const api::Value& object, DescribeWriter& w);

/// A Pod template's labels and containers (Deployment, ReplicaSet).
void describe_pod_template(const api::Value* pod_template, DescribeWriter& w);

/// status.conditions as a Type / Status / Reason table; nothing when absent.
void describe_conditions(const api::Value& object, DescribeWriter& w, bool with_reason);

/// "Mon, 02 Jan 2006 15:04:05 +0000", as kubectl shows times; the text
/// itself when it is not an RFC 3339 time.
std::string describe_time(const std::string& timestamp);

}  // namespace herd::cli::herdctl
