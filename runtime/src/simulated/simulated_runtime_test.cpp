#include "herd/runtime/simulated_runtime.hpp"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace herd::runtime {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// A fake Scheduler: collects delayed functions; run_until() runs those due,
// in time order, including ones they schedule. Thread-safe.
class FakeScheduler {
 public:
  Scheduler scheduler() {
    return [this](milliseconds delay, std::function<void()> fn) {
      std::lock_guard lock(mu_);
      due_.emplace(now_ + delay, std::move(fn));
    };
  }
  void run_until(milliseconds t) {
    for (;;) {
      std::function<void()> fn;
      {
        std::lock_guard lock(mu_);
        if (due_.empty() || due_.begin()->first > t) break;
        now_ = due_.begin()->first;
        fn = std::move(due_.begin()->second);
        due_.erase(due_.begin());
      }
      fn();
    }
    std::lock_guard lock(mu_);
    now_ = t;
  }
  std::size_t pending() {
    std::lock_guard lock(mu_);
    return due_.size();
  }

 private:
  std::mutex mu_;
  milliseconds now_{0};
  std::multimap<milliseconds, std::function<void()>> due_;
};

api::Pod pod(std::string name, std::string restart_policy = "Always") {
  api::Pod p;
  p.metadata.name = name;
  p.metadata.uid = "uid-" + name;
  p.spec.restart_policy = std::move(restart_policy);
  api::Container c;
  c.name = "app";
  c.image = "busybox";
  p.spec.containers.push_back(c);
  return p;
}

// pod(name) with the annotation sim.herd.io/<key>: <value>.
api::Pod annotated(std::string name, const std::string& key, std::string value) {
  api::Pod p = pod(std::move(name));
  p.metadata.annotations["sim.herd.io/" + key] = std::move(value);
  return p;
}

std::string describe(const PodEvent& e) {
  switch (e.type) {
    case PodEvent::Type::kPodStarted: return "started " + e.pod_ip;
    case PodEvent::Type::kContainerStarted: return "container-started " + e.container;
    case PodEvent::Type::kContainerWaiting: return "waiting " + e.container + " " + e.reason;
    case PodEvent::Type::kContainerExited:
      return "exited " + e.container + " " + std::to_string(e.exit_code) + " " + e.reason +
             (e.signal ? " signal " + std::to_string(e.signal) : "");
    case PodEvent::Type::kReady: return e.ready ? "ready" : "not-ready";
    case PodEvent::Type::kPodFailed: return "failed " + e.reason;
    case PodEvent::Type::kPodStopped: return "stopped";
  }
  return "?";
}

using Lines = std::vector<std::string>;

// A runtime on a fake clock with a recording sink.
class SimulatedRuntimeTest : public ::testing::Test {
 protected:
  explicit SimulatedRuntimeTest(SimulatedRuntimeOptions options = {milliseconds(0), 0, {}})
      : rt_(std::make_unique<SimulatedRuntime>(clock_.scheduler(), options)) {}

  void start(const api::Pod& p) {
    rt_->start_pod("Pod/default/" + p.metadata.name, p, [this](PodEvent e) {
      std::lock_guard lock(mu_);
      events_.push_back(e);
    });
  }
  void stop(const std::string& name, seconds grace = seconds(30)) { rt_->stop_pod("Pod/default/" + name, grace); }
  // What happened since the last call, one line per event.
  Lines seen() {
    std::lock_guard lock(mu_);
    Lines out;
    for (const PodEvent& e : events_) out.push_back(describe(e));
    events_.clear();
    return out;
  }
  std::vector<PodEvent> raw() {
    std::lock_guard lock(mu_);
    return std::exchange(events_, {});
  }
  void run_until(milliseconds t) { clock_.run_until(t); }
  // How often each pod's containers started since the last call.
  std::map<std::string, int> container_starts() {
    std::map<std::string, int> starts;
    for (const PodEvent& e : raw()) {
      if (e.type == PodEvent::Type::kContainerStarted) starts[e.pod_key] += 1;
    }
    return starts;
  }

  FakeScheduler clock_;
  std::unique_ptr<SimulatedRuntime> rt_;
  std::mutex mu_;
  std::vector<PodEvent> events_;
};

TEST_F(SimulatedRuntimeTest, NameAndDefaultCapacity) {
  SimulatedRuntime rt(clock_.scheduler());
  EXPECT_EQ(rt.name(), "simulated");
  NodeResources r = rt.capacity();
  EXPECT_EQ(r.cpu.to_string(), "32");
  EXPECT_EQ(r.memory.to_string(), "256Gi");
  EXPECT_EQ(r.pods, 110);
}

TEST_F(SimulatedRuntimeTest, CapacityIsAConstructorParameter) {
  SimulatedRuntimeOptions o;
  o.capacity = NodeResources{api::Quantity::from_int(4), api::Quantity::parse("8Gi").value(), 20};
  SimulatedRuntime rt(clock_.scheduler(), o);
  EXPECT_EQ(rt.capacity().cpu.to_string(), "4");
  EXPECT_EQ(rt.capacity().pods, 20);
}

TEST_F(SimulatedRuntimeTest, StartsAfterTheDelayThenRunsAndIsReady) {
  rt_ = std::make_unique<SimulatedRuntime>(clock_.scheduler(), SimulatedRuntimeOptions{milliseconds(500), 3, {}});
  api::Pod p = pod("a");
  api::Container side;
  side.name = "sidecar";
  side.image = "envoy";
  p.spec.containers.push_back(side);
  start(p);
  run_until(milliseconds(499));
  EXPECT_TRUE(seen().empty());
  run_until(milliseconds(500));
  std::vector<PodEvent> events = raw();
  Lines lines;
  for (const PodEvent& e : events) lines.push_back(describe(e));
  EXPECT_EQ(lines, (Lines{"started 10.244.3.2", "container-started app", "container-started sidecar", "ready"}));
  EXPECT_EQ(events[1].container_id, "sim://uid-a/app");
  EXPECT_EQ(events[1].image, "busybox");
  EXPECT_EQ(events[2].container_id, "sim://uid-a/sidecar");
  EXPECT_EQ(events[0].pod_key, "Pod/default/a");
  EXPECT_EQ(events[0].pod_uid, "uid-a");
  run_until(milliseconds(1'000'000));
  EXPECT_TRUE(seen().empty());  // runs until stopped
}

TEST_F(SimulatedRuntimeTest, StartingARunningPodAgainDoesNothing) {
  start(pod("a"));
  start(pod("a"));
  run_until(milliseconds(1));
  EXPECT_EQ(seen().size(), 3u);
  EXPECT_EQ(rt_->running_pods(), 1u);
}

TEST_F(SimulatedRuntimeTest, PodIpsAreUniquePerLivePodAndReusedAfterStop) {
  for (const char* n : {"a", "b", "c"}) start(pod(n));
  run_until(milliseconds(1));
  Lines first = seen();
  EXPECT_EQ(first[0], "started 10.244.0.2");
  EXPECT_EQ(first[3], "started 10.244.0.3");
  EXPECT_EQ(first[6], "started 10.244.0.4");
  stop("b");
  start(pod("d"));
  run_until(milliseconds(2));
  EXPECT_EQ(seen().at(3), "started 10.244.0.3");  // after b's not-ready, exited, stopped
}

TEST_F(SimulatedRuntimeTest, NodesBeyond256GetRangesInTheNextSlash16) {
  rt_ = std::make_unique<SimulatedRuntime>(clock_.scheduler(), SimulatedRuntimeOptions{milliseconds(0), 4999, {}});
  start(pod("a"));
  run_until(milliseconds(0));
  // 4999 = 19 * 256 + 135: second octet (244 + 19) % 256 = 7, third 135.
  EXPECT_EQ(seen().at(0), "started 10.7.135.2");
}

TEST_F(SimulatedRuntimeTest, ExitWithRestartPolicyAlwaysRestartsWithBackOff) {
  api::Pod p = pod("crash", "Always");
  p.metadata.annotations["sim.herd.io/exit-after"] = "1s";
  p.metadata.annotations["sim.herd.io/exit-code"] = "2";
  start(p);
  run_until(milliseconds(1000));
  EXPECT_EQ(seen(), (Lines{"started 10.244.0.2", "container-started app", "ready", "not-ready", "exited app 2 Error"}));
  run_until(milliseconds(10'999));
  EXPECT_TRUE(seen().empty());
  run_until(milliseconds(11'000));  // 10 s back-off
  EXPECT_EQ(seen(), (Lines{"container-started app", "ready"}));
  run_until(milliseconds(12'000));
  EXPECT_EQ(seen(), (Lines{"not-ready", "exited app 2 Error"}));
  run_until(milliseconds(31'999));
  EXPECT_TRUE(seen().empty());
  run_until(milliseconds(32'000));  // then 20 s
  EXPECT_EQ(seen(), (Lines{"container-started app", "ready"}));
}

TEST_F(SimulatedRuntimeTest, SuccessfulExitRestartsOnlyWithAlways) {
  SimulatedScript s;
  s.exit_after = milliseconds(100);
  rt_->script("", s);
  start(pod("always", "Always"));
  start(pod("onfailure", "OnFailure"));
  start(pod("never", "Never"));
  start(pod("default", ""));  // Kubernetes' default is Always
  run_until(milliseconds(1'000'000));
  std::map<std::string, int> starts = container_starts();
  EXPECT_GT(starts["Pod/default/always"], 3);
  EXPECT_GT(starts["Pod/default/default"], 3);
  EXPECT_EQ(starts["Pod/default/onfailure"], 1);
  EXPECT_EQ(starts["Pod/default/never"], 1);
}

TEST_F(SimulatedRuntimeTest, FailedExitRestartsWithOnFailureButNotNever) {
  SimulatedScript s;
  s.exit_after = milliseconds(100);
  s.exit_code = 1;
  rt_->script("", s);
  start(pod("onfailure", "OnFailure"));
  start(pod("never", "Never"));
  run_until(milliseconds(1'000'000));
  std::map<std::string, int> starts = container_starts();
  EXPECT_GT(starts["Pod/default/onfailure"], 3);
  EXPECT_EQ(starts["Pod/default/never"], 1);
}

TEST(SimulatedRuntime, BackOffDoublesFrom10sUpTo300s) {
  std::vector<int64_t> s;
  for (int i = 0; i < 7; ++i) s.push_back(SimulatedRuntime::restart_back_off(i).count() / 1000);
  EXPECT_EQ(s, (std::vector<int64_t>{10, 20, 40, 80, 160, 300, 300}));
  EXPECT_EQ(SimulatedRuntime::restart_back_off(1000).count(), 300'000);
}

TEST_F(SimulatedRuntimeTest, NeverPolicyStaysExited) {
  SimulatedScript s;
  s.exit_after = milliseconds(100);
  rt_->script("job-", s);
  start(pod("job-x", "Never"));
  run_until(milliseconds(1'000'000));
  EXPECT_EQ(seen(), (Lines{"started 10.244.0.2", "container-started app", "ready", "not-ready",
                           "exited app 0 Completed"}));
  EXPECT_EQ(rt_->running_pods(), 1u);  // held until stopped
  stop("job-x");
  EXPECT_EQ(seen(), (Lines{"stopped"}));
}

TEST_F(SimulatedRuntimeTest, ReadyFalseAnnotationNeverBecomesReady) {
  start(annotated("a", "ready", "false"));
  run_until(milliseconds(1'000'000));
  EXPECT_EQ(seen(), (Lines{"started 10.244.0.2", "container-started app"}));
}

TEST_F(SimulatedRuntimeTest, ReadyAfterDelaysReadiness) {
  start(annotated("a", "ready-after", "5s"));
  run_until(milliseconds(4'999));
  EXPECT_EQ(seen(), (Lines{"started 10.244.0.2", "container-started app"}));
  run_until(milliseconds(5'000));
  EXPECT_EQ(seen(), (Lines{"ready"}));
}

TEST_F(SimulatedRuntimeTest, StartFailureAnnotationReportsPodFailed) {
  start(annotated("bad", "start-failure", "ErrImagePull"));
  run_until(milliseconds(1'000'000));
  std::vector<PodEvent> events = raw();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(describe(events[0]), "failed ErrImagePull");
  EXPECT_FALSE(events[0].message.empty());
  EXPECT_EQ(rt_->running_pods(), 1u);  // held until stopped
  stop("bad", seconds(0));
  EXPECT_EQ(seen(), (Lines{"stopped"}));
  EXPECT_EQ(rt_->running_pods(), 0u);
}

TEST_F(SimulatedRuntimeTest, InvalidAnnotationFailsThePod) {
  start(annotated("a", "exit-after", "soon"));
  run_until(milliseconds(1));
  std::vector<PodEvent> events = raw();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].reason, "CreateContainerConfigError");
  EXPECT_NE(events[0].message.find("sim.herd.io/exit-after"), std::string::npos);
}

TEST_F(SimulatedRuntimeTest, LongestScriptPrefixWinsAndAnnotationsOverride) {
  SimulatedScript web;
  web.ready = false;
  rt_->script("web-", web);
  SimulatedScript canary;
  canary.start_delay = milliseconds(50);
  rt_->script("web-canary-", canary);
  start(pod("web-1"));
  start(pod("web-canary-1"));
  start(annotated("web-2", "ready", "true"));
  run_until(milliseconds(0));
  Lines now = seen();
  EXPECT_EQ(std::count(now.begin(), now.end(), "ready"), 1);  // web-2 only; web-1 never ready
  EXPECT_EQ(std::count(now.begin(), now.end(), "container-started app"), 2);
  run_until(milliseconds(50));
  EXPECT_EQ(seen(), (Lines{"started 10.244.0.4", "container-started app", "ready"}));  // canary: ready by default
}

TEST_F(SimulatedRuntimeTest, StopReportsExitOnSigtermThenStopped) {
  start(pod("a"));
  run_until(milliseconds(1));
  seen();
  stop("a");
  EXPECT_EQ(seen(), (Lines{"not-ready", "exited app 0 Completed", "stopped"}));
  EXPECT_EQ(rt_->running_pods(), 0u);
  stop("a");  // unknown now: nothing
  EXPECT_TRUE(seen().empty());
}

TEST_F(SimulatedRuntimeTest, StopBeforeTheStartCancelsIt) {
  rt_ = std::make_unique<SimulatedRuntime>(clock_.scheduler(), SimulatedRuntimeOptions{milliseconds(500), 0, {}});
  start(pod("a"));
  stop("a");
  run_until(milliseconds(10'000));
  EXPECT_EQ(seen(), (Lines{"stopped"}));
}

TEST_F(SimulatedRuntimeTest, StopDuringBackOffReportsNoSecondExit) {
  start(annotated("a", "exit-after", "1s"));
  run_until(milliseconds(2'000));  // exited, waiting 10 s to restart
  seen();
  stop("a");
  run_until(milliseconds(100'000));
  EXPECT_EQ(seen(), (Lines{"stopped"}));
}

TEST_F(SimulatedRuntimeTest, IgnoringSigtermIsKilledWhenTheGraceEnds) {
  start(annotated("a", "ignore-sigterm", "true"));
  run_until(milliseconds(1));
  seen();
  stop("a", seconds(30));
  EXPECT_EQ(seen(), (Lines{"not-ready"}));
  stop("a", seconds(30));  // already stopping
  run_until(milliseconds(30'000));
  EXPECT_TRUE(seen().empty());
  run_until(milliseconds(30'001));
  EXPECT_EQ(seen(), (Lines{"exited app 137 Error signal 9", "stopped"}));
}

TEST_F(SimulatedRuntimeTest, TimersOutlivingTheRuntimeDoNothing) {
  start(pod("a"));
  rt_.reset();
  run_until(milliseconds(10));
  EXPECT_TRUE(seen().empty());
}

TEST_F(SimulatedRuntimeTest, SinkMayCallBackAndEventsStayInOrder) {
  std::vector<std::string> order;
  rt_->start_pod("Pod/default/a", pod("a"), [&](PodEvent e) {
    order.push_back(describe(e));
    if (e.type == PodEvent::Type::kReady && e.ready) rt_->stop_pod("Pod/default/a", seconds(0));
  });
  run_until(milliseconds(1));
  EXPECT_EQ(order, (Lines{"started 10.244.0.2", "container-started app", "ready", "not-ready",
                          "exited app 0 Completed", "stopped"}));
}

TEST_F(SimulatedRuntimeTest, ManyThreadsStartAndStopPods) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 50; ++i) {
        std::string name = "p-" + std::to_string(t) + "-" + std::to_string(i);
        start(pod(name));
        if (i % 2 == 0) stop(name);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  run_until(milliseconds(1));
  EXPECT_EQ(rt_->running_pods(), 100u);
  std::map<std::string, int> stopped;
  for (const PodEvent& e : raw()) {
    if (e.type == PodEvent::Type::kPodStopped) stopped[e.pod_key] += 1;
  }
  EXPECT_EQ(stopped.size(), 100u);
}

TEST(SimulatedRuntime, ParsesGoDurations) {
  EXPECT_EQ(parse_duration("5s"), milliseconds(5000));
  EXPECT_EQ(parse_duration("250ms"), milliseconds(250));
  EXPECT_EQ(parse_duration("2m"), milliseconds(120'000));
  EXPECT_EQ(parse_duration("1m30s"), milliseconds(90'000));
  EXPECT_EQ(parse_duration("1.5s"), milliseconds(1500));
  EXPECT_EQ(parse_duration("2h"), milliseconds(7'200'000));
  EXPECT_EQ(parse_duration("0"), milliseconds(0));
  EXPECT_FALSE(parse_duration("5"));
  EXPECT_FALSE(parse_duration("x"));
  EXPECT_FALSE(parse_duration(""));
  EXPECT_FALSE(parse_duration("-5s"));
  EXPECT_FALSE(parse_duration("5 s"));
  EXPECT_FALSE(parse_duration("1.2.3s"));
}

}  // namespace
}  // namespace herd::runtime
