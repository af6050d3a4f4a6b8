#include "probe/net_stream.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "probe/socket_fd.hpp"

namespace herd::runtime::probe {
namespace {

using std::chrono::milliseconds;

// Milliseconds left until `deadline`, rounded up so poll never spins early.
int remaining_ms(Deadline deadline) {
  auto left = deadline - std::chrono::steady_clock::now();
  if (left <= std::chrono::steady_clock::duration::zero()) {
    return 0;
  }
  return static_cast<int>(std::chrono::ceil<milliseconds>(left).count());
}

// The numeric "ip:port" of a resolved address, as Go names the peer.
std::string address_text(const addrinfo& info) {
  char host[INET6_ADDRSTRLEN] = "?";
  int port = 0;
  if (info.ai_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(info.ai_addr);
    ::inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
    port = ntohs(in->sin_port);
  } else if (info.ai_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(info.ai_addr);
    ::inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
    port = ntohs(in6->sin6_port);
  }
  return join_host_port(host, port);
}

// One address: a non-blocking connect, then a wait for its outcome.
Result<SocketFd> connect_one(const addrinfo& info, Deadline deadline) {
  std::string prefix = "dial tcp " + address_text(info) + ": ";
  SocketFd fd(::socket(info.ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) {
    return Status::unavailable(prefix + "socket: " + errno_text(errno));
  }
  if (::connect(fd.get(), info.ai_addr, info.ai_addrlen) != 0) {
    if (errno != EINPROGRESS) {
      return Status::unavailable(prefix + "connect: " + errno_text(errno));
    }
    if (Status waited = fd.wait(POLLOUT, deadline); !waited.ok()) {
      return Status::unavailable(prefix + waited.message());
    }
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) {
      return Status::unavailable(prefix + "connect: " + errno_text(error));
    }
  }
  return fd;
}

class PlainStream final : public NetStream {
 public:
  explicit PlainStream(SocketFd fd) : fd_(std::move(fd)) {}

  Status write_all(std::string_view data, Deadline deadline) override {
    while (!data.empty()) {
      ssize_t n = ::send(fd_.get(), data.data(), data.size(), MSG_NOSIGNAL);
      if (n >= 0) {
        data.remove_prefix(static_cast<std::size_t>(n));
      } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        HERD_RETURN_IF_ERROR(fd_.wait(POLLOUT, deadline));
      } else if (errno != EINTR) {
        return Status::unavailable("write: " + errno_text(errno));
      }
    }
    return Status();
  }

  Result<std::size_t> read_some(char* buffer, std::size_t size, Deadline deadline) override {
    for (;;) {
      ssize_t n = ::recv(fd_.get(), buffer, size, 0);
      if (n >= 0) {
        return static_cast<std::size_t>(n);
      }
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        HERD_RETURN_IF_ERROR(fd_.wait(POLLIN, deadline));
      } else if (errno != EINTR) {
        return Status::unavailable("read: " + errno_text(errno));
      }
    }
  }

 private:
  SocketFd fd_;
};

}  // namespace

SocketFd::~SocketFd() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

SocketFd& SocketFd::operator=(SocketFd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = other.release();
  }
  return *this;
}

int SocketFd::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

Status SocketFd::wait(short events, Deadline deadline) const {
  for (;;) {
    pollfd entry{fd_, events, 0};
    int ready = ::poll(&entry, 1, remaining_ms(deadline));
    if (ready > 0) {
      return Status();  // ready, or an error the next call will report
    }
    if (ready == 0) {
      return Status::unavailable("i/o timeout");
    }
    if (errno != EINTR) {
      return Status::unavailable("poll: " + errno_text(errno));
    }
  }
}

std::string errno_text(int err) {
  char buffer[256];
  std::string text =
      ::strerror_r(err, buffer, sizeof buffer);  // GNU: thread-safe, returns the text
  if (!text.empty()) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return text;
}

Result<SocketFd> dial_socket(const std::string& host, int port, Deadline deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (rc != 0) {
    std::string why = rc == EAI_NONAME ? "no such host" : ::gai_strerror(rc);
    return Status::unavailable("dial tcp: lookup " + host + ": " + why);
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
  Status last = Status::unavailable("dial tcp " + join_host_port(host, port) + ": no address");
  for (const addrinfo* info = found; info != nullptr; info = info->ai_next) {
    Result<SocketFd> fd = connect_one(*info, deadline);
    if (fd.ok()) {
      return fd;
    }
    last = fd.status();
    if (std::chrono::steady_clock::now() >= deadline) {
      break;
    }
  }
  return last;
}

Result<std::unique_ptr<NetStream>> dial_tcp(const std::string& host, int port, Deadline deadline) {
  HERD_ASSIGN_OR_RETURN(SocketFd fd, dial_socket(host, port, deadline));
  return std::unique_ptr<NetStream>(std::make_unique<PlainStream>(std::move(fd)));
}

std::string join_host_port(std::string_view host, int port) {
  std::string joined =
      host.find(':') != std::string_view::npos ? "[" + std::string(host) + "]" : std::string(host);
  return joined + ":" + std::to_string(port);
}

}  // namespace herd::runtime::probe
