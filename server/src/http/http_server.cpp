// The Beast side of HttpServer. One io_context runs the acceptor and every
// connection (each on its own strand); complete requests go to a thread pool
// where the Router runs, and the answer is posted back to the connection's
// strand to be written. A connection's life:
//
//   read ──(request)──► handler thread ──(response)──► write ──(keep-alive)──► read
//     │ timeout / EOF / error                              │ close requested
//     ▼                                                    ▼
//   close ◄────────────────────────────────────────────────┘
//
// A streamed response (a watch) writes its header, then each batch of
// chunks the producer queued, until the producer finishes, the client goes
// (a read on the socket ends), the stream overflows or its deadline passes;
// then the connection closes.
//
// Limits answered before any handler runs: a body over body_limit (413), a
// header over header_limit (431), a malformed request (400); each then
// closes the connection.

#include "herd/server/http_server.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "herd/base/logging.hpp"
#include "herd/server/api_status.hpp"
#include "herd/server/response_stream.hpp"

namespace herd::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// What every connection shares: the routes, the limits and the handler pool.
struct Shared {
  HttpServerOptions options;
  Router router;
  asio::thread_pool* handlers = nullptr;
};

HttpRequest to_request(http::request<http::string_body>&& in) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out.body = std::move(in.body());
  parse_target(out);
  return out;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, const Shared& shared) : stream_(std::move(socket)), shared_(shared) {}
  // A server stopping mid-stream still tells the producer.
  ~Session() {
    if (body_stream_) body_stream_->close();
  }

  void run() { asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this())); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(shared_.options.body_limit);
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.header_limit));
    stream_.expires_after(shared_.options.read_timeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted) {
      return close();
    }
    if (ec == http::error::body_limit) {
      return write(failure_response(413, "RequestEntityTooLarge", "the request body is larger than " +
                                   std::to_string(shared_.options.body_limit) + " bytes"), false);
    }
    if (ec == http::error::header_limit) {
      return write(failure_response(431, "RequestHeaderFieldsTooLarge", "the request header is too large"), false);
    }
    if (ec) {
      // A broken request gets an answer; a broken connection does not.
      if (&ec.category() != &http::make_error_code(http::error::bad_method).category()) return close();
      return write(failure_response(400, "BadRequest", "malformed HTTP request: " + ec.message()), false);
    }
    stream_.expires_never();  // the handler may take long; the write sets its own timeout
    http::request<http::string_body> request = parser_->release();
    bool keep_alive = request.keep_alive();
    version_ = request.version();
    auto self = shared_from_this();
    asio::post(*shared_.handlers, [self, keep_alive, request = to_request(std::move(request))]() mutable {
      HttpResponse response = self->shared_.router.dispatch(std::move(request));
      asio::post(self->stream_.get_executor(), [self, keep_alive, response = std::move(response)]() mutable {
        if (response.stream) return self->start_stream(std::move(response));
        self->write(std::move(response), keep_alive);
      });
    });
  }

  void write(HttpResponse response, bool keep_alive) {
    response_.emplace(static_cast<http::status>(response.status), version_);
    response_->set(http::field::server, "herd");
    response_->set(http::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) response_->insert(name, value);
    response_->body() = std::move(response.body);
    response_->keep_alive(keep_alive);
    response_->prepare_payload();
    stream_.expires_after(shared_.options.write_timeout);
    http::async_write(stream_, *response_,
                      beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec || !keep_alive) return close();
    response_.reset();
    read();
  }

  void start_stream(HttpResponse response) {
    body_stream_ = std::move(response.stream);
    stream_header_.emplace(static_cast<http::status>(response.status), version_);
    stream_header_->set(http::field::server, "herd");
    stream_header_->set(http::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) stream_header_->insert(name, value);
    stream_header_->chunked(true);
    stream_header_->keep_alive(false);
    serializer_.emplace(*stream_header_);
    stream_.expires_after(shared_.options.write_timeout);
    http::async_write_header(stream_, *serializer_,
                             beast::bind_front_handler(&Session::on_stream_header, shared_from_this()));
  }

  void on_stream_header(beast::error_code ec, std::size_t) {
    if (ec) return end_stream();
    stream_.expires_never();
    std::weak_ptr<Session> weak = shared_from_this();
    auto executor = stream_.get_executor();
    body_stream_->set_wake([weak, executor] {
      asio::post(executor, [weak] {
        if (auto self = weak.lock()) self->pump();
      });
    });
    // The client sends nothing while it watches: a read that ends means it left.
    stream_.socket().async_read_some(asio::buffer(probe_),
                                     [self = shared_from_this()](beast::error_code, std::size_t) { self->end_stream(); });
    deadline_.emplace(stream_.get_executor());
    deadline_->expires_after(body_stream_->max_duration());
    deadline_->async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec && self->body_stream_) self->body_stream_->finish();
    });
    pump();
  }

  // Writes what the producer queued; one write at a time.
  void pump() {
    if (writing_ || !body_stream_ || !stream_.socket().is_open()) return;
    ResponseStream::Taken taken = body_stream_->take();
    if (taken.closed) return end_stream();
    if (!taken.data.empty()) {
      writing_ = true;
      chunk_ = std::move(taken.data);
      stream_.expires_after(shared_.options.write_timeout);
      asio::async_write(stream_, http::make_chunk(asio::buffer(chunk_)),
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                          self->writing_ = false;
                          if (ec) return self->end_stream();
                          self->stream_.expires_never();
                          self->pump();
                        });
      return;
    }
    if (taken.finished) {
      writing_ = true;
      stream_.expires_after(shared_.options.write_timeout);
      asio::async_write(stream_, http::make_chunk_last(),
                        [self = shared_from_this()](beast::error_code, std::size_t) { self->end_stream(); });
    }
  }

  void end_stream() {
    if (deadline_) deadline_->cancel();
    if (body_stream_) {
      std::shared_ptr<ResponseStream> body = std::move(body_stream_);
      body->close();
    }
    close();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  const Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::string_body>> response_;
  unsigned version_ = 11;
  // A streamed response.
  std::shared_ptr<ResponseStream> body_stream_;
  std::optional<http::response<http::empty_body>> stream_header_;
  std::optional<http::response_serializer<http::empty_body>> serializer_;
  std::optional<asio::steady_timer> deadline_;
  std::string chunk_;
  char probe_[1];
  bool writing_ = false;
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, Router router)
      : ioc_(std::make_unique<asio::io_context>()),
        handlers_(std::make_unique<asio::thread_pool>(static_cast<std::size_t>(std::max(1, options.handler_threads)))),
        acceptor_(std::make_unique<tcp::acceptor>(asio::make_strand(*ioc_))) {
    shared_.options = std::move(options);
    shared_.router = std::move(router);
    shared_.handlers = handlers_.get();
  }

  ~Impl() { stop(); }

  Status bind() {
    beast::error_code ec;
    asio::ip::address address = asio::ip::make_address(shared_.options.listen.host, ec);
    if (ec) return Status::invalid_argument("listen address " + shared_.options.listen.host + ": " + ec.message());
    tcp::endpoint endpoint(address, shared_.options.listen.port);
    std::string where = shared_.options.listen.host + ":" + std::to_string(shared_.options.listen.port);
    if (acceptor_->open(endpoint.protocol(), ec); ec) return Status::unavailable("open " + where + ": " + ec.message());
    if (acceptor_->set_option(asio::socket_base::reuse_address(true), ec); ec) {
      return Status::unavailable("reuse_address on " + where + ": " + ec.message());
    }
    if (acceptor_->bind(endpoint, ec); ec) return Status::unavailable("bind " + where + ": " + ec.message());
    if (acceptor_->listen(asio::socket_base::max_listen_connections, ec); ec) {
      return Status::unavailable("listen on " + where + ": " + ec.message());
    }
    port_ = acceptor_->local_endpoint().port();
    return Status();
  }

  void run() {
    accept();
    int threads = std::max(1, shared_.options.io_threads);
    for (int i = 0; i < threads; ++i) io_threads_.emplace_back([this] { ioc_->run(); });
  }

  // The order matters: handlers still running finish and post their answers
  // to the io_context, which is then stopped; destroying the pool, the
  // acceptor and last the io_context drops every connection still open
  // (their sockets close), while each still has the io_context it needs.
  void stop() {
    if (stopped_.exchange(true)) return;
    handlers_->stop();
    handlers_->join();
    ioc_->stop();
    for (std::thread& t : io_threads_) t.join();
    io_threads_.clear();
    handlers_.reset();
    acceptor_.reset();
    ioc_.reset();
  }

  uint16_t port() const { return port_; }
  const std::string& host() const { return shared_.options.listen.host; }

 private:
  void accept() {
    acceptor_->async_accept(asio::make_strand(*ioc_), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor_->is_open()) return;
      if (ec) {
        HERD_LOG(kWarning, "http") << "accept: " << ec.message();
      } else {
        std::make_shared<Session>(std::move(socket), shared_)->run();
      }
      accept();
    });
  }

  Shared shared_;
  std::unique_ptr<asio::io_context> ioc_;
  std::unique_ptr<asio::thread_pool> handlers_;
  std::unique_ptr<tcp::acceptor> acceptor_;
  std::vector<std::thread> io_threads_;
  std::atomic<bool> stopped_{false};
  uint16_t port_ = 0;
};

Result<ListenAddress> parse_listen_address(std::string_view text) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return Status::invalid_argument("listen address '" + std::string(text) + "' is not HOST:PORT");
  std::string host(text.substr(0, colon));
  std::string_view port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return Status::invalid_argument("listen address '" + std::string(text) + "': bad port '" + std::string(port_text) + "'");
  }
  if (host == "localhost") host = "127.0.0.1";
  beast::error_code bad;
  asio::ip::address address = asio::ip::make_address(host, bad);
  if (bad || !address.is_v4() || !address.is_loopback()) {
    return Status::invalid_argument("listen address '" + std::string(text) +
                                    "': herd serves on loopback only (127.0.0.1); put a proxy in front to "
                                    "reach it from elsewhere");
  }
  return ListenAddress{host, static_cast<uint16_t>(port)};
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;

Result<std::unique_ptr<HttpServer>> HttpServer::start(HttpServerOptions options, Router router) {
  std::string address = options.listen.host + ":" + std::to_string(options.listen.port);
  Result<ListenAddress> checked = parse_listen_address(address);
  if (!checked.ok()) return checked.status();
  auto impl = std::make_unique<Impl>(std::move(options), std::move(router));
  HERD_RETURN_IF_ERROR(impl->bind());
  impl->run();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

uint16_t HttpServer::port() const { return impl_->port(); }

std::string HttpServer::url() const { return "http://" + impl_->host() + ":" + std::to_string(impl_->port()); }

void HttpServer::stop() { impl_->stop(); }

}  // namespace herd::server
