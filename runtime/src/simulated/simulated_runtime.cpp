#include "herd/runtime/simulated_runtime.hpp"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

namespace herd::runtime {
namespace {

using std::chrono::milliseconds;

constexpr std::string_view kAnnotationPrefix = "sim.herd.io/";
constexpr int kFirstHost = 2;    // .1 is the node's bridge
constexpr int kMaxHost = 254;

// A script with every member decided.
struct Behaviour {
  milliseconds start_delay{0};
  milliseconds ready_after{0};
  std::optional<milliseconds> exit_after;
  int exit_code = 0;
  bool ready = true;
  std::string start_failure;
  bool ignore_sigterm = false;
  std::string config_error;  // an annotation that did not parse
};

enum class Phase { kPending, kFailed, kRunning, kExited, kBackOff, kStopping };

struct SimPod {
  std::string key;
  std::string uid;
  std::shared_ptr<PodEventSink> sink;
  std::vector<std::pair<std::string, std::string>> containers;  // name, image
  bool restart_on_success = true;  // restartPolicy Always
  bool restart_on_failure = true;  // Always or OnFailure
  Behaviour behaviour;
  Phase phase = Phase::kPending;
  int host = 0;  // last octet of the pod IP; 0 = none
  bool ready_reported = false;
  int restarts = 0;
  uint64_t run = 0;  // timers scheduled for an older run are stale
};

std::optional<bool> parse_bool(std::string_view s) {
  if (s == "true") return true;
  if (s == "false") return false;
  return std::nullopt;
}

std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Overlays the pod's sim.herd.io/ annotations on `b`; the first one that
// does not parse is kept in b.config_error.
void apply_annotations(const api::StringMap& annotations, Behaviour& b) {
  for (const auto& [key, value] : annotations) {
    if (key.compare(0, kAnnotationPrefix.size(), kAnnotationPrefix) != 0) continue;
    std::string_view name = std::string_view(key).substr(kAnnotationPrefix.size());
    bool ok = true;
    if (name == "start-delay" || name == "ready-after" || name == "exit-after") {
      std::optional<milliseconds> d = parse_duration(value);
      ok = d.has_value();
      if (ok && name == "start-delay") b.start_delay = *d;
      if (ok && name == "ready-after") b.ready_after = *d;
      if (ok && name == "exit-after") b.exit_after = *d;
    } else if (name == "exit-code") {
      std::optional<int> code = parse_int(value);
      ok = code.has_value();
      if (ok) b.exit_code = *code;
    } else if (name == "ready" || name == "ignore-sigterm") {
      std::optional<bool> v = parse_bool(value);
      ok = v.has_value();
      if (ok) (name == "ready" ? b.ready : b.ignore_sigterm) = *v;
    } else if (name == "start-failure") {
      b.start_failure = value;
    }
    if (!ok && b.config_error.empty()) b.config_error = key + ": invalid value \"" + value + "\"";
  }
}

}  // namespace

struct SimulatedRuntime::State : std::enable_shared_from_this<State> {
  std::recursive_mutex mu;
  Scheduler scheduler;
  SimulatedRuntimeOptions options;  // as constructed
  std::map<std::string, SimulatedScript> scripts;  // name prefix -> script
  std::unordered_map<std::string, SimPod> pods;
  std::bitset<kMaxHost + 1> used_hosts;
  uint64_t next_run = 0;
  std::deque<std::pair<std::shared_ptr<PodEventSink>, PodEvent>> outbox;
  bool delivering = false;

  Behaviour behaviour_for(const api::Pod& pod) const;
  PodEvent event(const SimPod& p, PodEvent::Type type, std::string container = {}) const;
  void send(const SimPod& p, PodEvent e) { outbox.emplace_back(p.sink, std::move(e)); }
  void deliver();
  void after(milliseconds delay, const SimPod& p, void (State::*step)(SimPod&));
  std::string ip(int host) const;

  void on_start(SimPod& p);
  void start_containers(SimPod& p);
  void on_ready(SimPod& p);
  void on_exit(SimPod& p);
  void exit_containers(SimPod& p, int code, int signal, const char* reason);
  void on_kill(SimPod& p);
  void finish(SimPod& p);  // erases p
};

Behaviour SimulatedRuntime::State::behaviour_for(const api::Pod& pod) const {
  const SimulatedScript* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& [prefix, s] : scripts) {
    if (pod.metadata.name.compare(0, prefix.size(), prefix) == 0 && (!best || prefix.size() > best_len)) {
      best = &s;
      best_len = prefix.size();
    }
  }
  Behaviour b;
  b.start_delay = options.start_delay;
  if (best) {
    b.start_delay = best->start_delay.value_or(b.start_delay);
    b.ready_after = best->ready_after.value_or(b.ready_after);
    b.exit_after = best->exit_after;
    b.exit_code = best->exit_code.value_or(0);
    b.ready = best->ready.value_or(true);
    b.start_failure = best->start_failure.value_or("");
    b.ignore_sigterm = best->ignore_sigterm.value_or(false);
  }
  apply_annotations(pod.metadata.annotations, b);
  return b;
}

PodEvent SimulatedRuntime::State::event(const SimPod& p, PodEvent::Type type, std::string container) const {
  PodEvent e;
  e.type = type;
  e.pod_key = p.key;
  e.pod_uid = p.uid;
  e.container = std::move(container);
  return e;
}

// Delivers queued events in order. A sink that calls back into the runtime
// only queues more events; the outermost deliver() sends them after the
// ones before, so a pod's events never overtake each other.
void SimulatedRuntime::State::deliver() {
  if (delivering) return;
  delivering = true;
  while (!outbox.empty()) {
    auto [sink, e] = std::move(outbox.front());
    outbox.pop_front();
    if (sink && *sink) (*sink)(std::move(e));
  }
  delivering = false;
}

void SimulatedRuntime::State::after(milliseconds delay, const SimPod& p, void (State::*step)(SimPod&)) {
  std::weak_ptr<State> weak = weak_from_this();
  scheduler(delay, [weak, key = p.key, run = p.run, step] {
    std::shared_ptr<State> s = weak.lock();
    if (!s) return;  // the runtime is gone
    std::lock_guard lock(s->mu);
    auto it = s->pods.find(key);
    if (it == s->pods.end() || it->second.run != run) return;  // stopped or moved on since
    (s.get()->*step)(it->second);
    s->deliver();
  });
}

std::string SimulatedRuntime::State::ip(int host) const {
  const int i = options.node_index;
  return "10." + std::to_string((244 + i / 256) % 256) + "." + std::to_string(i % 256) + "." + std::to_string(host);
}

void SimulatedRuntime::State::on_start(SimPod& p) {
  const Behaviour& b = p.behaviour;
  auto fail = [&](std::string reason, std::string message) {
    p.phase = Phase::kFailed;
    PodEvent e = event(p, PodEvent::Type::kPodFailed);
    e.reason = std::move(reason);
    e.message = std::move(message);
    send(p, std::move(e));
  };
  if (!b.config_error.empty()) return fail("CreateContainerConfigError", b.config_error);
  if (!b.start_failure.empty()) return fail(b.start_failure, "simulated " + b.start_failure + " (sim.herd.io/start-failure)");
  int host = kFirstHost;
  while (host <= kMaxHost && used_hosts[host]) ++host;
  if (host > kMaxHost) {
    return fail("FailedCreatePodSandBox", "no IP addresses available in range set: " + ip(kFirstHost) + "-" + ip(kMaxHost));
  }
  used_hosts[host] = true;
  p.host = host;
  PodEvent started = event(p, PodEvent::Type::kPodStarted);
  started.pod_ip = ip(host);
  send(p, std::move(started));
  start_containers(p);
}

void SimulatedRuntime::State::start_containers(SimPod& p) {
  p.phase = Phase::kRunning;
  p.run = ++next_run;
  for (const auto& [name, image] : p.containers) {
    PodEvent e = event(p, PodEvent::Type::kContainerStarted, name);
    e.container_id = "sim://" + p.uid + "/" + name;
    e.image = image;
    send(p, std::move(e));
  }
  const Behaviour& b = p.behaviour;
  if (b.ready && b.ready_after.count() == 0) on_ready(p);
  if (b.ready && b.ready_after.count() > 0) after(b.ready_after, p, &State::on_ready);
  if (b.exit_after) after(*b.exit_after, p, &State::on_exit);
}

void SimulatedRuntime::State::on_ready(SimPod& p) {
  if (p.phase != Phase::kRunning || p.ready_reported) return;
  p.ready_reported = true;
  PodEvent e = event(p, PodEvent::Type::kReady);
  e.ready = true;
  send(p, std::move(e));
}

void SimulatedRuntime::State::exit_containers(SimPod& p, int code, int signal, const char* reason) {
  if (p.ready_reported) {
    p.ready_reported = false;
    send(p, event(p, PodEvent::Type::kReady));  // ready = false
  }
  for (const auto& c : p.containers) {
    PodEvent e = event(p, PodEvent::Type::kContainerExited, c.first);
    e.container_id = "sim://" + p.uid + "/" + c.first;
    e.exit_code = code;
    e.signal = signal;
    e.reason = reason;
    send(p, std::move(e));
  }
}

void SimulatedRuntime::State::on_exit(SimPod& p) {
  const int code = p.behaviour.exit_code;
  exit_containers(p, code, 0, code == 0 ? "Completed" : "Error");
  if (!(code == 0 ? p.restart_on_success : p.restart_on_failure)) {
    p.phase = Phase::kExited;
    return;
  }
  p.phase = Phase::kBackOff;
  milliseconds delay = SimulatedRuntime::restart_back_off(p.restarts++);
  after(delay, p, &State::start_containers);
}

void SimulatedRuntime::State::on_kill(SimPod& p) {
  exit_containers(p, 137, 9, "Error");
  finish(p);
}

void SimulatedRuntime::State::finish(SimPod& p) {
  send(p, event(p, PodEvent::Type::kPodStopped));
  if (p.host != 0) used_hosts[p.host] = false;
  pods.erase(p.key);
}

SimulatedRuntime::SimulatedRuntime(Scheduler scheduler, SimulatedRuntimeOptions options)
    : state_(std::make_shared<State>()) {
  state_->scheduler = std::move(scheduler);
  state_->options = std::move(options);
}

SimulatedRuntime::~SimulatedRuntime() = default;

void SimulatedRuntime::script(std::string name_prefix, SimulatedScript script) {
  std::lock_guard lock(state_->mu);
  state_->scripts[std::move(name_prefix)] = std::move(script);
}

std::string SimulatedRuntime::name() const { return "simulated"; }

NodeResources SimulatedRuntime::capacity() const { return state_->options.capacity; }

void SimulatedRuntime::start_pod(const std::string& pod_key, const api::Pod& pod, PodEventSink sink) {
  std::lock_guard lock(state_->mu);
  State& s = *state_;
  if (s.pods.count(pod_key)) return;
  SimPod p;
  p.key = pod_key;
  p.uid = pod.metadata.uid;
  p.sink = std::make_shared<PodEventSink>(std::move(sink));
  for (const api::Container& c : pod.spec.containers) p.containers.emplace_back(c.name, c.image);
  const std::string& policy = pod.spec.restart_policy;  // "" is Kubernetes' default, Always
  p.restart_on_success = policy.empty() || policy == "Always";
  p.restart_on_failure = p.restart_on_success || policy == "OnFailure";
  p.behaviour = s.behaviour_for(pod);
  p.run = ++s.next_run;
  SimPod& stored = s.pods.emplace(pod_key, std::move(p)).first->second;
  s.after(stored.behaviour.start_delay, stored, &State::on_start);
}

void SimulatedRuntime::remove_pods_except(const std::set<std::string>&) {}

void SimulatedRuntime::stop_pod(const std::string& pod_key, std::chrono::seconds grace) {
  std::lock_guard lock(state_->mu);
  State& s = *state_;
  auto it = s.pods.find(pod_key);
  if (it == s.pods.end() || it->second.phase == Phase::kStopping) return;
  SimPod& p = it->second;
  p.run = ++s.next_run;  // cancels pending start, ready, exit and restart steps
  if (p.phase == Phase::kRunning && p.behaviour.ignore_sigterm && grace.count() > 0) {
    if (p.ready_reported) {
      p.ready_reported = false;
      s.send(p, s.event(p, PodEvent::Type::kReady));
    }
    p.phase = Phase::kStopping;
    s.after(grace, p, &State::on_kill);
  } else {
    if (p.phase == Phase::kRunning) s.exit_containers(p, 0, 0, "Completed");
    s.finish(p);
  }
  s.deliver();
}

std::size_t SimulatedRuntime::running_pods() const {
  std::lock_guard lock(state_->mu);
  return state_->pods.size();
}

milliseconds SimulatedRuntime::restart_back_off(int restarts) {
  // 10s doubled per restart: 10, 20, 40, 80, 160, then the 300s cap.
  constexpr milliseconds kInitial{10'000};
  constexpr milliseconds kMax{300'000};
  milliseconds d = kInitial;
  for (int i = 0; i < restarts && d < kMax; ++i) d *= 2;
  return std::min(d, kMax);
}

std::optional<milliseconds> parse_duration(std::string_view text) {
  // Go's time.ParseDuration without a sign: ("0" | (<decimal> <unit>)+),
  // units ns us µs ms s m h. Kept in nanoseconds, then truncated to ms.
  static const std::vector<std::pair<std::string_view, int64_t>> kUnits{
      {"ns", 1}, {"us", 1'000}, {"µs", 1'000}, {"ms", 1'000'000}, {"s", 1'000'000'000},
      {"m", 60'000'000'000}, {"h", 3'600'000'000'000}};
  if (text == "0") return milliseconds(0);
  if (text.empty()) return std::nullopt;
  int64_t total_ns = 0;
  while (!text.empty()) {
    std::size_t digits = 0;
    while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.')) ++digits;
    std::string_view number = text.substr(0, digits);
    text.remove_prefix(digits);
    std::size_t dot = number.find('.');
    std::string_view whole = number.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
    if (whole.empty() && frac.empty()) return std::nullopt;
    if (frac.find('.') != std::string_view::npos) return std::nullopt;
    const std::pair<std::string_view, int64_t>* unit = nullptr;
    for (const auto& u : kUnits) {
      if (text.substr(0, u.first.size()) == u.first && (!unit || u.first.size() > unit->first.size())) unit = &u;
    }
    if (!unit) return std::nullopt;
    text.remove_prefix(unit->first.size());
    int64_t w = 0;
    if (!whole.empty() && std::from_chars(whole.data(), whole.data() + whole.size(), w).ec != std::errc()) return std::nullopt;
    if (w > INT64_MAX / unit->second) return std::nullopt;
    int64_t ns = w * unit->second;
    int64_t scale = unit->second;
    for (char c : frac.substr(0, 18)) {
      scale /= 10;
      ns += (c - '0') * scale;
    }
    if (ns > INT64_MAX - total_ns) return std::nullopt;
    total_ns += ns;
  }
  return std::chrono::duration_cast<milliseconds>(std::chrono::nanoseconds(total_ns));
}

}  // namespace herd::runtime
