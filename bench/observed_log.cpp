#include "observed_log.hpp"

#include <atomic>

#include "herd/events/event_types.hpp"

namespace herd::bench {
namespace {

// Every this-many-th event is encoded to estimate the mean envelope size.
constexpr uint64_t kSampleEvery = 64;

enum class Step { kCreated, kStarted, kReady };

// What the acknowledgement needs of one pod event; the events themselves
// move into the inner log.
struct PodStep {
  std::string key;
  Step step;
  int64_t time_ns;
};

bool ready_true(const events::Event& e) {
  if (!e.data.is_object()) return false;
  const api::Value* ready = e.data.find("ready");
  return ready != nullptr && ready->is_bool() && ready->as_bool();
}

}  // namespace

void ObservedLog::append(std::vector<events::Event> events, events::AppendCallback done) {
  static std::atomic<uint64_t> seen{0};
  auto steps = std::make_shared<std::vector<PodStep>>();
  uint64_t sampled_bytes = 0;
  uint64_t sampled = 0;
  for (const events::Event& e : events) {
    if (seen.fetch_add(1, std::memory_order_relaxed) % kSampleEvery == 0) {
      sampled_bytes += events::encode_event(e).size();
      sampled += 1;
    }
    if (e.kind != "Pod" || e.namespace_ != state_->namespace_) continue;
    if (e.type == events::types::kObjectCreated) {
      steps->push_back({e.object_key(), Step::kCreated, e.time_ns});
    } else if (e.type == events::types::kPodStarted) {
      steps->push_back({e.object_key(), Step::kStarted, e.time_ns});
    } else if (e.type == events::types::kPodReady && ready_true(e)) {
      steps->push_back({e.object_key(), Step::kReady, e.time_ns});
    }
  }
  std::size_t n = events.size();
  inner_.append(std::move(events), [st = state_, n, steps, sampled_bytes, sampled,
                                    done = std::move(done)](Result<std::vector<events::StoredEvent>> r) {
    {
      std::lock_guard lock(st->mu);
      if (!r.ok()) {
        st->counts.failed_appends += 1;
      } else {
        st->counts.events += n;
        st->counts.appends += 1;
        st->counts.bytes_sampled += sampled_bytes;
        st->counts.events_sampled += sampled;
        for (const PodStep& s : *steps) {
          PodTimes& t = st->pods[s.key];
          if (s.step == Step::kCreated) {
            t.created_ns = s.time_ns;
          } else if (s.step == Step::kStarted && t.started_ns == 0) {
            t.started_ns = s.time_ns;
            st->running += 1;
          } else if (s.step == Step::kReady && t.ready_ns == 0) {
            t.ready_ns = s.time_ns;
            st->ready += 1;
          }
        }
        if (st->ready_goal > 0 && !st->goal_reached && st->ready >= st->ready_goal) {
          st->goal_reached = true;
          st->at_goal = st->counts;
          st->goal_time = std::chrono::steady_clock::now();
          st->cv.notify_all();
        }
      }
    }
    done(std::move(r));
  });
}

LogCounts ObservedLog::counts() const {
  std::lock_guard lock(state_->mu);
  return state_->counts;
}

std::unordered_map<std::string, PodTimes> ObservedLog::pods() const {
  std::lock_guard lock(state_->mu);
  return state_->pods;
}

void ObservedLog::progress(std::size_t& created, std::size_t& running, std::size_t& ready) const {
  std::lock_guard lock(state_->mu);
  created = state_->pods.size();
  running = state_->running;
  ready = state_->ready;
}

bool ObservedLog::wait_ready(std::size_t ready, std::chrono::steady_clock::time_point deadline, LogCounts& at,
                             std::chrono::steady_clock::time_point& when) {
  State& st = *state_;
  std::unique_lock lock(st.mu);
  st.ready_goal = ready;
  if (!st.goal_reached && st.ready >= ready) {
    st.goal_reached = true;
    st.at_goal = st.counts;
    st.goal_time = std::chrono::steady_clock::now();
  }
  st.cv.wait_until(lock, deadline, [&] { return st.goal_reached; });
  if (!st.goal_reached) return false;
  at = st.at_goal;
  when = st.goal_time;
  return true;
}

}  // namespace herd::bench
