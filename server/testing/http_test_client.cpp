#include "server/testing/http_test_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

namespace herd::server::testing {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Result<std::unique_ptr<HttpTestConnection>> HttpTestConnection::open(uint16_t port, std::chrono::milliseconds timeout) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::unavailable(std::string("socket: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::string error = std::strerror(errno);
    ::close(fd);
    return Status::unavailable("connect 127.0.0.1:" + std::to_string(port) + ": " + error);
  }
  return std::unique_ptr<HttpTestConnection>(new HttpTestConnection(fd, timeout));
}

HttpTestConnection::~HttpTestConnection() { ::close(fd_); }

Status HttpTestConnection::fill() {
  pollfd p{fd_, POLLIN, 0};
  int ready = ::poll(&p, 1, static_cast<int>(timeout_.count()));
  if (ready == 0) return Status::unavailable("timed out waiting for the server");
  if (ready < 0) return Status::unavailable(std::string("poll: ") + std::strerror(errno));
  char chunk[16384];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n < 0) return Status::unavailable(std::string("recv: ") + std::strerror(errno));
  if (n == 0) return Status::unavailable("the server closed the connection");
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return Status();
}

Result<HttpReply> HttpTestConnection::read() {
  std::size_t header_end;
  while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) HERD_RETURN_IF_ERROR(fill());
  HttpReply reply;
  std::string head = buffer_.substr(0, header_end);
  std::size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  if (status_line.size() < 12) return Status::invalid_argument("bad status line: " + status_line);
  reply.status = std::stoi(status_line.substr(9, 3));
  while (line_end != std::string::npos) {
    std::size_t next = head.find("\r\n", line_end + 2);
    std::string line = head.substr(line_end + 2, next == std::string::npos ? std::string::npos : next - line_end - 2);
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::size_t value = line.find_first_not_of(' ', colon + 1);
      reply.headers[lower(line.substr(0, colon))] = value == std::string::npos ? "" : line.substr(value);
    }
    line_end = next;
  }
  auto length = reply.headers.find("content-length");
  if (length == reply.headers.end() && reply.headers["transfer-encoding"] == "chunked") {
    buffer_.erase(0, header_end + 4);  // a stream: read_chunk() reads its body
    return reply;
  }
  if (length == reply.headers.end()) return Status::invalid_argument("reply without Content-Length");
  std::size_t size = std::stoul(length->second);
  while (buffer_.size() < header_end + 4 + size) HERD_RETURN_IF_ERROR(fill());
  reply.body = buffer_.substr(header_end + 4, size);
  buffer_.erase(0, header_end + 4 + size);
  return reply;
}

Result<std::string> HttpTestConnection::read_chunk() {
  std::size_t line_end;
  while ((line_end = buffer_.find("\r\n")) == std::string::npos) HERD_RETURN_IF_ERROR(fill());
  std::size_t size = 0;
  try {
    size = std::stoul(buffer_.substr(0, line_end), nullptr, 16);
  } catch (...) {
    return Status::invalid_argument("bad chunk size line: " + buffer_.substr(0, line_end));
  }
  while (buffer_.size() < line_end + 2 + size + 2) HERD_RETURN_IF_ERROR(fill());
  std::string data = buffer_.substr(line_end + 2, size);
  buffer_.erase(0, line_end + 2 + size + 2);
  return data;
}

Status HttpTestConnection::send(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      // The server may answer (413) and close before reading everything.
      if (errno == EPIPE || errno == ECONNRESET) break;
      return Status::unavailable(std::string("send: ") + std::strerror(errno));
    }
    sent += static_cast<std::size_t>(n);
  }
  return Status();
}

Result<HttpReply> HttpTestConnection::raw(const std::string& bytes) {
  HERD_RETURN_IF_ERROR(send(bytes));
  return read();
}

Result<HttpReply> HttpTestConnection::request(const std::string& method, const std::string& target,
                                              const std::string& body, const std::string& extra_headers) {
  std::string bytes = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body;
  return raw(bytes);
}

Result<std::size_t> HttpTestConnection::drain_until_closed(std::chrono::milliseconds limit) {
  std::size_t total = buffer_.size();
  buffer_.clear();
  auto deadline = std::chrono::steady_clock::now() + limit;
  char chunk[65536];
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return total;
    total += static_cast<std::size_t>(n);
  }
  return Status::unavailable("the connection is still open after " + std::to_string(total) + " bytes");
}

bool HttpTestConnection::closed_by_peer(std::chrono::milliseconds wait) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
  char c;
  return ::recv(fd_, &c, 1, MSG_PEEK) <= 0;
}

Result<HttpReply> http_request(uint16_t port, const std::string& method, const std::string& target,
                               const std::string& body, std::chrono::milliseconds timeout) {
  HERD_ASSIGN_OR_RETURN(std::unique_ptr<HttpTestConnection> connection, HttpTestConnection::open(port, timeout));
  return connection->request(method, target, body, "Connection: close\r\n");
}

}  // namespace herd::server::testing
