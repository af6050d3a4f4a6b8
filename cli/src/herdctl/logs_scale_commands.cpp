// `logs` and `scale`: the two commands that act on one subresource of an
// object (pods/log, <kind>/scale).

#include <ostream>

#include "herdctl/commands.hpp"
#include "herdctl/resources.hpp"

namespace herd::cli::herdctl {

int run_logs(const LogsOptions& options, Session& session) {
  std::string pod = options.pod;
  if (std::size_t slash = pod.find('/'); slash != std::string::npos) {
    Result<const api::KindInfo*> kind = resolve_kind(pod.substr(0, slash));
    if (!kind.ok()) return report_error(kind.status(), session.err);
    if ((*kind)->kind != "Pod") {
      return report_error(Status::unimplemented("logs reads pods; give pod/NAME or NAME"), session.err);
    }
    pod = pod.substr(slash + 1);
  }
  const api::KindInfo* pods = api::find_kind("Pod");
  std::map<std::string, std::string> params{{"container", options.container}};
  if (options.follow) params["follow"] = "true";
  if (options.previous) params["previous"] = "true";
  if (options.tail && *options.tail >= 0) params["tailLines"] = std::to_string(*options.tail);
  Status streamed =
      session.api.stream_text(with_query(object_path(*pods, session.namespace_, pod, "log"), params), session.out);
  return streamed.ok() ? 0 : report_error(streamed, session.err);
}

int run_scale(const ScaleOptions& options, Session& session) {
  if (options.replicas < 0) {
    return report_error(Status::invalid_argument("The --replicas=COUNT flag is required, and COUNT must be "
                                                 "greater than or equal to 0"),
                        session.err);
  }
  Result<std::vector<ResourceRef>> refs = parse_resource_args(options.resources);
  if (!refs.ok()) return report_error(refs.status(), session.err);
  api::Value spec = api::Value::object();
  spec.set("replicas", api::Value::integer(options.replicas));
  api::Value patch = api::Value::object();
  patch.set("spec", std::move(spec));
  int code = 0;
  for (const ResourceRef& ref : *refs) {
    if (ref.name.empty()) {
      code =
          report_error(Status::invalid_argument("resource(s) were provided, but no name was specified"), session.err);
      continue;
    }
    std::string path =
        object_path(*ref.kind, request_namespace(*ref.kind, session.namespace_, false), ref.name, "scale");
    Result<api::Value> scaled = session.api.send("PATCH", path, patch, kMergePatch);
    if (!scaled.ok()) {
      code = report_error(scaled.status(), session.err);
      continue;
    }
    session.out << qualified_name(*ref.kind, ref.name) << " scaled\n";
  }
  return code;
}

}  // namespace herd::cli::herdctl
