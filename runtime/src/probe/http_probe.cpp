#include "probe/http_probe.hpp"

#include <string>

#include "probe/net_stream.hpp"

namespace herd::runtime::probe {
namespace {

constexpr std::size_t kMaxHead = 64 * 1024;
constexpr int kMaxRedirects = 10;
constexpr std::string_view kAwaitingHeaders = " (Client.Timeout exceeded while awaiting headers)";

struct Response {
  ResponseHead head;
  std::string body;  // at most kMaxProbeBody
};

bool past(Deadline deadline) { return std::chrono::steady_clock::now() >= deadline; }

// A read or write error while waiting for the head, worded as Go's client.
Status head_error(const Status& status, Deadline deadline) {
  if (past(deadline)) {
    return Status::unavailable("context deadline exceeded" + std::string(kAwaitingHeaders));
  }
  return status;
}

// Reads until the blank line that ends the head; `rest` gets what followed it.
// A status line that is not HTTP fails as soon as it has arrived.
Result<ResponseHead> read_head(NetStream& stream, Deadline deadline, std::string* rest) {
  std::string received;
  char buffer[4096];
  for (;;) {
    std::size_t end = received.find("\r\n\r\n");
    if (end != std::string::npos) {
      *rest = received.substr(end + 4);
      return parse_response_head(std::string_view(received).substr(0, end));
    }
    if (std::size_t eol = received.find('\n'); eol != std::string::npos) {
      HERD_RETURN_IF_ERROR(parse_response_head(std::string_view(received).substr(0, eol)).status());
    }
    if (received.size() > kMaxHead) {
      return Status::unavailable("net/http: server response headers exceeded " +
                                 std::to_string(kMaxHead) + " bytes");
    }
    Result<std::size_t> n = stream.read_some(buffer, sizeof buffer, deadline);
    if (!n.ok()) {
      return head_error(n.status(), deadline);
    }
    if (*n == 0) {
      if (received.empty()) {
        return Status::unavailable("EOF");
      }
      Result<ResponseHead> partial = parse_response_head(received);
      return partial.ok() ? Status::unavailable("unexpected EOF") : partial.status();
    }
    received.append(buffer, *n);
  }
}

// Reads the body after `raw` (its first bytes, come with the head) up to
// kMaxProbeBody, its length, its last chunk or the end of the stream.
Result<std::string> read_body(NetStream& stream, const ResponseHead& head, std::string raw,
                              Deadline deadline) {
  char buffer[4096];
  for (;;) {
    ChunkedBody decoded = head.chunked ? decode_chunked(raw) : ChunkedBody{raw, false};
    std::string body = std::move(decoded.data);
    bool complete =
        head.chunked ? decoded.complete : head.content_length && raw.size() >= *head.content_length;
    if (complete || body.size() >= kMaxProbeBody) {
      body.resize(
          std::min({body.size(), kMaxProbeBody, head.content_length.value_or(body.size())}));
      return body;
    }
    Result<std::size_t> n = stream.read_some(buffer, sizeof buffer, deadline);
    if (!n.ok()) {
      return Status::unavailable(past(deadline) ? "context deadline exceeded (Client.Timeout or "
                                                  "context cancellation while reading body)"
                                                : n.status().message());
    }
    if (*n == 0) {
      return body;  // the server closed: that is the body
    }
    raw.append(buffer, *n);
  }
}

// One request and its response.
Result<Response> fetch(const Url& url, const std::vector<api::HttpHeader>& headers,
                       Deadline deadline) {
  Result<std::unique_ptr<NetStream>> stream = url.scheme == "https"
                                                  ? dial_tls(url.host, url.port, deadline)
                                                  : dial_tcp(url.host, url.port, deadline);
  if (!stream.ok()) {
    bool timed_out = past(deadline);
    return Status::unavailable(stream.status().message() +
                               (timed_out ? std::string(kAwaitingHeaders) : ""));
  }
  if (Status sent = (*stream)->write_all(format_request(url, headers), deadline); !sent.ok()) {
    return head_error(sent, deadline);
  }
  std::string rest;
  HERD_ASSIGN_OR_RETURN(ResponseHead head, read_head(**stream, deadline, &rest));
  HERD_ASSIGN_OR_RETURN(std::string body, read_body(**stream, head, std::move(rest), deadline));
  return Response{std::move(head), std::move(body)};
}

bool is_redirect(const ResponseHead& head) {
  int s = head.status;
  return (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && !head.location.empty();
}

}  // namespace

ProbeOutcome http_probe(const Url& url, const std::vector<api::HttpHeader>& headers,
                        std::chrono::milliseconds timeout) {
  Deadline deadline = std::chrono::steady_clock::now() + timeout;
  Url current = url;
  for (int redirects = 0;; ++redirects) {
    Result<Response> response = fetch(current, headers, deadline);
    if (!response.ok()) {
      return ProbeOutcome::failure("Get \"" + current.to_string() +
                                   "\": " + response.status().message());
    }
    const ResponseHead& head = response->head;
    if (is_redirect(head)) {
      Result<Url> next = resolve_location(current, head.location);
      if (!next.ok()) {
        return ProbeOutcome::failure("Get \"" + current.to_string() +
                                     "\": " + next.status().message());
      }
      // Like the kubelet's client: only a redirect to the same host is followed.
      if (next->host == url.host) {
        if (redirects + 1 >= kMaxRedirects) {
          return ProbeOutcome::failure("Get \"" + next->to_string() + "\": stopped after " +
                                       std::to_string(kMaxRedirects) + " redirects");
        }
        current = *std::move(next);
        continue;
      }
    }
    if (head.status >= 200 && head.status < 300) {
      return ProbeOutcome::success();
    }
    if (head.status >= 300 && head.status < 400) {
      return ProbeOutcome::warning("Probe terminated redirects, Response body: " + response->body);
    }
    return ProbeOutcome::failure("HTTP probe failed with statuscode: " +
                                 std::to_string(head.status));
  }
}

}  // namespace herd::runtime::probe
