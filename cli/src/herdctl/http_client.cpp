#include "herdctl/http_client.hpp"

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <limits>

namespace herd::cli::herdctl {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Replies read whole (lists of many objects) may be large, but not unbounded.
constexpr std::uint64_t kMaxReplyBytes = 256ull << 20;

http::request<http::string_body> build_request(const HttpClient::Options& options, const std::string& host,
                                               const std::string& target, const HttpCall& call) {
  http::request<http::string_body> request{http::string_to_verb(call.method), target, 11};
  request.set(http::field::host, host);
  request.set(http::field::user_agent, options.user_agent);
  request.set(http::field::accept, call.accept);
  request.set("Herd-Command", options.command);
  if (!call.body.empty() || call.method == "POST" || call.method == "PUT" || call.method == "PATCH") {
    request.set(http::field::content_type, call.content_type.empty() ? "application/json" : call.content_type);
    request.body() = call.body;
  }
  request.prepare_payload();
  return request;
}

Status failure(const std::string& server, const beast::error_code& ec) {
  if (ec == beast::error::timeout) return Status::unavailable(server + ": timed out");
  return Status::unavailable("the connection to the server " + server + " failed: " + ec.message());
}

// An open connection with `call` sent to `target`; `stream` bounded by the timeout.
Status connect_and_send(beast::tcp_stream& stream, const HttpClient::Options& options, const std::string& host,
                        const std::string& port, const std::string& target, const HttpCall& call) {
  http::request<http::string_body> request = build_request(options, host, target, call);
  beast::error_code ec;
  tcp::resolver resolver(stream.get_executor());
  tcp::resolver::results_type endpoints = resolver.resolve(host, port, ec);
  if (ec) return failure(options.server, ec);
  stream.expires_after(options.timeout);
  stream.connect(endpoints, ec);
  if (ec) return failure(options.server, ec);
  http::write(stream, request, ec);
  if (ec) return failure(options.server, ec);
  return Status();
}

// The status and content type of a reply whose header has been read.
template <class Body>
HttpReply reply_head(const http::response_parser<Body>& parser) {
  HttpReply reply;
  reply.status = static_cast<int>(parser.get().result_int());
  reply.content_type = std::string(parser.get()[http::field::content_type]);
  return reply;
}

}  // namespace

Result<HttpClient> HttpClient::create(Options options) {
  const std::string& url = options.server;
  if (url.rfind("https://", 0) == 0) {
    return Status::invalid_argument("server " + url + ": herd serves plain HTTP; use an http:// URL");
  }
  if (url.rfind("http://", 0) != 0) return Status::invalid_argument("server " + url + ": not an http:// URL");
  std::string rest = url.substr(7);
  std::size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  std::string base_path = slash == std::string::npos ? "" : rest.substr(slash);
  while (!base_path.empty() && base_path.back() == '/') base_path.pop_back();
  std::size_t colon = authority.rfind(':');
  std::string host = authority.substr(0, colon);
  std::string port = colon == std::string::npos ? "80" : authority.substr(colon + 1);
  if (host.empty() || port.empty()) return Status::invalid_argument("server " + url + ": no host:port");
  return HttpClient(std::move(options), std::move(host), std::move(port), std::move(base_path));
}

Result<HttpReply> HttpClient::call(const HttpCall& call) const {
  asio::io_context io;
  beast::tcp_stream stream(io);
  HERD_RETURN_IF_ERROR(connect_and_send(stream, options_, host_, port_, base_path_ + call.target, call));
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxReplyBytes);
  beast::error_code ec;
  http::read(stream, buffer, parser, ec);
  if (ec) return failure(options_.server, ec);
  HttpReply reply = reply_head(parser);
  reply.body = std::move(parser.get().body());
  return reply;
}

Result<HttpReply> HttpClient::stream(const HttpCall& call, const ChunkHandler& on_data,
                                     std::optional<std::chrono::steady_clock::time_point> deadline) const {
  asio::io_context io;
  beast::tcp_stream stream(io);
  HERD_RETURN_IF_ERROR(connect_and_send(stream, options_, host_, port_, base_path_ + call.target, call));
  beast::flat_buffer buffer;
  http::response_parser<http::buffer_body> parser;
  // Not boost::none: Boost 1.74 compares a Content-Length against an empty
  // limit as exceeding it.
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code ec;
  http::read_header(stream, buffer, parser, ec);
  if (ec) return failure(options_.server, ec);
  HttpReply reply = reply_head(parser);
  if (deadline) {
    stream.expires_at(*deadline);
  } else {
    stream.expires_never();
  }
  std::array<char, 16384> chunk;
  while (!parser.is_done()) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    // read_some returns with what has come (a watch event, a log line);
    // read would wait for the chunk buffer to fill.
    http::read_some(stream, buffer, parser, ec);
    if (ec == http::error::need_buffer) ec = {};
    if (ec) return failure(options_.server, ec);
    std::string_view data(chunk.data(), chunk.size() - parser.get().body().size);
    if (!reply.success()) {
      if (reply.body.size() < kMaxReplyBytes) reply.body.append(data);
    } else if (!data.empty() && !on_data(data)) {
      break;
    }
  }
  return reply;
}

}  // namespace herd::cli::herdctl
