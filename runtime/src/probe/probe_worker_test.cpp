// ProbeWorker driven by hand: a fake Scheduler for time, a fake executor for
// the attempts, fake actions for their outcomes.

#include "probe/probe_worker.hpp"

#include <gtest/gtest.h>

#include <future>

#include "probe/probe_fakes.hpp"

namespace herd::runtime::probe {
namespace {

using std::chrono::seconds;
using Lines = std::vector<std::string>;

StartedFlag started_flag(bool started) { return std::make_shared<std::atomic<bool>>(started); }

ProbeSettings settings(int initial_delay_s, int period_s, int success = 1, int failure = 3) {
  ProbeSettings s;
  s.initial_delay = seconds(initial_delay_s);
  s.period = seconds(period_s);
  s.success_threshold = success;
  s.failure_threshold = failure;
  return s;
}

class ProbeWorkerTest : public ::testing::Test, public FakeProbeEnv {
 protected:
  std::unique_ptr<ProbeWorker> worker(ProbeKind kind, ProbeSettings s,
                                      StartedFlag started = started_flag(true)) {
    return std::make_unique<ProbeWorker>(
        "app", kind, s, std::make_unique<FakeAction>(outcomes, "app"), std::move(started),
        ProbeWorker::Deps{clock.scheduler(), pool.executor(), channel});
  }
  std::shared_ptr<ReportChannel> channel = std::make_shared<ReportChannel>(sink.sink());
};

TEST_F(ProbeWorkerTest, FirstAttemptAfterTheInitialDelayThenEveryPeriod) {
  auto w = worker(ProbeKind::kLiveness, settings(5, 10));
  w->start();
  EXPECT_EQ(sink.take(), Lines{"app Liveness Success (changed)"});
  EXPECT_EQ(step(milliseconds(4999)), 0);
  EXPECT_EQ(step(milliseconds(1)), 1);
  EXPECT_EQ(step(milliseconds(9999)), 0);
  EXPECT_EQ(step(milliseconds(1)), 1);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(step(seconds(10)), 1);
  }
  EXPECT_EQ(outcomes->attempts("app"), 5);
  EXPECT_EQ(outcomes->last_timeout(), seconds(1));
  EXPECT_EQ(sink.take(), Lines{});  // successes that change nothing are not reported
}

TEST_F(ProbeWorkerTest, LivenessAsksForARestartAfterFailureThresholdAndStops) {
  auto w = worker(ProbeKind::kLiveness, settings(0, 10));
  w->start();
  outcomes->set("app", ProbeOutcome::failure("HTTP probe failed with statuscode: 500"));
  step(milliseconds(0));
  step(seconds(10));
  EXPECT_EQ(sink.take(), (Lines{"app Liveness Success (changed)",
                                "app Liveness Success Liveness probe failed: HTTP probe failed "
                                "with statuscode: 500",
                                "app Liveness Success Liveness probe failed: HTTP probe failed "
                                "with statuscode: 500"}));
  step(seconds(10));
  EXPECT_EQ(sink.take(), Lines{"app Liveness Failure (changed, restart) Liveness probe failed: "
                               "HTTP probe failed with statuscode: 500"});
  // Held until the container is started again: no more attempts, no timers.
  EXPECT_EQ(step(seconds(100)), 0);
  EXPECT_EQ(clock.pending(), 0u);
}

TEST_F(ProbeWorkerTest, ReadinessStartsNotReadyAndNeedsSuccessThresholdSuccesses) {
  auto w = worker(ProbeKind::kReadiness, settings(0, 10, /*success=*/2, /*failure=*/1));
  w->start();
  EXPECT_EQ(sink.take(), Lines{"app Readiness Failure (changed)"});
  step(milliseconds(0));
  EXPECT_EQ(sink.take(), Lines{});
  step(seconds(10));
  EXPECT_EQ(sink.take(), Lines{"app Readiness Success (changed)"});
  outcomes->set("app", ProbeOutcome::failure("connection refused"));
  step(seconds(10));
  EXPECT_EQ(sink.take(),
            Lines{"app Readiness Failure (changed) Readiness probe failed: connection refused"});
  // A failed readiness probe goes on probing, and recovers.
  outcomes->set("app", ProbeOutcome::success());
  step(seconds(10));
  step(seconds(10));
  EXPECT_EQ(sink.take(), Lines{"app Readiness Success (changed)"});
}

TEST_F(ProbeWorkerTest, ErrorsAndWarningsAreReportedButErrorsDoNotCount) {
  auto w = worker(ProbeKind::kReadiness, settings(0, 10, 1, 1));
  w->start();
  sink.take();
  outcomes->set("app", ProbeOutcome::error("port \"web\" not found in container \"app\""));
  step(milliseconds(0));
  EXPECT_EQ(sink.take(), Lines{"app Readiness Failure Readiness probe errored: port \"web\" not "
                               "found in container \"app\""});
  outcomes->set("app", ProbeOutcome::warning("Probe terminated redirects, Response body: "));
  step(seconds(10));
  EXPECT_EQ(sink.take(), Lines{"app Readiness Success (changed) Readiness probe warning: Probe "
                               "terminated redirects, Response body: "});
}

TEST_F(ProbeWorkerTest, WaitsForTheContainerToHaveStarted) {
  StartedFlag started = started_flag(false);
  auto w = worker(ProbeKind::kLiveness, settings(0, 10), started);
  w->start();
  EXPECT_EQ(step(seconds(30)), 0);  // ticks at 0, 10, 20, 30 all gated
  started->store(true);
  EXPECT_EQ(step(seconds(9)), 0);
  EXPECT_EQ(step(seconds(1)), 1);  // the next tick probes
}

TEST_F(ProbeWorkerTest, StartupSetsStartedAtItsFirstSuccessAndStops) {
  StartedFlag started = started_flag(false);
  auto w = worker(ProbeKind::kStartup, settings(0, 10), started);
  w->start();
  outcomes->set("app", ProbeOutcome::failure("not yet"));
  step(milliseconds(0));
  EXPECT_FALSE(started->load());
  outcomes->set("app", ProbeOutcome::success());
  step(seconds(10));
  EXPECT_TRUE(started->load());
  EXPECT_EQ(sink.take(), (Lines{"app Startup Unknown (changed)",
                                "app Startup Unknown Startup probe failed: not yet",
                                "app Startup Success (changed)"}));
  EXPECT_EQ(step(seconds(100)), 0);
}

TEST_F(ProbeWorkerTest, StartupFailureThresholdAsksForARestart) {
  auto w = worker(ProbeKind::kStartup, settings(0, 1, 1, 2), started_flag(false));
  w->start();
  outcomes->set("app", ProbeOutcome::failure("dial tcp 10.0.0.1:80: i/o timeout"));
  step(milliseconds(0));
  step(seconds(1));
  EXPECT_EQ(sink.take().back(),
            "app Startup Failure (changed, restart) Startup probe failed: "
            "dial tcp 10.0.0.1:80: i/o timeout");
  EXPECT_EQ(step(seconds(10)), 0);
}

TEST_F(ProbeWorkerTest, TicksWhileAnAttemptIsInFlightAreSkipped) {
  auto w = worker(ProbeKind::kLiveness, settings(0, 10));
  w->start();
  clock.advance(seconds(35));  // ticks at 0, 10, 20, 30: one attempt, never run
  EXPECT_EQ(pool.run_all(), 1);
  EXPECT_EQ(step(seconds(4)), 0);
  EXPECT_EQ(step(seconds(1)), 1);  // the tick at 40
}

TEST_F(ProbeWorkerTest, StopEndsTicksAndDropsTheAttemptInFlight) {
  outcomes->set("app", ProbeOutcome::failure("boom"));
  auto w = worker(ProbeKind::kLiveness, settings(0, 10, 1, 1));
  w->start();
  sink.take();
  clock.advance(milliseconds(0));
  w->stop();
  EXPECT_EQ(pool.run_all(), 1);
  EXPECT_EQ(outcomes->attempts("app"), 0);  // not even made
  EXPECT_EQ(step(seconds(100)), 0);
  EXPECT_EQ(sink.take(), Lines{});
  EXPECT_EQ(clock.pending(), 0u);
}

TEST_F(ProbeWorkerTest, TimersOutliveTheWorkerHarmlessly) {
  auto w = worker(ProbeKind::kLiveness, settings(0, 10));
  w->start();
  w.reset();
  EXPECT_EQ(step(seconds(100)), 0);
}

// An action that blocks until the test lets it go.
class BlockingAction final : public ProbeAction {
 public:
  explicit BlockingAction(std::shared_future<void> release) : release_(std::move(release)) {}
  ProbeOutcome run(milliseconds) override {
    release_.wait();
    return ProbeOutcome::failure("slow");
  }

 private:
  std::shared_future<void> release_;
};

TEST(ProbeWorkerThreads, ASlowAttemptNeverHoldsUpTheScheduler) {
  FakeScheduler clock;
  std::promise<void> release;
  std::promise<std::string> reported;
  auto channel = std::make_shared<ReportChannel>([&reported](ProbeReport report) {
    if (!report.message.empty()) {
      reported.set_value(report.message);
    }
  });
  ProbeThreadPool threads(2);
  {
    ProbeWorker w("app", ProbeKind::kLiveness, settings(0, 1),
                  std::make_unique<BlockingAction>(release.get_future().share()),
                  started_flag(true),
                  ProbeWorker::Deps{clock.scheduler(), threads.executor(), channel});
    w.start();
    clock.advance(seconds(60));  // returns although the first attempt is stuck
    release.set_value();
    auto message = reported.get_future();
    ASSERT_EQ(message.wait_for(std::chrono::seconds(10)), std::future_status::ready);
    EXPECT_EQ(message.get(), "Liveness probe failed: slow");
    w.stop();
  }
}

}  // namespace
}  // namespace herd::runtime::probe
