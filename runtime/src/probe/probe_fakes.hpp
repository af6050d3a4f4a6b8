#pragma once

// Fakes for the probe tests: a Scheduler and an executor driven by hand,
// actions whose outcomes a test sets, and a sink that records reports.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "herd/runtime/prober.hpp"
#include "probe/probe_action.hpp"

namespace herd::runtime::probe {

using std::chrono::milliseconds;

// A Scheduler whose time moves only in advance(). Thread-safe.
class FakeScheduler {
 public:
  Scheduler scheduler() {
    return [this](milliseconds delay, std::function<void()> fn) {
      std::lock_guard lock(mu_);
      due_.emplace(now_ + delay, std::move(fn));
    };
  }
  // Moves time forward by `by`, running what falls due on the way in time
  // order (what they schedule too, if due by then).
  void advance(milliseconds by) {
    milliseconds until;
    {
      std::lock_guard lock(mu_);
      until = now_ + by;
    }
    for (;;) {
      std::function<void()> fn;
      {
        std::lock_guard lock(mu_);
        if (due_.empty() || due_.begin()->first > until) {
          now_ = until;
          return;
        }
        now_ = due_.begin()->first;
        fn = std::move(due_.begin()->second);
        due_.erase(due_.begin());
      }
      fn();
    }
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

// A ProbeExecutor that queues jobs until run_all(). Thread-safe.
class FakeExecutor {
 public:
  ProbeExecutor executor() {
    return [this](std::function<void()> job) {
      std::lock_guard lock(mu_);
      jobs_.push_back(std::move(job));
    };
  }
  // Runs the queued jobs on this thread; returns how many ran.
  int run_all() {
    std::vector<std::function<void()>> jobs;
    {
      std::lock_guard lock(mu_);
      jobs.swap(jobs_);
    }
    for (auto& job : jobs) {
      job();
    }
    return static_cast<int>(jobs.size());
  }

 private:
  std::mutex mu_;
  std::vector<std::function<void()>> jobs_;
};

// Outcomes that fake actions return, by key, and the attempts made. Thread-safe.
class FakeOutcomes {
 public:
  void set(const std::string& key, ProbeOutcome outcome) {
    std::lock_guard lock(mu_);
    outcomes_[key] = std::move(outcome);
  }
  ProbeOutcome attempt(const std::string& key, milliseconds timeout) {
    std::lock_guard lock(mu_);
    ++attempts_[key];
    last_timeout_ = timeout;
    return outcomes_[key];  // success unless set
  }
  int attempts(const std::string& key) {
    std::lock_guard lock(mu_);
    return attempts_[key];
  }
  milliseconds last_timeout() {
    std::lock_guard lock(mu_);
    return last_timeout_;
  }

 private:
  std::mutex mu_;
  std::map<std::string, ProbeOutcome> outcomes_;
  std::map<std::string, int> attempts_;
  milliseconds last_timeout_{0};
};

class FakeAction final : public ProbeAction {
 public:
  FakeAction(std::shared_ptr<FakeOutcomes> outcomes, std::string key)
      : outcomes_(std::move(outcomes)), key_(std::move(key)) {}
  ProbeOutcome run(milliseconds timeout) override { return outcomes_->attempt(key_, timeout); }

 private:
  std::shared_ptr<FakeOutcomes> outcomes_;
  std::string key_;
};

// Fake actions keyed "<container>/<exec command[0]>": tests give each probe
// an exec command naming it ("live", "ready", "start").
inline ProbeActionFactory fake_actions(std::shared_ptr<FakeOutcomes> outcomes) {
  return [outcomes](const api::Probe& probe, const api::Container& container,
                    const ProbeTarget&) -> std::unique_ptr<ProbeAction> {
    std::string name = probe.exec && !probe.exec->command.empty() ? probe.exec->command[0] : "?";
    return std::make_unique<FakeAction>(outcomes, container.name + "/" + name);
  };
}

// Records reports as one line each:
//   "app Readiness Failure (changed)"
//   "app Liveness Failure (changed, restart) Liveness probe failed: boom"
class RecordingSink {
 public:
  ProbeReportSink sink() {
    return [this](ProbeReport report) {
      std::lock_guard lock(mu_);
      lines_.push_back(describe(report));
    };
  }
  // The lines recorded since the last take().
  std::vector<std::string> take() {
    std::lock_guard lock(mu_);
    return std::exchange(lines_, {});
  }

  static std::string describe(const ProbeReport& report) {
    static const char* const kResults[] = {"Unknown", "Success", "Failure"};
    std::string line = report.container + " " + std::string(probe_kind_name(report.kind)) + " " +
                       kResults[static_cast<int>(report.result)];
    if (report.changed || report.restart) {
      line += report.changed && report.restart ? " (changed, restart)"
              : report.changed                 ? " (changed)"
                                               : " (restart)";
    }
    return report.message.empty() ? line : line + " " + report.message;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};

// What the worker and prober tests share: time, attempts, outcomes, reports.
class FakeProbeEnv {
 public:
  // Moves time by `by`, then runs the attempts that were started; returns how many.
  int step(milliseconds by) {
    clock.advance(by);
    return pool.run_all();
  }

  FakeScheduler clock;
  FakeExecutor pool;
  RecordingSink sink;
  std::shared_ptr<FakeOutcomes> outcomes = std::make_shared<FakeOutcomes>();
};

}  // namespace herd::runtime::probe
