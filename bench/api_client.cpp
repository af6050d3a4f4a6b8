#include "api_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace herd::bench {
namespace {

using Clock = std::chrono::steady_clock;

std::string errno_text(const char* call) { return std::string(call) + ": " + std::strerror(errno); }

// The value of header `name` (lower case, with its colon) in `head`, whose
// lines end in CRLF; "" when absent. Header names compare case-insensitively.
std::string_view header_value(std::string_view head, std::string_view name) {
  for (std::size_t line = head.find("\r\n"); line != std::string_view::npos;
       line = head.find("\r\n", line + 2)) {
    std::string_view rest = head.substr(line + 2);
    if (rest.size() < name.size()) break;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) {
      same = static_cast<char>(std::tolower(static_cast<unsigned char>(rest[i]))) == name[i];
    }
    if (!same) continue;
    std::string_view value = rest.substr(name.size(), rest.find("\r\n") - name.size());
    std::size_t start = value.find_first_not_of(' ');
    return start == std::string_view::npos ? std::string_view() : value.substr(start);
  }
  return {};
}

}  // namespace

std::string api_request(std::string_view method, std::string_view target, std::string_view body) {
  std::string bytes;
  bytes.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  if (!body.empty()) bytes.append("Content-Type: application/json\r\n");
  bytes.append("Content-Length: ")
      .append(std::to_string(body.size()))
      .append("\r\n\r\n")
      .append(body);
  return bytes;
}

Result<std::unique_ptr<ApiConnection>> ApiConnection::connect(uint16_t port,
                                                              std::chrono::milliseconds timeout) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::unavailable(errno_text("socket"));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int one = 1;
  // Without it a request could wait for the ACK of the previous one (Nagle).
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    Status failed =
        Status::unavailable("127.0.0.1:" + std::to_string(port) + ": " + errno_text("connect"));
    ::close(fd);
    return failed;
  }
  return std::unique_ptr<ApiConnection>(new ApiConnection(fd, timeout));
}

ApiConnection::~ApiConnection() { ::close(fd_); }

Status ApiConnection::receive_more(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  pollfd readable{fd_, POLLIN, 0};
  int ready = ::poll(&readable, 1, static_cast<int>(std::max<int64_t>(left.count(), 0)));
  if (ready == 0) {
    return Status::unavailable("no reply within " + std::to_string(timeout_.count()) + " ms");
  }
  if (ready < 0) return Status::unavailable(errno_text("poll"));
  char chunk[16384];
  ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
  if (n < 0) return Status::unavailable(errno_text("recv"));
  if (n == 0) return Status::unavailable("the server closed the connection");
  received_.append(chunk, static_cast<std::size_t>(n));
  return Status();
}

Result<ApiReply> ApiConnection::exchange(std::string_view request) {
  Clock::time_point deadline = Clock::now() + timeout_;
  for (std::size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0) return Status::unavailable(errno_text("send"));
    sent += static_cast<std::size_t>(n);
  }
  std::size_t head_end;
  while ((head_end = received_.find("\r\n\r\n")) == std::string::npos) {
    HERD_RETURN_IF_ERROR(receive_more(deadline));
  }
  std::string_view head(received_.data(), head_end + 2);  // keeps the last line's CRLF
  ApiReply reply;
  // "HTTP/1.1 201 Created": the code is at 9..11.
  if (head.size() < 12 ||
      std::from_chars(head.data() + 9, head.data() + 12, reply.status).ec != std::errc()) {
    return Status::invalid_argument("bad status line: " +
                                    std::string(head.substr(0, head.find("\r\n"))));
  }
  std::string_view length_text = header_value(head, "content-length:");
  std::size_t length = 0;
  if (std::from_chars(length_text.data(), length_text.data() + length_text.size(), length).ec !=
      std::errc()) {
    return Status::invalid_argument("a reply without Content-Length (status " +
                                    std::to_string(reply.status) + ")");
  }
  std::size_t end = head_end + 4 + length;
  while (received_.size() < end) HERD_RETURN_IF_ERROR(receive_more(deadline));
  reply.body = received_.substr(head_end + 4, length);
  received_.erase(0, end);
  return reply;
}

}  // namespace herd::bench
