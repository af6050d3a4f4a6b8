// httpGet attempts against servers this test runs on 127.0.0.1.

#include "probe/http_probe.hpp"

#include <gtest/gtest.h>

#include "probe/test_http_server.hpp"

namespace herd::runtime::probe {
namespace {

using namespace std::chrono_literals;
using Kind = ProbeOutcome::Kind;

Url local(int port, std::string target = "/health", std::string scheme = "http") {
  return Url{std::move(scheme), "127.0.0.1", port, std::move(target)};
}

std::string prefix(int port, const std::string& target = "/health") {
  return "Get \"http://127.0.0.1:" + std::to_string(port) + target + "\": ";
}

TEST(HttpProbe, SucceedsOn200AndSendsTheProbesRequest) {
  TestHttpServer server([](const std::string&) { return http_answer(200, "ok"); });
  ProbeOutcome outcome = http_probe(local(server.port()), {{"X-Probe", "1"}}, 2s);
  EXPECT_EQ(outcome.kind, Kind::kSuccess) << outcome.output;
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0],
            "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(server.port()) +
                "\r\nUser-Agent: herd-probe/1\r\nAccept: */*\r\nX-Probe: 1\r\n"
                "Connection: close\r\n\r\n");
}

TEST(HttpProbe, FailsOn500WithTheKubeletsMessage) {
  TestHttpServer server([](const std::string&) { return http_answer(500, "broken"); });
  ProbeOutcome outcome = http_probe(local(server.port()), {}, 2s);
  EXPECT_EQ(outcome.kind, Kind::kFailure);
  EXPECT_EQ(outcome.output, "HTTP probe failed with statuscode: 500");
}

TEST(HttpProbe, ReadsAChunkedAnswerWithoutLength) {
  TestHttpServer server([](const std::string&) {
    return std::string("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
  });
  EXPECT_EQ(http_probe(local(server.port()), {}, 2s).kind, Kind::kSuccess);
}

TEST(HttpProbe, FollowsARedirectOnTheSameHost) {
  TestHttpServer server([](const std::string& request) -> std::optional<std::string> {
    if (request.starts_with("GET /old ")) {
      return http_answer(302, "", "Location: /health\r\n");
    }
    return http_answer(request.starts_with("GET /health ") ? 200 : 404);
  });
  ProbeOutcome outcome = http_probe(local(server.port(), "/old"), {}, 2s);
  EXPECT_EQ(outcome.kind, Kind::kSuccess) << outcome.output;
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(HttpProbe, ARedirectToAnotherHostIsASuccessWithAWarning) {
  TestHttpServer server([](const std::string&) {
    return http_answer(301, "moved", "Location: http://127.0.0.2:1/elsewhere\r\n");
  });
  ProbeOutcome outcome = http_probe(local(server.port()), {}, 2s);
  EXPECT_EQ(outcome.kind, Kind::kWarning);
  EXPECT_EQ(outcome.output, "Probe terminated redirects, Response body: moved");
  EXPECT_EQ(server.requests().size(), 1u);  // not followed
}

TEST(HttpProbe, StopsAfterTenRedirects) {
  TestHttpServer server(
      [](const std::string&) { return http_answer(307, "", "Location: /loop\r\n"); });
  ProbeOutcome outcome = http_probe(local(server.port(), "/loop"), {}, 5s);
  EXPECT_EQ(outcome.kind, Kind::kFailure);
  EXPECT_EQ(outcome.output, prefix(server.port(), "/loop") + "stopped after 10 redirects");
  EXPECT_EQ(server.requests().size(), 10u);
}

TEST(HttpProbe, ASilentServerTimesOut) {
  TestHttpServer server([](const std::string&) { return std::nullopt; });
  auto started = std::chrono::steady_clock::now();
  ProbeOutcome outcome = http_probe(local(server.port()), {}, 300ms);
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(outcome.kind, Kind::kFailure);
  EXPECT_EQ(outcome.output, prefix(server.port()) +
                                "context deadline exceeded (Client.Timeout exceeded while "
                                "awaiting headers)");
  EXPECT_GE(took, 290ms);
  EXPECT_LT(took, 3s);
}

TEST(HttpProbe, ARefusedConnectionFailsAsGoWordsIt) {
  int port = TestHttpServer::closed_port();
  ProbeOutcome outcome = http_probe(local(port), {}, 2s);
  EXPECT_EQ(outcome.kind, Kind::kFailure);
  EXPECT_EQ(outcome.output, prefix(port) + "dial tcp 127.0.0.1:" + std::to_string(port) +
                                ": connect: connection refused");
}

TEST(HttpProbe, AnAnswerThatIsNotHttpFails) {
  TestHttpServer server([](const std::string&) { return std::string("SSH-2.0-x\r\n"); });
  ProbeOutcome outcome = http_probe(local(server.port()), {}, 2s);
  EXPECT_EQ(outcome.output, prefix(server.port()) + "malformed HTTP response \"SSH-2.0-x\"");
  TestHttpServer closing([](const std::string&) { return std::string(); });
  EXPECT_EQ(http_probe(local(closing.port()), {}, 2s).output, prefix(closing.port()) + "EOF");
}

TEST(HttpProbe, ReadsAtMostTenKibOfABody) {
  std::string big(100 * 1024, 'x');
  TestHttpServer server([&big](const std::string&) {
    return http_answer(302, big, "Location: http://other.invalid/\r\n");
  });
  ProbeOutcome outcome = http_probe(local(server.port()), {}, 2s);
  EXPECT_EQ(outcome.kind, Kind::kWarning);
  EXPECT_EQ(outcome.output.size(),
            std::string("Probe terminated redirects, Response body: ").size() + kMaxProbeBody);
}

TEST(HttpProbe, HttpsWithoutVerifyingTheCertificate) {
  TestHttpServer server([](const std::string&) { return http_answer(200, "ok"); }, /*tls=*/true);
  ProbeOutcome outcome = http_probe(local(server.port(), "/health", "https"), {}, 5s);
  EXPECT_EQ(outcome.kind, Kind::kSuccess) << outcome.output;
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_TRUE(server.requests()[0].starts_with("GET /health HTTP/1.1\r\n"));
}

TEST(HttpProbe, HttpsToAPlainServerFailsTheHandshake) {
  TestHttpServer server([](const std::string&) { return http_answer(200); });
  ProbeOutcome outcome = http_probe(local(server.port(), "/health", "https"), {}, 300ms);
  EXPECT_EQ(outcome.kind, Kind::kFailure);
  EXPECT_TRUE(outcome.output.starts_with(
      "Get \"https://127.0.0.1:" + std::to_string(server.port()) + "/health\": tls: handshake: "))
      << outcome.output;
}

}  // namespace
}  // namespace herd::runtime::probe
