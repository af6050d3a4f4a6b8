#include "herdctl/api_client.hpp"

#include <ostream>

#include "herd/api/codec.hpp"

namespace herd::cli::herdctl {
namespace {

constexpr char kServerErrorPrefix[] = "Error from server";

Status status_for_reason(const std::string& reason, std::string message) {
  if (reason == "NotFound") return Status::not_found(std::move(message));
  if (reason == "AlreadyExists") return Status::already_exists(std::move(message));
  if (reason == "Conflict") return Status::conflict(std::move(message));
  if (reason == "Invalid" || reason == "BadRequest") return Status::invalid_argument(std::move(message));
  if (reason == "ServiceUnavailable" || reason == "Timeout") return Status::unavailable(std::move(message));
  if (reason == "NotImplemented" || reason == "MethodNotAllowed") return Status::unimplemented(std::move(message));
  return Status::internal(std::move(message));
}

std::string string_member(const api::Value& object, std::string_view key) {
  const api::Value* v = object.find(key);
  return v != nullptr && v->is_string() ? v->as_string() : "";
}

Result<api::Value> parse_reply(const Result<HttpReply>& reply) {
  if (!reply.ok()) return reply.status();
  if (!reply->success()) return server_error(*reply);
  Result<api::Value> body = api::parse_json_value(reply->body);
  if (!body.ok()) return Status::corrupt("the server's reply is not JSON: " + body.status().message());
  return body;
}

}  // namespace

Status server_error(const HttpReply& reply) {
  Result<api::Value> body = api::parse_json_value(reply.body);
  if (body.ok() && string_member(*body, "kind") == "Status") {
    std::string reason = string_member(*body, "reason");
    std::string message = string_member(*body, "message");
    std::string line = std::string(kServerErrorPrefix) + (reason.empty() ? "" : " (" + reason + ")") + ": " + message;
    return status_for_reason(reason, std::move(line));
  }
  std::string text = reply.body.substr(0, 200);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  std::string reason = reply.status == 404 ? "NotFound" : reply.status == 409 ? "Conflict" : "";
  return status_for_reason(reason, std::string(kServerErrorPrefix) + ": the server responded with status " +
                                       std::to_string(reply.status) + (text.empty() ? "" : ": " + text));
}

int report_error(const Status& status, std::ostream& err) {
  if (status.message().rfind(kServerErrorPrefix, 0) == 0) {
    err << status.message() << "\n";
  } else {
    err << "error: " << status.message() << "\n";
  }
  return 1;
}

Result<api::Value> ApiClient::get(const std::string& target, const std::string& accept) const {
  HttpCall call;
  call.target = target;
  call.accept = accept;
  return parse_reply(http_.call(call));
}

Result<api::Value> ApiClient::send(const std::string& method, const std::string& target, const api::Value& body,
                                   const std::string& content_type) const {
  HttpCall call;
  call.method = method;
  call.target = target;
  call.body = api::to_json(body);
  call.content_type = content_type;
  return parse_reply(http_.call(call));
}

Status ApiClient::watch(const std::string& target, const WatchHandler& on_event, const std::string& accept,
                        std::optional<std::chrono::steady_clock::time_point> deadline) const {
  HttpCall call;
  call.target = target;
  call.accept = accept;
  std::string pending;
  Status broken;
  // Events are JSON objects one per line; a chunk may end mid-line.
  auto on_data = [&](std::string_view data) {
    pending.append(data);
    std::size_t start = 0;
    for (std::size_t end; (end = pending.find('\n', start)) != std::string::npos; start = end + 1) {
      std::string_view line(pending.data() + start, end - start);
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      Result<api::Value> event = api::parse_json_value(line);
      if (!event.ok() || event->find("object") == nullptr) {
        broken =
            Status::corrupt("the server sent a watch line that is not an event: " + std::string(line.substr(0, 200)));
        return false;
      }
      WatchEvent parsed{string_member(*event, "type"), std::move(*event->find("object"))};
      if (!on_event(parsed)) return false;
    }
    pending.erase(0, start);
    return true;
  };
  Result<HttpReply> reply = http_.stream(call, on_data, deadline);
  if (!reply.ok()) return reply.status();
  if (!reply->success()) return server_error(*reply);
  return broken;
}

Status ApiClient::stream_text(const std::string& target, std::ostream& out) const {
  HttpCall call;
  call.target = target;
  call.accept = "*/*";
  Result<HttpReply> reply = http_.stream(call, [&](std::string_view data) {
    out << data;
    out.flush();
    return static_cast<bool>(out);
  });
  if (!reply.ok()) return reply.status();
  if (!reply->success()) return server_error(*reply);
  return Status();
}

}  // namespace herd::cli::herdctl
