// The Boost.Beast HttpTransport: the only file of the image code that sees
// Beast or Asio. Each send() is one connection on an io_context of its own, driven by
// the calling thread: every step (resolve, connect, TLS handshake, write,
// each read) is an asynchronous operation with a deadline, run to completion
// before the next starts. That gives blocking calls with timeouts, which
// Beast's synchronous API lacks.

#include "image/http_transport.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/version.hpp>

namespace herd::runtime::image {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

constexpr std::size_t kChunkSize = 64 * 1024;
constexpr std::size_t kMaxErrorBody = 64 * 1024;

std::string describe(const beast::error_code& ec, std::chrono::milliseconds timeout) {
  if (ec == beast::error::timeout || ec == net::error::timed_out) {
    return "timed out after " + std::to_string(timeout.count()) + " ms";
  }
  return ec.message();
}

// Runs the operation `start` begins on `ioc` until its handler has run, and
// returns the error it reported. Operations on a beast::tcp_stream time out
// by its expiry; `limit` bounds the others (resolve) and is a backstop.
template <class Start>
beast::error_code run(net::io_context& ioc, std::chrono::milliseconds limit, Start&& start) {
  beast::error_code result;
  bool done = false;
  start([&result, &done](beast::error_code ec, auto&&...) {
    result = ec;
    done = true;
  });
  ioc.restart();
  ioc.run_for(limit);
  if (!done) {
    ioc.stop();  // abandon: the caller closes everything on return
    return net::error::timed_out;
  }
  return result;
}

class Connection {
 public:
  Connection(const TransportOptions& options, const Url& url) : options_(options), url_(url) {}

  // Writes `request` and reads the response on `stream`, already connected.
  template <class Stream>
  Result<HttpResponse> exchange(Stream& stream, const HttpRequest& request) {
    http::request<http::string_body> req{http::string_to_verb(request.method), request.url.target,
                                         11};
    req.set(http::field::host, request.url.authority());
    req.set(http::field::user_agent, "herd/0.1");
    req.set(http::field::connection, "close");
    for (const auto& [name, value] : request.headers) {
      req.set(name, value);
    }
    if (!request.body.empty() || request.method == "PUT" || request.method == "POST") {
      req.body() = request.body;
      req.prepare_payload();
    }
    lowest(stream).expires_after(options_.read_timeout);
    beast::error_code ec = run(ioc_, backstop(), [&](auto handler) {
      http::async_write(stream, req, std::move(handler));
    });
    if (ec) {
      return Status::unavailable("send to " + where() + ": " + describe(ec, options_.read_timeout));
    }
    return read_response(stream, request);
  }

  net::io_context& ioc() { return ioc_; }
  std::chrono::milliseconds backstop() const {
    return std::max(options_.connect_timeout, options_.read_timeout) + std::chrono::seconds(5);
  }
  std::string where() const { return url_.authority(); }
  std::string host_port() const {
    return (url_.host.find(':') == std::string::npos ? url_.host : "[" + url_.host + "]") + ":" +
           std::to_string(url_.port);
  }

  // Resolves the host and connects `socket_stream` to one of its addresses.
  Status connect(beast::tcp_stream& socket_stream) {
    tcp::resolver resolver(ioc_);
    tcp::resolver::results_type addresses;
    beast::error_code ec = run(ioc_, options_.connect_timeout, [&](auto handler) {
      resolver.async_resolve(url_.host, std::to_string(url_.port),
                             [&addresses, handler = std::move(handler)](
                                 beast::error_code e, tcp::resolver::results_type r) mutable {
                               addresses = std::move(r);
                               handler(e);
                             });
    });
    if (ec) {
      return Status::unavailable("resolve " + url_.host + ": " +
                                 describe(ec, options_.connect_timeout));
    }
    socket_stream.expires_after(options_.connect_timeout);
    ec = run(ioc_, backstop(),
             [&](auto handler) { socket_stream.async_connect(addresses, std::move(handler)); });
    if (ec) {
      return Status::unavailable("connect " + host_port() + ": " +
                                 describe(ec, options_.connect_timeout));
    }
    return Status();
  }

 private:
  static beast::tcp_stream& lowest(beast::tcp_stream& s) { return s; }
  static beast::tcp_stream& lowest(beast::ssl_stream<beast::tcp_stream>& s) {
    return beast::get_lowest_layer(s);
  }

  static std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  }

  template <class Stream>
  Result<HttpResponse> read_response(Stream& stream, const HttpRequest& request) {
    beast::flat_buffer buffer;
    http::response_parser<http::buffer_body> parser;
    // Bounded below, per use. Not boost::none: Beast 1.74 compares the
    // length with the empty optional and reports body_limit for every body.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    if (request.method == "HEAD") {
      parser.skip(true);
    }
    lowest(stream).expires_after(options_.read_timeout);
    beast::error_code ec = run(ioc_, backstop(), [&](auto handler) {
      http::async_read_header(stream, buffer, parser, std::move(handler));
    });
    if (ec) {
      return Status::unavailable("read from " + where() + ": " +
                                 describe(ec, options_.read_timeout));
    }
    HttpResponse response;
    response.status = static_cast<int>(parser.get().result_int());
    response.reason = std::string(parser.get().reason());
    for (const auto& field : parser.get()) {
      response.headers.emplace_back(lower(std::string(field.name_string())),
                                    std::string(field.value()));
    }
    bool success = response.status / 100 == 2;
    bool stream_body = success && request.body_sink != nullptr;
    std::size_t limit = success ? request.max_body : std::min(request.max_body, kMaxErrorBody);
    std::array<char, kChunkSize> chunk;
    while (!parser.is_done()) {
      parser.get().body().data = chunk.data();
      parser.get().body().size = chunk.size();
      lowest(stream).expires_after(options_.read_timeout);
      ec = run(ioc_, backstop(),
               [&](auto handler) { http::async_read(stream, buffer, parser, std::move(handler)); });
      if (ec == http::error::need_buffer) {
        ec = {};
      }
      if (ec) {
        return Status::unavailable("read from " + where() + ": " +
                                   describe(ec, options_.read_timeout));
      }
      std::string_view got(chunk.data(), chunk.size() - parser.get().body().size);
      if (stream_body) {
        if (!got.empty()) {
          HERD_RETURN_IF_ERROR(request.body_sink(got));
        }
      } else if (response.body.size() + got.size() > limit) {
        if (!success) {  // an error page: its start says enough
          response.body.append(got.substr(0, limit - response.body.size()));
          break;
        }
        return Status::unavailable("response body from " + where() + " larger than " +
                                   std::to_string(limit) + " bytes");
      } else {
        response.body.append(got);
      }
    }
    return response;
  }

  const TransportOptions& options_;
  const Url& url_;
  net::io_context ioc_;
};

class BeastTransport final : public HttpTransport {
 public:
  explicit BeastTransport(TransportOptions options)
      : options_(options), tls_(ssl::context::tls_client) {
    beast::error_code ec;
    tls_.set_default_verify_paths(ec);  // without a CA store every https peer fails to verify
    tls_.set_verify_mode(ssl::verify_peer, ec);
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    Connection connection(options_, request.url);
    if (request.url.scheme == "https") {
      return send_tls(connection, request);
    }
    beast::tcp_stream stream(connection.ioc());
    HERD_RETURN_IF_ERROR(connection.connect(stream));
    return connection.exchange(stream, request);
  }

 private:
  Result<HttpResponse> send_tls(Connection& connection, const HttpRequest& request) {
    beast::ssl_stream<beast::tcp_stream> stream(connection.ioc(), tls_);
    const std::string& host = request.url.host;
    if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
      return Status::unavailable("TLS with " + connection.where() + ": cannot set the server name");
    }
    stream.set_verify_callback(ssl::host_name_verification(host));
    HERD_RETURN_IF_ERROR(connection.connect(beast::get_lowest_layer(stream)));
    beast::get_lowest_layer(stream).expires_after(options_.connect_timeout);
    beast::error_code ec = run(connection.ioc(), connection.backstop(), [&](auto handler) {
      stream.async_handshake(ssl::stream_base::client, std::move(handler));
    });
    if (ec) {
      return Status::unavailable("TLS handshake with " + connection.where() + ": " +
                                 describe(ec, options_.connect_timeout));
    }
    return connection.exchange(stream, request);
  }

  TransportOptions options_;
  ssl::context tls_;
};

}  // namespace

std::unique_ptr<HttpTransport> make_beast_transport(TransportOptions options) {
  return std::make_unique<BeastTransport>(options);
}

}  // namespace herd::runtime::image
