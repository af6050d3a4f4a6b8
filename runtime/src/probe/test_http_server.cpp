#include "probe/test_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <thread>

namespace herd::runtime::probe {
namespace {

// A listening (or, with listen = false, merely bound) socket on 127.0.0.1.
int bound_socket(bool listen) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      (listen && ::listen(fd, 16) != 0)) {
    ::close(fd);
    return -1;
  }
  return fd;
}

int port_of(int fd) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  return ntohs(address.sin_port);
}

// A context serving a fresh self-signed P-256 certificate for "localhost".
SSL_CTX* server_context() {
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  X509_sign(cert, key, EVP_sha256());
  SSL_CTX_use_certificate(context, cert);
  SSL_CTX_use_PrivateKey(context, key);
  X509_free(cert);
  EVP_PKEY_free(key);
  return context;
}

}  // namespace

struct TestHttpServer::State {
  Handler handler;
  SSL_CTX* tls = nullptr;
  int listener = -1;
  int wake[2] = {-1, -1};  // written to on destruction
  std::thread thread;
  mutable std::mutex mu;
  std::vector<std::string> requests;  // guarded by mu
  std::vector<int> silent;            // connections left open; guarded by mu

  void serve() {
    for (;;) {
      pollfd fds[2] = {{listener, POLLIN, 0}, {wake[0], POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0 || (fds[1].revents & POLLIN) != 0) {
        return;
      }
      int client = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
      if (client >= 0) {
        answer(client);
      }
    }
  }

  void answer(int client) {
    SSL* ssl = nullptr;
    if (tls != nullptr) {
      ssl = SSL_new(tls);
      SSL_set_fd(ssl, client);
      if (SSL_accept(ssl) != 1) {
        ERR_clear_error();
        SSL_free(ssl);
        ::close(client);
        return;
      }
    }
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      int n = ssl != nullptr ? SSL_read(ssl, buffer, sizeof buffer)
                             : static_cast<int>(::read(client, buffer, sizeof buffer));
      if (n <= 0) {
        break;
      }
      request.append(buffer, static_cast<std::size_t>(n));
    }
    std::optional<std::string> response = handler(request);
    std::lock_guard lock(mu);
    requests.push_back(request);
    if (!response) {
      silent.push_back(client);
      SSL_free(ssl);  // the fd stays open
      return;
    }
    if (ssl != nullptr) {
      SSL_write(ssl, response->data(), static_cast<int>(response->size()));
      SSL_shutdown(ssl);
      SSL_free(ssl);
    } else {
      (void)!::send(client, response->data(), response->size(), MSG_NOSIGNAL);
    }
    ::shutdown(client, SHUT_WR);
    ::close(client);
  }
};

TestHttpServer::TestHttpServer(Handler handler, bool tls) : state_(std::make_unique<State>()) {
  state_->handler = std::move(handler);
  state_->tls = tls ? server_context() : nullptr;
  state_->listener = bound_socket(true);
  (void)!::pipe(state_->wake);
  state_->thread = std::thread([state = state_.get()] { state->serve(); });
}

TestHttpServer::~TestHttpServer() {
  (void)!::write(state_->wake[1], "x", 1);
  state_->thread.join();
  for (int fd : state_->silent) {
    ::close(fd);
  }
  ::close(state_->listener);
  ::close(state_->wake[0]);
  ::close(state_->wake[1]);
  SSL_CTX_free(state_->tls);
}

int TestHttpServer::port() const { return port_of(state_->listener); }

std::vector<std::string> TestHttpServer::requests() const {
  std::lock_guard lock(state_->mu);
  return state_->requests;
}

int TestHttpServer::closed_port() {
  int fd = bound_socket(false);
  int port = port_of(fd);
  ::close(fd);
  return port;
}

std::string http_answer(int status, const std::string& body, const std::string& extra_headers) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" +
         body;
}

}  // namespace herd::runtime::probe
