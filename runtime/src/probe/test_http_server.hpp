#pragma once

// TestHttpServer: a tiny HTTP (or HTTPS, with a throw-away self-signed
// certificate) server on 127.0.0.1 for the probe tests. Each connection's
// request head goes to the handler; its answer is written raw and the
// connection closed. A handler answering nullopt leaves the connection open
// and silent until the server is destroyed (a hung application).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace herd::runtime::probe {

class TestHttpServer {
 public:
  using Handler = std::function<std::optional<std::string>(const std::string& request)>;

  /// Listens on 127.0.0.1, a free port; `tls`: HTTPS.
  explicit TestHttpServer(Handler handler, bool tls = false);
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  int port() const;
  /// The request heads received so far.
  std::vector<std::string> requests() const;

  /// A port on 127.0.0.1 that nothing listens on (bound, then closed).
  static int closed_port();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// "HTTP/1.1 <status>\r\nContent-Length: ..\r\n<extra headers>\r\n<body>".
std::string http_answer(int status, const std::string& body = "",
                        const std::string& extra_headers = "");

}  // namespace herd::runtime::probe
