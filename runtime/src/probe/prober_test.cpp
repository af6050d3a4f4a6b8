// The Prober over fake actions, a fake Scheduler and a fake executor: which
// workers a container gets, startup gating, restarts and stops.

#include "herd/runtime/prober.hpp"

#include <gtest/gtest.h>

#include "probe/probe_fakes.hpp"
#include "probe/prober_impl.hpp"
#include "probe/test_http_server.hpp"

namespace herd::runtime::probe {
namespace {

using std::chrono::seconds;
using Lines = std::vector<std::string>;

// A probe whose fake action is keyed by `name` (see fake_actions).
api::Probe probe(std::string name, int initial_delay = 0, int period = 10, int failure = 3) {
  api::Probe p;
  p.exec = api::ExecAction{{std::move(name)}};
  p.initial_delay_seconds = initial_delay;
  p.period_seconds = period;
  p.failure_threshold = failure;
  return p;
}

api::Pod pod_with(api::Container container) {
  api::Pod pod;
  pod.metadata.namespace_ = "default";
  pod.metadata.name = "web";
  pod.spec.containers.push_back(std::move(container));
  return pod;
}

api::Container container(std::string name) {
  api::Container c;
  c.name = std::move(name);
  return c;
}

ProbeTarget target(std::string name) { return {std::move(name), "id-1", "10.244.0.5"}; }

class ProberTest : public ::testing::Test, public FakeProbeEnv {
 protected:
  ProberTest() { prober = make_prober(deps(sink.sink()), fake_actions(outcomes)); }

  ProberDeps deps(ProbeReportSink to) {
    return ProberDeps{clock.scheduler(), pool.executor(), nullptr, std::move(to)};
  }
  std::unique_ptr<Prober> prober;
};

TEST_F(ProberTest, StartReportsTheInitialResultOfEachProbe) {
  api::Container c = container("app");
  c.startup_probe = probe("start");
  c.liveness_probe = probe("live");
  c.readiness_probe = probe("ready");
  ASSERT_TRUE(prober->start(pod_with(c), target("app")).ok());
  EXPECT_EQ(sink.take(), (Lines{"app Startup Unknown (changed)", "app Liveness Success (changed)",
                                "app Readiness Failure (changed)"}));
}

TEST_F(ProberTest, LivenessAndReadinessWaitForTheStartupProbe) {
  api::Container c = container("app");
  c.startup_probe = probe("start", 0, 10, /*failure=*/30);
  c.liveness_probe = probe("live");
  c.readiness_probe = probe("ready");
  ASSERT_TRUE(prober->start(pod_with(c), target("app")).ok());
  sink.take();
  outcomes->set("app/start", ProbeOutcome::failure("HTTP probe failed with statuscode: 503"));
  step(milliseconds(0));
  step(seconds(10));
  EXPECT_EQ(outcomes->attempts("app/start"), 2);
  EXPECT_EQ(outcomes->attempts("app/live"), 0);
  EXPECT_EQ(outcomes->attempts("app/ready"), 0);
  outcomes->set("app/start", ProbeOutcome::success());
  step(seconds(10));
  EXPECT_EQ(sink.take().back(), "app Startup Success (changed)");
  step(seconds(10));
  EXPECT_EQ(outcomes->attempts("app/start"), 3);  // done
  EXPECT_EQ(outcomes->attempts("app/live"), 1);
  EXPECT_EQ(outcomes->attempts("app/ready"), 1);
  EXPECT_EQ(sink.take(), Lines{"app Readiness Success (changed)"});
}

TEST_F(ProberTest, WithoutAStartupProbeLivenessAndReadinessRunAtOnce) {
  api::Container c = container("app");
  c.liveness_probe = probe("live");
  c.readiness_probe = probe("ready");
  ASSERT_TRUE(prober->start(pod_with(c), target("app")).ok());
  step(milliseconds(0));
  EXPECT_EQ(outcomes->attempts("app/live"), 1);
  EXPECT_EQ(outcomes->attempts("app/ready"), 1);
}

TEST_F(ProberTest, ARestartedContainerStartsOverWithItsInitialDelay) {
  api::Container c = container("app");
  c.liveness_probe = probe("live", /*initial_delay=*/5, 10, /*failure=*/1);
  api::Pod pod = pod_with(c);
  ASSERT_TRUE(prober->start(pod, target("app")).ok());
  outcomes->set("app/live", ProbeOutcome::failure("boom"));
  step(seconds(5));
  EXPECT_EQ(sink.take(),
            (Lines{"app Liveness Success (changed)",
                   "app Liveness Failure (changed, restart) Liveness probe failed: boom"}));
  EXPECT_EQ(step(seconds(60)), 0);  // held

  outcomes->set("app/live", ProbeOutcome::success());
  ASSERT_TRUE(prober->start(pod, target("app")).ok());  // the new container runs
  EXPECT_EQ(sink.take(), Lines{"app Liveness Success (changed)"});
  EXPECT_EQ(step(milliseconds(4999)), 0);
  EXPECT_EQ(step(milliseconds(1)), 1);
}

TEST_F(ProberTest, StartingAgainStopsTheOldWorkers) {
  api::Container c = container("app");
  c.readiness_probe = probe("ready");
  api::Pod pod = pod_with(c);
  ASSERT_TRUE(prober->start(pod, target("app")).ok());
  ASSERT_TRUE(prober->start(pod, target("app")).ok());
  EXPECT_EQ(step(milliseconds(0)), 1);  // one worker, not two
  EXPECT_EQ(step(seconds(10)), 1);
}

TEST_F(ProberTest, StopSilencesOneContainer) {
  api::Container app = container("app");
  app.readiness_probe = probe("ready");
  api::Container side = container("side");
  side.readiness_probe = probe("ready");
  api::Pod pod = pod_with(app);
  pod.spec.containers.push_back(side);
  ASSERT_TRUE(prober->start(pod, target("app")).ok());
  ASSERT_TRUE(prober->start(pod, target("side")).ok());
  sink.take();
  clock.advance(milliseconds(0));
  prober->stop("app");
  prober->stop("unknown");  // ignored
  pool.run_all();
  EXPECT_EQ(sink.take(), Lines{"side Readiness Success (changed)"});
  step(seconds(10));
  EXPECT_EQ(outcomes->attempts("app/ready"), 0);
  EXPECT_EQ(outcomes->attempts("side/ready"), 2);
}

TEST_F(ProberTest, StopAllSilencesEverything) {
  api::Container app = container("app");
  app.readiness_probe = probe("ready");
  api::Pod pod = pod_with(app);
  ASSERT_TRUE(prober->start(pod, target("app")).ok());
  sink.take();
  prober->stop_all();
  EXPECT_EQ(step(seconds(60)), 0);
  EXPECT_EQ(sink.take(), Lines{});
  EXPECT_EQ(clock.pending(), 0u);
}

TEST_F(ProberTest, AContainerWithoutProbesGetsNoReports) {
  ASSERT_TRUE(prober->start(pod_with(container("app")), target("app")).ok());
  EXPECT_EQ(sink.take(), Lines{});
  EXPECT_EQ(clock.pending(), 0u);
}

TEST_F(ProberTest, ProbesOfASidecarInitContainer) {
  api::Container sidecar = container("proxy");
  sidecar.restart_policy = "Always";
  sidecar.readiness_probe = probe("ready");
  api::Pod pod = pod_with(container("app"));
  pod.spec.init_containers.push_back(sidecar);
  ASSERT_TRUE(prober->start(pod, target("proxy")).ok());
  EXPECT_EQ(sink.take(), Lines{"proxy Readiness Failure (changed)"});
}

TEST_F(ProberTest, RefusesAnUnknownContainerOrABadProbe) {
  EXPECT_EQ(prober->start(pod_with(container("app")), target("db")),
            Status::not_found("container \"db\" is not in pod default/web"));
  api::Container c = container("app");
  c.readiness_probe = probe("ready");
  c.liveness_probe = probe("live");
  c.liveness_probe->success_threshold = 2;
  EXPECT_EQ(prober->start(pod_with(c), target("app")),
            Status::invalid_argument("Liveness probe of container \"app\": successThreshold must "
                                     "be 1 for a Liveness probe, not 2"));
  EXPECT_EQ(sink.take(), Lines{});  // none of the container's probes run
  EXPECT_EQ(clock.pending(), 0u);
}

TEST_F(ProberTest, TheSinkMayCallBackIntoTheProber) {
  Prober* self = nullptr;
  std::vector<std::string> seen;
  auto reentrant = make_prober(deps([&](ProbeReport report) {
                                 seen.push_back(RecordingSink::describe(report));
                                 if (report.restart) {
                                   self->stop(report.container);  // the node kills it
                                 }
                               }),
                               fake_actions(outcomes));
  self = reentrant.get();
  api::Container c = container("app");
  c.liveness_probe = probe("live", 0, 10, 1);
  c.readiness_probe = probe("ready");
  ASSERT_TRUE(reentrant->start(pod_with(c), target("app")).ok());
  outcomes->set("app/live", ProbeOutcome::failure("boom"));
  step(milliseconds(0));
  // The two initial results and the restart; readiness was stopped before its attempt.
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(step(seconds(60)), 0);
  EXPECT_EQ(seen.size(), 3u);
}

TEST(MakeProber, RunsTheRealActions) {
  FakeScheduler clock;
  FakeExecutor pool;
  RecordingSink sink;
  auto prober =
      runtime::make_prober(ProberDeps{clock.scheduler(), pool.executor(), nullptr, sink.sink()});
  int port = TestHttpServer::closed_port();
  api::Container c = container("app");
  c.readiness_probe = api::Probe{};
  c.readiness_probe->tcp_socket = api::TcpSocketAction{api::IntOrString::from_int(port), ""};
  c.liveness_probe = probe("live");  // no ExecRunner
  ASSERT_TRUE(prober->start(pod_with(c), {"app", "id-1", "127.0.0.1"}).ok());
  clock.advance(milliseconds(0));
  pool.run_all();
  EXPECT_EQ(sink.take(),
            (Lines{"app Liveness Success (changed)", "app Readiness Failure (changed)",
                   "app Liveness Success Liveness probe errored: exec probes are not available "
                   "on this node",
                   "app Readiness Failure Readiness probe failed: dial tcp 127.0.0.1:" +
                       std::to_string(port) + ": connect: connection refused"}));
}

}  // namespace
}  // namespace herd::runtime::probe
