// The Beast transport against sockets on 127.0.0.1 that this test opens:
// refused connections, silent servers, and canned HTTP answers.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "image/http_transport.hpp"

namespace herd::runtime::image {
namespace {

using namespace std::chrono_literals;

// A listening socket on 127.0.0.1 and a free port; closed on destruction.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~Listener() { close(); }
  void listen() { EXPECT_EQ(::listen(fd_, 8), 0); }
  void close() {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  // Accepts one connection, reads the request head (unless `read_request`
  // is false), writes `answer` and closes.
  std::thread serve_once(std::string answer, bool read_request = true) {
    return std::thread([this, answer = std::move(answer), read_request] {
      int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) {
        return;
      }
      std::string request;
      char buffer[4096];
      while (read_request && request.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::read(client, buffer, sizeof buffer);
        if (n <= 0) {
          break;
        }
        request.append(buffer, static_cast<std::size_t>(n));
      }
      last_request = request;
      (void)!::write(client, answer.data(), answer.size());
      ::shutdown(client, SHUT_WR);
      ::close(client);
    });
  }
  uint16_t port() const { return port_; }
  Url url(std::string_view scheme = "http", std::string_view path = "/v2/") const {
    return *Url::parse(std::string(scheme) + "://127.0.0.1:" + std::to_string(port_) +
                       std::string(path));
  }
  std::string last_request;

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

std::unique_ptr<HttpTransport> transport(std::chrono::milliseconds read_timeout = 5s) {
  return make_beast_transport(TransportOptions{2s, read_timeout});
}

TEST(BeastTransport, ConnectionRefused) {
  Listener closed;
  uint16_t port = closed.port();
  closed.close();  // nothing listens there now
  HttpRequest request;
  request.url = *Url::parse("http://127.0.0.1:" + std::to_string(port) + "/v2/");
  auto response = transport()->send(request);
  EXPECT_EQ(response.status(), Status::unavailable("connect 127.0.0.1:" + std::to_string(port) +
                                                   ": Connection refused"));
}

TEST(BeastTransport, ReadTimesOutWhenTheServerSaysNothing) {
  Listener silent;
  silent.listen();  // the kernel completes the connection; nobody answers
  HttpRequest request;
  request.url = silent.url();
  auto started = std::chrono::steady_clock::now();
  auto response = transport(300ms)->send(request);
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(response.status(),
            Status::unavailable("read from 127.0.0.1:" + std::to_string(silent.port()) +
                                ": timed out after 300 ms"));
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 3s);
}

TEST(BeastTransport, StreamsAChunkedBodyAndLowerCasesHeaders) {
  Listener server;
  server.listen();
  std::thread thread = server.serve_once(
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDocker-Content-Digest: sha256:x\r\n"
      "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  HttpRequest request;
  request.url = server.url("http", "/v2/x/blobs/sha256:1");
  request.headers.emplace_back("Authorization", "Bearer t");
  std::string streamed;
  request.body_sink = [&streamed](std::string_view chunk) {
    streamed += chunk;
    return Status();
  };
  auto response = transport()->send(request);
  thread.join();
  ASSERT_TRUE(response.ok()) << response.status().to_string();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("docker-content-digest"), "sha256:x");
  EXPECT_EQ(response->body, "");
  EXPECT_EQ(streamed, "hello world");
  EXPECT_NE(server.last_request.find("GET /v2/x/blobs/sha256:1 HTTP/1.1\r\n"), std::string::npos);
  EXPECT_NE(server.last_request.find("Authorization: Bearer t\r\n"), std::string::npos);
  EXPECT_NE(server.last_request.find("Host: 127.0.0.1:" + std::to_string(server.port()) + "\r\n"),
            std::string::npos);
}

TEST(BeastTransport, ErrorBodiesAreBufferedNotStreamed) {
  Listener server;
  server.listen();
  std::thread thread = server.serve_once(
      "HTTP/1.1 404 Not Found\r\nContent-Length: 22\r\n\r\n{\"errors\":[{\"x\":\"y\"}]}");
  HttpRequest request;
  request.url = server.url();
  bool streamed = false;
  request.body_sink = [&streamed](std::string_view) {
    streamed = true;
    return Status();
  };
  auto response = transport()->send(request);
  thread.join();
  ASSERT_TRUE(response.ok()) << response.status().to_string();
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->reason, "Not Found");
  EXPECT_EQ(response->body, "{\"errors\":[{\"x\":\"y\"}]}");
  EXPECT_FALSE(streamed);
}

TEST(BeastTransport, BufferedBodyLimit) {
  Listener server;
  server.listen();
  std::thread thread = server.serve_once("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789");
  HttpRequest request;
  request.url = server.url();
  request.max_body = 4;
  auto response = transport()->send(request);
  thread.join();
  EXPECT_EQ(response.status().to_string(),
            Status::unavailable("response body from 127.0.0.1:" + std::to_string(server.port()) +
                                " larger than 4 bytes")
                .to_string());
}

TEST(BeastTransport, TheSinksErrorStopsTheTransfer) {
  Listener server;
  server.listen();
  std::thread thread = server.serve_once("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
  HttpRequest request;
  request.url = server.url();
  request.body_sink = [](std::string_view) { return Status::corrupt("no thanks"); };
  auto response = transport()->send(request);
  thread.join();
  EXPECT_EQ(response.status().to_string(), Status::corrupt("no thanks").to_string());
}

TEST(BeastTransport, HttpsToAPlainServerFailsTheHandshake) {
  Listener server;
  server.listen();
  std::thread thread =
      server.serve_once("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", false);
  HttpRequest request;
  request.url = server.url("https");
  auto response = transport()->send(request);
  thread.join();
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(response.status().message().rfind(
                "TLS handshake with 127.0.0.1:" + std::to_string(server.port()) + ": ", 0),
            0u)
      << response.status().message();
}

}  // namespace
}  // namespace herd::runtime::image
