#include "kube/log_handler.hpp"

#include <thread>

#include "herd/events/event.hpp"
#include "herd/server/response_stream.hpp"

namespace herd::server::kube {
namespace {

bool flag(const HttpRequest& request, std::string_view name) {
  std::optional<std::string> v = request.query_param(name);
  return v && (*v == "true" || *v == "1");
}

std::vector<std::string> container_names(const api::Pod& pod) {
  std::vector<std::string> names;
  for (const api::Container& c : pod.spec.init_containers) names.push_back(c.name);
  for (const api::Container& c : pod.spec.containers) names.push_back(c.name);
  return names;
}

// The request as the node reads it, or the failure to answer.
Result<runtime::ContainerLogRequest> log_request(const api::Pod& pod, const HttpRequest& request) {
  runtime::ContainerLogRequest out;
  out.pod_uid = pod.metadata.uid;
  out.pod_name = pod.metadata.name;
  out.container = request.query_param("container").value_or("");
  std::vector<std::string> names = container_names(pod);
  if (out.container.empty()) {
    if (pod.spec.containers.size() != 1) {
      std::string choices;
      for (const api::Container& c : pod.spec.containers) choices += (choices.empty() ? "" : " ") + c.name;
      return Status::invalid_argument("a container name must be specified for pod " + pod.metadata.name +
                                      ", choose one of: [" + choices + "]");
    }
    out.container = pod.spec.containers.front().name;
  } else if (std::find(names.begin(), names.end(), out.container) == names.end()) {
    return Status::invalid_argument("container " + out.container + " is not valid for pod " + pod.metadata.name);
  }
  out.previous = flag(request, "previous");
  out.follow = flag(request, "follow");
  out.timestamps = flag(request, "timestamps");
  HERD_ASSIGN_OR_RETURN(out.tail_lines, int_param(request, "tailLines"));
  HERD_ASSIGN_OR_RETURN(out.limit_bytes, int_param(request, "limitBytes"));
  HERD_ASSIGN_OR_RETURN(std::optional<int64_t> since_seconds, int_param(request, "sinceSeconds"));
  if (since_seconds) {
    if (*since_seconds <= 0) return Status::invalid_argument("sinceSeconds must be greater than 0");
    out.since_time = std::chrono::system_clock::now() - std::chrono::seconds(*since_seconds);
  }
  if (std::optional<std::string> since = request.query_param("sinceTime"); since && !since->empty()) {
    Result<int64_t> ns = events::parse_time(*since);
    if (!ns.ok()) return Status::invalid_argument("sinceTime '" + *since + "' is not an RFC 3339 time");
    out.since_time = Clock::TimePoint(std::chrono::duration_cast<Clock::TimePoint::duration>(std::chrono::nanoseconds(*ns)));
  }
  if (out.tail_lines && *out.tail_lines < 0) return Status::invalid_argument("tailLines must be >= 0");
  if (out.limit_bytes && *out.limit_bytes <= 0) return Status::invalid_argument("limitBytes must be greater than 0");
  return out;
}

HttpResponse stream_log(std::shared_ptr<const runtime::ContainerLogs> logs, runtime::ContainerLogRequest request) {
  auto stream = std::make_shared<ResponseStream>();
  auto stop = std::make_shared<std::stop_source>();
  stream->on_close([stop] { stop->request_stop(); });
  // The read blocks while it follows: it gets a thread of its own, which
  // owns what it uses, so it may outlive the request's handler.
  std::thread([logs = std::move(logs), request = std::move(request), stream, stop] {
    Status read = logs->read(
        request,
        [&](std::string_view chunk) {
          return stream->push(std::string(chunk)) ? Status() : Status::unavailable("the client went away");
        },
        stop->get_token());
    if (!read.ok() && !stream->closed()) stream->push(read.message() + "\n");
    stream->finish();
  }).detach();
  HttpResponse response = HttpResponse::text(200, "");
  response.stream = std::move(stream);
  return response;
}

}  // namespace

HttpResponse handle_pod_log(const ApiContext& ctx, std::shared_ptr<const runtime::ContainerLogs> logs,
                            const ResourcePath& path, const HttpRequest& request) {
  if (path.kind->kind != "Pod") return failure_response(404, "NotFound", "only pods have logs");
  watch::CachedPtr object = ctx.cache.get("Pod", path.namespace_, path.name);
  if (object == nullptr) return not_found_response(*path.kind, path.name);
  const auto& pod = std::get<api::Pod>(object->object);
  Result<runtime::ContainerLogRequest> log = log_request(pod, request);
  if (!log.ok()) return bad_request(log.status().message());
  if (logs == nullptr) {
    return bad_request("pod " + pod.metadata.name + " runs on node " + pod.spec.node_name +
                       ", which keeps no container logs (a simulated node)");
  }
  if (log->follow) return stream_log(std::move(logs), std::move(*log));
  std::string text;
  Status read = logs->read(*log, [&](std::string_view chunk) {
    text += chunk;
    return Status();
  });
  if (!read.ok()) {
    if (read.code() == StatusCode::kNotFound) return bad_request(read.message());
    return failure_response(read);
  }
  return HttpResponse::text(200, std::move(text));
}

}  // namespace herd::server::kube
