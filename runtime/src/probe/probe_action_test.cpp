// The real actions: ports resolved from the container, tcpSocket against
// 127.0.0.1, exec through a fake ExecRunner, grpc not implemented.

#include "probe/probe_action.hpp"

#include <gtest/gtest.h>

#include "probe/test_http_server.hpp"

namespace herd::runtime::probe {
namespace {

using namespace std::chrono_literals;
using Kind = ProbeOutcome::Kind;

api::Container app() {
  api::Container c;
  c.name = "app";
  c.ports.push_back(api::ContainerPort{"web", std::nullopt, 8080, "TCP", ""});
  return c;
}

TEST(ResolvePort, NumbersNamesAndNumbersAsStrings) {
  EXPECT_EQ(*resolve_port(api::IntOrString::from_int(9000), app()), 9000);
  EXPECT_EQ(*resolve_port(api::IntOrString::from_string("web"), app()), 8080);
  EXPECT_EQ(*resolve_port(api::IntOrString::from_string("81"), app()), 81);
  EXPECT_EQ(resolve_port(api::IntOrString::from_string("admin"), app()).status(),
            Status::invalid_argument("port \"admin\" not found in container \"app\""));
  EXPECT_EQ(resolve_port(api::IntOrString::from_int(0), app()).status(),
            Status::invalid_argument("invalid port number: 0"));
  EXPECT_FALSE(resolve_port(api::IntOrString::from_int(65536), app()).ok());
}

ProbeOutcome run(const api::Probe& probe, ExecRunner* exec = nullptr,
                 ProbeTarget target = {"app", "ctr-1", "127.0.0.1"}) {
  return real_probe_actions(exec)(probe, app(), target)->run(1s);
}

api::Probe tcp(api::IntOrString port) {
  api::Probe probe;
  probe.tcp_socket = api::TcpSocketAction{std::move(port), ""};
  return probe;
}

TEST(TcpSocketAction, AnOpenPortSucceeds) {
  TestHttpServer server([](const std::string&) { return std::string(); });
  EXPECT_EQ(run(tcp(api::IntOrString::from_int(server.port()))).kind, Kind::kSuccess);
}

TEST(TcpSocketAction, AClosedPortFailsAsGoWordsIt) {
  int port = TestHttpServer::closed_port();
  ProbeOutcome outcome = run(tcp(api::IntOrString::from_int(port)));
  EXPECT_EQ(outcome.kind, Kind::kFailure);
  EXPECT_EQ(outcome.output,
            "dial tcp 127.0.0.1:" + std::to_string(port) + ": connect: connection refused");
}

TEST(TcpSocketAction, AnUnknownNamedPortOrNoPodIpErrors) {
  ProbeOutcome unknown = run(tcp(api::IntOrString::from_string("admin")));
  EXPECT_EQ(unknown.kind, Kind::kError);
  EXPECT_EQ(unknown.output, "port \"admin\" not found in container \"app\"");
  ProbeOutcome no_ip = run(tcp(api::IntOrString::from_int(80)), nullptr, {"app", "ctr-1", ""});
  EXPECT_EQ(no_ip.kind, Kind::kError);
  EXPECT_EQ(no_ip.output, "the pod has no IP to probe");
}

TEST(HttpGetAction, ANamedPortOnThePodIp) {
  TestHttpServer server([](const std::string&) { return http_answer(500); });
  api::Container c = app();
  c.ports[0].container_port = server.port();
  api::Probe probe;
  probe.http_get =
      api::HttpGetAction{"ready", api::IntOrString::from_string("web"), "", "HTTP", {}};
  ProbeOutcome outcome =
      real_probe_actions(nullptr)(probe, c, {"app", "ctr-1", "127.0.0.1"})->run(2s);
  EXPECT_EQ(outcome.output, "HTTP probe failed with statuscode: 500");
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_TRUE(server.requests()[0].starts_with("GET /ready HTTP/1.1\r\n"));
}

// An ExecRunner that answers what the test set and remembers the call.
class FakeExecRunner final : public ExecRunner {
 public:
  Result<ExecResult> run(const std::string& container_id, const std::vector<std::string>& command,
                         std::chrono::milliseconds timeout) override {
    last_container_id = container_id;
    last_command = command;
    last_timeout = timeout;
    return answer;
  }
  Result<ExecResult> answer = ExecResult{};
  std::string last_container_id;
  std::vector<std::string> last_command;
  std::chrono::milliseconds last_timeout{0};
};

api::Probe exec(std::vector<std::string> command) {
  api::Probe probe;
  probe.exec = api::ExecAction{std::move(command)};
  return probe;
}

TEST(ExecAction, ExitZeroSucceeds) {
  FakeExecRunner runner;
  EXPECT_EQ(run(exec({"cat", "/tmp/healthy"}), &runner).kind, Kind::kSuccess);
  EXPECT_EQ(runner.last_container_id, "ctr-1");
  EXPECT_EQ(runner.last_command, (std::vector<std::string>{"cat", "/tmp/healthy"}));
  EXPECT_EQ(runner.last_timeout, 1s);
}

TEST(ExecAction, ANonZeroExitFailsWithTheOutput) {
  FakeExecRunner runner;
  runner.answer = ExecResult{1, "cat: can't open '/tmp/healthy': No such file or directory\n"};
  ProbeOutcome outcome = run(exec({"cat", "/tmp/healthy"}), &runner);
  EXPECT_EQ(outcome.kind, Kind::kFailure);
  EXPECT_EQ(outcome.output, "cat: can't open '/tmp/healthy': No such file or directory\n");
  runner.answer = ExecResult{2, ""};
  EXPECT_EQ(run(exec({"false"}), &runner).output, "command \"false\" exited with code 2");
}

TEST(ExecAction, ATimeoutFails) {
  FakeExecRunner runner;
  runner.answer = ExecResult{0, "", /*timed_out=*/true};
  ProbeOutcome outcome = run(exec({"sleep", "60"}), &runner);
  EXPECT_EQ(outcome.kind, Kind::kFailure);
  EXPECT_EQ(outcome.output, "command \"sleep 60\" timed out");
}

TEST(ExecAction, ARunnerErrorOrNoRunnerErrors) {
  FakeExecRunner runner;
  runner.answer = Status::not_found("container ctr-1 not found");
  ProbeOutcome outcome = run(exec({"true"}), &runner);
  EXPECT_EQ(outcome.kind, Kind::kError);
  EXPECT_EQ(outcome.output, "container ctr-1 not found");
  EXPECT_EQ(run(exec({"true"})).output, "exec probes are not available on this node");
}

TEST(GrpcAction, IsNotImplementedYet) {
  api::Probe probe;
  probe.grpc = api::GrpcAction{9000, std::nullopt};
  ProbeOutcome outcome = run(probe);
  EXPECT_EQ(outcome.kind, Kind::kError);
  EXPECT_EQ(outcome.output, "grpc probes are not implemented by herd yet (port 9000)");
}

}  // namespace
}  // namespace herd::runtime::probe
