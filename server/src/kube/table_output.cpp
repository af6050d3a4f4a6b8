#include "kube/table_output.hpp"

#include <chrono>

namespace herd::server::kube {

bool wants_table(const HttpRequest& request) {
  std::string accept = request.header("accept");
  return accept.find("as=Table") != std::string::npos && accept.find("g=meta.k8s.io") != std::string::npos;
}

Result<printers::TableOptions> table_options(const HttpRequest& request) {
  printers::TableOptions options;
  HERD_ASSIGN_OR_RETURN(options.include_object,
                        printers::parse_include_object(request.query_param("includeObject").value_or("")));
  std::string no_headers = request.query_param("noHeaders").value_or("");
  options.no_headers = no_headers == "true" || no_headers == "1";
  options.now_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  return options;
}

api::Value table_of(const api::KindInfo& kind, const std::vector<watch::CachedPtr>& objects,
                    const printers::TableOptions& options) {
  std::vector<printers::TableItem> items;
  items.reserve(objects.size());
  for (const watch::CachedPtr& o : objects) items.push_back({&o->object, std::to_string(o->revision)});
  return printers::table_for(kind, items, options);
}

}  // namespace herd::server::kube
