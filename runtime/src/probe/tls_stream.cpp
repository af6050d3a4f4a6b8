// dial_tls: a TLS client over a SocketFd with OpenSSL, driven non-blocking so
// every step keeps the probe's deadline. Certificates are not verified: the
// kubelet's HTTPS probes skip verification too (the pod's certificate is
// usually for its service name, not its IP).

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>

#include "probe/net_stream.hpp"
#include "probe/socket_fd.hpp"

namespace herd::runtime::probe {
namespace {

// One context for every handshake: OpenSSL contexts are thread-safe once built.
SSL_CTX* client_context() {
  static SSL_CTX* context = [] {
    SSL_CTX* built = SSL_CTX_new(TLS_client_method());
    if (built != nullptr) {
      SSL_CTX_set_verify(built, SSL_VERIFY_NONE, nullptr);
      SSL_CTX_set_options(built, SSL_OP_IGNORE_UNEXPECTED_EOF);
    }
    return built;
  }();
  return context;
}

// The reason of the OpenSSL error on this thread's queue (cleared).
std::string openssl_reason(int ssl_error) {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code != 0) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
  }
  return ssl_error == SSL_ERROR_SYSCALL ? "connection closed"
                                        : "error " + std::to_string(ssl_error);
}

bool is_ip_literal(const std::string& host) {
  unsigned char address[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, host.c_str(), address) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), address) == 1;
}

class TlsStream final : public NetStream {
 public:
  TlsStream(SocketFd fd, SSL* ssl) : fd_(std::move(fd)), ssl_(ssl) {}
  ~TlsStream() override { SSL_free(ssl_); }
  TlsStream(const TlsStream&) = delete;
  TlsStream& operator=(const TlsStream&) = delete;

  Status handshake(Deadline deadline) {
    for (;;) {
      int rc = SSL_connect(ssl_);
      if (rc == 1) {
        return Status();
      }
      Status waited = wait_for(rc, deadline);
      if (!waited.ok()) {
        return Status::unavailable("tls: handshake: " + waited.message());
      }
    }
  }

  Status write_all(std::string_view data, Deadline deadline) override {
    while (!data.empty()) {
      int rc = SSL_write(ssl_, data.data(), static_cast<int>(data.size()));
      if (rc > 0) {
        data.remove_prefix(static_cast<std::size_t>(rc));
      } else if (Status waited = wait_for(rc, deadline); !waited.ok()) {
        return Status::unavailable(
            waited.message() == "i/o timeout" ? waited.message() : "write: " + waited.message());
      }
    }
    return Status();
  }

  Result<std::size_t> read_some(char* buffer, std::size_t size, Deadline deadline) override {
    for (;;) {
      int rc = SSL_read(ssl_, buffer, static_cast<int>(size));
      if (rc > 0) {
        return static_cast<std::size_t>(rc);
      }
      int error = SSL_get_error(ssl_, rc);
      if (error == SSL_ERROR_ZERO_RETURN) {
        return std::size_t{0};
      }
      if (Status waited = wait_for(rc, deadline); !waited.ok()) {
        return Status::unavailable(waited.message() == "i/o timeout" ? waited.message()
                                                                     : "read: " + waited.message());
      }
    }
  }

 private:
  // After an SSL call returned `rc` <= 0: waits for the socket when OpenSSL
  // wants it, else returns the failure.
  Status wait_for(int rc, Deadline deadline) {
    int error = SSL_get_error(ssl_, rc);
    if (error == SSL_ERROR_WANT_READ) {
      return fd_.wait(POLLIN, deadline);
    }
    if (error == SSL_ERROR_WANT_WRITE) {
      return fd_.wait(POLLOUT, deadline);
    }
    return Status::unavailable(openssl_reason(error));
  }

  SocketFd fd_;
  SSL* ssl_;
};

}  // namespace

Result<std::unique_ptr<NetStream>> dial_tls(const std::string& host, int port, Deadline deadline) {
  HERD_ASSIGN_OR_RETURN(SocketFd fd, dial_socket(host, port, deadline));
  SSL_CTX* context = client_context();
  SSL* ssl = context != nullptr ? SSL_new(context) : nullptr;
  if (ssl == nullptr) {
    return Status::internal("tls: cannot set up OpenSSL: " + openssl_reason(0));
  }
  SSL_set_fd(ssl, fd.get());
  if (!is_ip_literal(host)) {
    SSL_set_tlsext_host_name(ssl, host.c_str());
  }
  auto stream = std::make_unique<TlsStream>(std::move(fd), ssl);
  HERD_RETURN_IF_ERROR(stream->handshake(deadline));
  return std::unique_ptr<NetStream>(std::move(stream));
}

}  // namespace herd::runtime::probe
