#include "probe/probe_worker.hpp"

#include <optional>
#include <utility>

namespace herd::runtime::probe {

struct WorkerState {
  WorkerState(std::string container, ProbeKind kind, ProbeSettings settings,
              std::unique_ptr<ProbeAction> action, StartedFlag started, ProbeWorker::Deps deps)
      : container(std::move(container)),
        kind(kind),
        settings(settings),
        action(std::move(action)),
        started(std::move(started)),
        deps(std::move(deps)),
        tracker(kind, settings.success_threshold, settings.failure_threshold) {}

  const std::string container;
  const ProbeKind kind;
  const ProbeSettings settings;
  const std::unique_ptr<ProbeAction> action;  // used by one attempt at a time
  const StartedFlag started;
  const ProbeWorker::Deps deps;
  std::atomic<bool> stopped{false};

  std::mutex mu;
  ResultTracker tracker;   // guarded by mu
  bool in_flight = false;  // guarded by mu
  bool done = false;       // guarded by mu: restart signalled, or startup succeeded
};

namespace {

void tick(const std::weak_ptr<WorkerState>& weak);

void schedule_tick(WorkerState& state, std::weak_ptr<WorkerState> weak,
                   std::chrono::milliseconds delay) {
  state.deps.scheduler(delay, [weak = std::move(weak)] { tick(weak); });
}

std::string message_for(ProbeKind kind, const ProbeOutcome& outcome) {
  std::string kind_name(probe_kind_name(kind));
  switch (outcome.kind) {
    case ProbeOutcome::Kind::kSuccess:
      return "";
    case ProbeOutcome::Kind::kWarning:
      return kind_name + " probe warning: " + outcome.output;
    case ProbeOutcome::Kind::kFailure:
      return kind_name + " probe failed: " + outcome.output;
    case ProbeOutcome::Kind::kError:
      return kind_name + " probe errored: " + outcome.output;
  }
  return "";
}

// One attempt, on an executor thread.
void attempt(const std::shared_ptr<WorkerState>& state) {
  std::optional<ProbeReport> report;
  if (!state->stopped) {
    ProbeOutcome outcome = state->action->run(state->settings.timeout);
    std::lock_guard lock(state->mu);
    ResultTracker::Step step = state->tracker.record(outcome.kind);
    state->done = state->done || step.done;
    if (state->kind == ProbeKind::kStartup && state->tracker.result() == ProbeResult::kSuccess) {
      state->started->store(true);
    }
    if (step.changed || outcome.kind != ProbeOutcome::Kind::kSuccess) {
      report = ProbeReport{state->container, state->kind,  state->tracker.result(),
                           step.changed,     step.restart, message_for(state->kind, outcome)};
    }
  }
  if (report) {
    state->deps.channel->deliver(state->stopped, *std::move(report));
  }
  // Cleared only now, so this worker's reports never overtake one another.
  std::lock_guard lock(state->mu);
  state->in_flight = false;
}

// A tick, on the scheduler's thread: the next one is scheduled every time
// (outside the lock, in case a scheduler runs a zero delay at once), so the
// period does not drift with how long an attempt takes.
void tick(const std::weak_ptr<WorkerState>& weak) {
  std::shared_ptr<WorkerState> state = weak.lock();
  if (!state || state->stopped) {
    return;
  }
  bool attempt_now = false;
  {
    std::lock_guard lock(state->mu);
    if (state->done) {
      return;
    }
    bool gated = state->kind != ProbeKind::kStartup && !state->started->load();
    attempt_now = !state->in_flight && !gated;
    state->in_flight = state->in_flight || attempt_now;
  }
  schedule_tick(*state, weak, state->settings.period);
  if (attempt_now) {
    state->deps.executor([state] { attempt(state); });
  }
}

}  // namespace

void ReportChannel::deliver(const std::atomic<bool>& stopped, ProbeReport report) {
  std::lock_guard lock(mu_);
  if (!stopped) {
    sink_(std::move(report));
  }
}

ProbeWorker::ProbeWorker(std::string container, ProbeKind kind, ProbeSettings settings,
                         std::unique_ptr<ProbeAction> action, StartedFlag started, Deps deps)
    : state_(std::make_shared<WorkerState>(std::move(container), kind, settings, std::move(action),
                                           std::move(started), std::move(deps))) {}

ProbeWorker::~ProbeWorker() { stop(); }

void ProbeWorker::start() {
  ProbeResult initial;
  {
    std::lock_guard lock(state_->mu);
    initial = state_->tracker.result();
  }
  state_->deps.channel->deliver(
      state_->stopped, ProbeReport{state_->container, state_->kind, initial, true, false, ""});
  if (!state_->stopped) {
    schedule_tick(*state_, state_, state_->settings.initial_delay);
  }
}

void ProbeWorker::stop() { state_->stopped = true; }

}  // namespace herd::runtime::probe
