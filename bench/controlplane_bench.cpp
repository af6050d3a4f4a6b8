// herd-bench controlplane (see controlplane_bench.hpp). The phases:
//
//   1. open the log (a fresh directory, or topics named after the run), wrap
//      it in an ObservedLog, start a ControlPlane with M simulated nodes on
//      the system clock, wait until every Node object exists;
//   2. create Deployment "bench" (N replicas) and wait, bounded by
//      --max-seconds, until N pods have an acknowledged PodReady(true);
//   3. stop the control plane, then append the same number of events to a
//      fresh log on the same target, in batches of the control plane's mean
//      append size: what the log alone does, the baseline.

#include "controlplane_bench.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "baseline_kcat.hpp"
#include "event_generator.hpp"
#include "herd/actors/control_plane.hpp"
#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/base/clock.hpp"
#include "herd/base/logging.hpp"
#include "herd/events/log_factory.hpp"
#include "herd/runtime/simulated_runtime.hpp"
#include "herd_measure.hpp"
#include "observed_log.hpp"
#include "report.hpp"
#include "run_info.hpp"

namespace herd::bench {
namespace {

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

constexpr std::string_view kFileScheme = "file://";
constexpr std::string_view kKafkaScheme = "kafka://";
constexpr std::string_view kNamespace = "default";
// The long-term goal (issue 4): 5,000 pods/s, at 5,000 nodes and 150,000 pods.
constexpr double kPodsPerSecondGoal = 5000;
// SimulatedRuntimeOptions' default capacity: 110 pods per node.
constexpr int kPodsPerNode = 110;

// Resident memory of this process (VmRSS), in bytes; 0 if unknown.
uint64_t resident_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      std::istringstream in(line.substr(6));
      uint64_t kib = 0;
      in >> kib;
      return kib * 1024;
    }
  }
  return 0;
}

std::string deployment_yaml(int replicas) {
  return "apiVersion: apps/v1\n"
         "kind: Deployment\n"
         "metadata:\n"
         "  name: bench\n"
         "  namespace: " + std::string(kNamespace) + "\n"
         "spec:\n"
         "  replicas: " + std::to_string(replicas) + "\n"
         "  selector:\n"
         "    matchLabels: {app: bench}\n"
         "  template:\n"
         "    metadata:\n"
         "      labels: {app: bench}\n"
         "    spec:\n"
         "      containers:\n"
         "      - name: app\n"
         "        image: registry.k8s.io/pause:3.9\n"
         "        resources:\n"
         "          requests: {cpu: 100m, memory: 64Mi}\n";
}

std::vector<actors::ControlPlaneOptions::NodeSpec> simulated_nodes(const ControlPlaneBenchOptions& o) {
  std::vector<actors::ControlPlaneOptions::NodeSpec> nodes;
  std::chrono::milliseconds delay(o.start_delay_ms);
  for (int i = 0; i < o.nodes; ++i) {
    actors::ControlPlaneOptions::NodeSpec node;
    node.name = "sim-node-" + std::to_string(i);
    node.make_runtime = [delay, i](runtime::RuntimeServices services) -> std::unique_ptr<runtime::PodRuntime> {
      runtime::SimulatedRuntimeOptions options;
      options.start_delay = delay;
      options.node_index = i;
      return std::make_unique<runtime::SimulatedRuntime>(std::move(services.scheduler), options);
    };
    nodes.push_back(std::move(node));
  }
  return nodes;
}

// What the control plane phase measured.
struct PlaneOutcome {
  std::string failure;  // set when nothing could be measured
  bool cut_short = false;
  double seconds = 0;   // creation -> last pod Ready (or the limit)
  double nodes_seconds = 0;  // start -> every Node registered
  std::size_t created = 0, running = 0, ready = 0;
  LogCounts window;  // events and appends acknowledged in the window
  LogCounts total;   // the whole run, startup included
  Latency to_running;
  Latency to_ready;
  uint64_t rss_start = 0, rss_nodes = 0, rss_done = 0;
  double pod_json_bytes = 0;  // encoded JSON of one pod object at the end
};

LogCounts minus(const LogCounts& a, const LogCounts& b) {
  return LogCounts{a.events - b.events, a.appends - b.appends, a.bytes_sampled - b.bytes_sampled,
                   a.events_sampled - b.events_sampled, a.failed_appends - b.failed_appends};
}

void pod_latencies(const ObservedLog& log, PlaneOutcome& out) {
  std::vector<double> running_ms, ready_ms;
  for (const auto& [key, t] : log.pods()) {
    if (t.created_ns == 0) continue;
    if (t.started_ns != 0) running_ms.push_back(static_cast<double>(t.started_ns - t.created_ns) / 1e6);
    if (t.ready_ns != 0) ready_ms.push_back(static_cast<double>(t.ready_ns - t.created_ns) / 1e6);
  }
  out.to_running = latency_of(std::move(running_ms));
  out.to_ready = latency_of(std::move(ready_ms));
}

PlaneOutcome run_plane(events::EventLog& inner, const ControlPlaneBenchOptions& o) {
  PlaneOutcome out;
  ObservedLog log(inner);
  log.track_namespace(std::string(kNamespace));
  SystemClock clock;
  actors::ControlPlaneOptions options;
  options.log = &log;
  options.clock = &clock;
  options.nodes = simulated_nodes(o);
  options.heartbeat_interval = std::chrono::milliseconds(o.heartbeat_ms);
  options.timer_tick = std::chrono::milliseconds(o.timer_tick_ms);
  out.rss_start = resident_bytes();
  Steady::time_point started = Steady::now();
  Result<std::unique_ptr<actors::ControlPlane>> plane = actors::ControlPlane::start(std::move(options));
  if (!plane.ok()) {
    out.failure = "the control plane did not start: " + plane.status().to_string();
    return out;
  }
  actors::ControlPlane& cp = **plane;
  Steady::time_point nodes_deadline = started + std::chrono::seconds(o.max_seconds);
  while (Steady::now() < nodes_deadline) {
    std::map<std::string, std::size_t> counts = cp.count_by_kind();
    if (counts["Node"] >= static_cast<std::size_t>(o.nodes)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  out.nodes_seconds = std::chrono::duration<double>(Steady::now() - started).count();
  if (cp.count_by_kind()["Node"] < static_cast<std::size_t>(o.nodes)) {
    out.failure = "only " + std::to_string(cp.count_by_kind()["Node"]) + " of " + std::to_string(o.nodes) +
                  " nodes registered within " + std::to_string(o.max_seconds) + " s";
    return out;
  }
  cp.wait_idle(std::chrono::seconds(30));
  out.rss_nodes = resident_bytes();

  api::Manifest manifest = api::decode_manifest(deployment_yaml(o.pods), api::DecodeOptions{"bench.yaml", true});
  if (manifest.error_count() != 0 || manifest.objects.size() != 1) {
    out.failure = "the benchmark's Deployment manifest does not decode";
    return out;
  }
  LogCounts before = log.counts();
  Steady::time_point t0 = Steady::now();
  Result<actors::ObjectView> created = cp.create(manifest.objects[0].object, "user:herd-bench");
  if (!created.ok()) {
    out.failure = "creating the Deployment: " + created.status().to_string();
    return out;
  }
  Steady::time_point deadline = t0 + std::chrono::seconds(o.max_seconds);
  LogCounts at_goal;
  Steady::time_point goal_time;
  bool reached = false;
  while (!reached && Steady::now() < deadline) {
    reached = log.wait_ready(static_cast<std::size_t>(o.pods), std::min(deadline, Steady::now() + std::chrono::seconds(5)),
                             at_goal, goal_time);
    log.progress(out.created, out.running, out.ready);
    std::cerr << "herd-bench controlplane: " << format_number(std::chrono::duration<double>(Steady::now() - t0).count(), 1)
              << " s: " << out.created << " pods created, " << out.running << " running, " << out.ready
              << " ready\n";
  }
  if (!reached) {
    out.cut_short = true;
    at_goal = log.counts();
    goal_time = Steady::now();
  }
  out.rss_done = resident_bytes();
  out.seconds = std::chrono::duration<double>(goal_time - t0).count();
  out.window = minus(at_goal, before);
  log.progress(out.created, out.running, out.ready);
  pod_latencies(log, out);
  std::vector<actors::ObjectView> sample = cp.list("Pod", kNamespace);
  if (!sample.empty()) out.pod_json_bytes = static_cast<double>(api::to_json(api::encode_object(sample.front().object)).size());
  plane->reset();  // stops the actors before the log goes
  out.total = log.counts();
  return out;
}

// The baseline: the same number of events, in batches of the control plane's
// mean append size, appended to a fresh log on the same target.
AppendOutcome run_baseline(const std::string& uri, const events::LogOptions& log_options,
                           const PlaneOutcome& plane, const ControlPlaneBenchOptions& o, std::size_t& batch,
                           double& envelope) {
  const LogCounts& w = plane.window;
  batch = w.appends > 0 ? std::max<std::size_t>(1, static_cast<std::size_t>(w.events / w.appends + 0.5)) : 1;
  envelope = w.events_sampled > 0 ? static_cast<double>(w.bytes_sampled) / static_cast<double>(w.events_sampled) : 1024;
  AppendOutcome failed;
  Result<std::unique_ptr<events::EventLog>> log = events::open_event_log(uri, log_options);
  if (!log.ok()) {
    failed.throughput.error = "opening " + uri + ": " + log.status().to_string();
    return failed;
  }
  EventGenerator generator(static_cast<std::size_t>(envelope),
                           2 * static_cast<std::size_t>(o.baseline_inflight) * batch);
  Result<std::vector<events::StoredEvent>> warmup = (*log)->append_and_wait({generator.warmup()});
  if (!warmup.ok()) {
    failed.throughput.error = "warm-up append: " + warmup.status().to_string();
    return failed;
  }
  AppendShape shape{std::max<uint64_t>(w.events, 1), batch, o.baseline_threads, o.baseline_inflight,
                    std::chrono::seconds(o.max_seconds)};
  return measure_append(**log, generator, shape);
}

std::optional<double> per_second(double count, double seconds) {
  if (seconds <= 0) return std::nullopt;
  return count / seconds;
}

std::optional<double> ms(const Latency& l, bool p99) {
  return l.known ? std::optional<double>(p99 ? l.p99_ms : l.p50_ms) : std::nullopt;
}

Report build_report(const std::string& title, const PlaneOutcome& p, const AppendOutcome& base,
                    std::size_t batch, double envelope, const ControlPlaneBenchOptions& o) {
  Report r;
  r.title = title;
  const double events = static_cast<double>(p.window.events);
  const double events_per_pod = p.ready > 0 ? events / static_cast<double>(p.ready) : 0;
  std::optional<double> base_events =
      base.throughput.measured() ? std::optional<double>(base.throughput.events_per_second()) : std::nullopt;
  std::optional<double> base_pods;
  if (base_events && events_per_pod > 0) base_pods = *base_events / events_per_pod;
  std::string append_name = "raw append, batch " + std::to_string(batch);
  std::string log_alone = "log alone: raw ev/s / ev per pod";
  double rss_per_pod = p.ready > 0 && p.rss_done > p.rss_nodes
                           ? static_cast<double>(p.rss_done - p.rss_nodes) / static_cast<double>(o.pods) / 1024
                           : 0;
  r.rows = {
      {"pods/s (created -> Ready)", per_second(static_cast<double>(p.ready), p.seconds), log_alone, base_pods, 0,
       true, Target{Target::Kind::kAtLeast, kPodsPerSecondGoal}},
      {"events/s", per_second(events, p.seconds), append_name, base_events, 0, true, {}},
      {"pod create -> Running p50 ms", ms(p.to_running, false), "one raw append call", ms(base.latency, false), 1,
       false, {}},
      {"pod create -> Running p99 ms", ms(p.to_running, true), "one raw append call", ms(base.latency, true), 1,
       false, {}},
      {"pod create -> Ready p50 ms", ms(p.to_ready, false), "", std::nullopt, 1, false, {}},
      {"pod create -> Ready p99 ms", ms(p.to_ready, true), "", std::nullopt, 1, false, {}},
      {"RSS per pod KiB", rss_per_pod > 0 ? std::optional<double>(rss_per_pod) : std::nullopt,
       "the Pod as compact JSON", p.pod_json_bytes > 0 ? std::optional<double>(p.pod_json_bytes / 1024) : std::nullopt,
       1, true, {}},
  };
  auto& n = r.notes;
  std::string window = format_number(static_cast<double>(p.ready), 0) + " of " + format_number(o.pods, 0) +
                       " pods Ready (" + format_number(static_cast<double>(p.running), 0) + " Running, " +
                       format_number(static_cast<double>(p.created), 0) + " created) in " +
                       format_number(p.seconds, 2) + " s";
  n.push_back(p.cut_short ? "control plane: CUT SHORT by the " + std::to_string(o.max_seconds) + " s limit: " + window
                          : "control plane: " + window);
  n.push_back("window: from create(Deployment) to the acknowledgement of the last PodReady; " +
              format_number(events, 0) + " events in " + format_number(static_cast<double>(p.window.appends), 0) +
              " appends (mean " + format_number(p.window.appends ? events / static_cast<double>(p.window.appends) : 0, 2) +
              " per append), " + format_number(events_per_pod, 2) + " events per pod, envelope mean " +
              format_number(envelope, 0) + " B" +
              (p.window.failed_appends ? ", " + std::to_string(p.window.failed_appends) + " appends FAILED" : ""));
  n.push_back("nodes: " + std::to_string(o.nodes) + " SIMULATED (SimulatedRuntime: no containers run; start delay " +
              std::to_string(o.start_delay_ms) + " ms, heartbeat " + std::to_string(o.heartbeat_ms) +
              " ms); registered in " + format_number(p.nodes_seconds, 2) + " s");
  n.push_back("latency: from each pod's ObjectCreated event to its PodStarted (Running) / first PodReady(true) event, "
              "event times (time_ns)");
  n.push_back("memory: VmRSS " + format_number(static_cast<double>(p.rss_start) / 1048576, 1) + " MiB at start, " +
              format_number(static_cast<double>(p.rss_nodes) / 1048576, 1) + " MiB with the nodes, " +
              format_number(static_cast<double>(p.rss_done) / 1048576, 1) +
              " MiB with the pods; per pod = (last - middle) / pods");
  const Throughput& t = base.throughput;
  if (!t.error.empty()) {
    n.push_back("baseline: " + t.error);
  } else {
    std::string counted = format_number(static_cast<double>(t.events), 0) + " events in " + format_number(t.seconds, 2) +
                          " s (ConfigMap events of " + format_number(envelope, 0) + " B, " +
                          std::to_string(o.baseline_threads) + " threads x " + std::to_string(o.baseline_inflight) +
                          " appends in flight, on a fresh log on the same target)";
    n.push_back(t.cut_by_time ? "baseline: CUT SHORT by the " + std::to_string(o.max_seconds) + " s limit: " + counted
                              : "baseline: " + counted);
    if (base.failed_events > 0) n.push_back("baseline: " + std::to_string(base.failed_events) + " events failed: " + base.first_error);
  }
  n.push_back("target: the goal at 5,000 nodes / 150,000 pods (issue 4); figures are reported, not asserted");
  return r;
}

std::string title_of(const ControlPlaneBenchOptions& o) {
  return "herd-bench controlplane (simulated nodes)  log=" + o.log_uri + "  nodes=" + std::to_string(o.nodes) +
         " pods=" + std::to_string(o.pods) + "  (" + machine() + ", " + utc_now() + ")";
}

// Both phases: the control plane on `plane_uri`, then (if it ran) the
// baseline on `base_uri`, a fresh log on the same target.
struct Outcome {
  bool opened = false;
  PlaneOutcome plane;
  AppendOutcome base;
  std::size_t batch = 1;
  double envelope = 0;
};

Outcome run_both(const std::string& plane_uri, const events::LogOptions& plane_options, const std::string& base_uri,
                 const events::LogOptions& base_options, const ControlPlaneBenchOptions& o) {
  Outcome out;
  {
    Result<std::unique_ptr<events::EventLog>> log = events::open_event_log(plane_uri, plane_options);
    if (!log.ok()) {
      std::cerr << "herd-bench: opening " << plane_uri << ": " << log.status().to_string() << "\n";
      return out;
    }
    out.opened = true;
    out.plane = run_plane(**log, o);
  }  // the control plane's log closes before the baseline runs
  if (out.plane.failure.empty()) out.base = run_baseline(base_uri, base_options, out.plane, o, out.batch, out.envelope);
  return out;
}

int finish(const std::string& title, const Outcome& run, const ControlPlaneBenchOptions& o,
           const std::string& cleanup_note) {
  if (!run.opened) return 1;
  if (!run.plane.failure.empty()) {
    std::cerr << "herd-bench: " << run.plane.failure << "\n";
    return 1;
  }
  Report report = build_report(title, run.plane, run.base, run.batch, run.envelope, o);
  report.notes.push_back(cleanup_note);
  print_report(report, std::cout);
  return 0;
}

int run_file(const ControlPlaneBenchOptions& o, const std::string& dir) {
  std::string title = title_of(o);
  fs::path run_dir;
  if (!create_run_dir(dir, run_dir)) return 1;
  Outcome run = run_both("file://" + (run_dir / "log").string(), events::LogOptions{},
                         "file://" + (run_dir / "baseline-log").string(), events::LogOptions{}, o);
  std::string cleanup_note = "data: kept in " + run_dir.string();
  if (!o.keep) {
    std::error_code ec;
    fs::remove_all(run_dir, ec);
    cleanup_note = ec ? "data: could not delete " + run_dir.string() + ": " + ec.message()
                      : "data: " + run_dir.string() + " deleted (--keep keeps it)";
  }
  return finish(title, run, o, cleanup_note);
}

int run_kafka(const ControlPlaneBenchOptions& o, const std::string& brokers) {
  std::string title = title_of(o);
  std::string id = run_id();
  events::LogOptions plane_options;
  plane_options.topic_prefix = id;
  events::LogOptions base_options;
  base_options.topic_prefix = id + "-base";
  Outcome run = run_both(o.log_uri, plane_options, o.log_uri, base_options, o);
  std::string topics = id + ".* and " + id + "-base.*";
  std::string cleanup_note = "data: topics " + topics + " kept";
  if (!o.keep) {
    Status deleted = delete_topics(o.kafka_script, brokers, id + "(-base)?\\..*");
    cleanup_note = deleted.ok() ? "data: topics " + topics + " deleted (--keep keeps them)"
                                : "data: topics " + topics + " NOT deleted: " + deleted.message();
  }
  return finish(title, run, o, cleanup_note);
}

}  // namespace

void add_controlplane_options(CLI::App& c, ControlPlaneBenchOptions& o) {
  auto number = [&c](const char* name, int& value, const char* what, int lo, int hi) {
    c.add_option(name, value, what)->capture_default_str()->check(CLI::Range(lo, hi));
  };
  c.add_option("--log", o.log_uri, "file:///DIR (a fresh subdirectory is used) or kafka://HOST:PORT")->required();
  number("--nodes", o.nodes, "Simulated nodes", 1, 65536);
  number("--pods", o.pods, "Replicas of the one Deployment", 1, 10'000'000);
  number("--start-delay-ms", o.start_delay_ms, "Simulated pod start delay", 0, 600'000);
  number("--heartbeat-ms", o.heartbeat_ms, "Node heartbeat interval", 100, 3'600'000);
  number("--timer-tick-ms", o.timer_tick_ms, "Period of the control plane's timer thread", 1, 10'000);
  number("--max-seconds", o.max_seconds, "Time limit of the timed window, and of the baseline", 1, 36'000);
  number("--baseline-threads", o.baseline_threads, "Appending threads of the baseline", 1, 256);
  number("--baseline-inflight", o.baseline_inflight, "Appends in flight per baseline thread", 1, 4096);
  c.add_option("--kafka-script", o.kafka_script, "scripts/kafka, which deletes the run's topics")
      ->capture_default_str();
  c.add_flag("--keep", o.keep, "Keep the run's directory or topics");
}

int run_controlplane(const ControlPlaneBenchOptions& o) {
  set_min_log_level(LogLevel::kWarning);
  if (static_cast<int64_t>(o.pods) > static_cast<int64_t>(o.nodes) * kPodsPerNode) {
    std::cerr << "herd-bench: " << o.pods << " pods do not fit on " << o.nodes << " simulated nodes of "
              << kPodsPerNode << " pods each\n";
    return 2;
  }
  if (starts_with(o.log_uri, kFileScheme) && o.log_uri.size() > kFileScheme.size()) {
    return run_file(o, o.log_uri.substr(kFileScheme.size()));
  }
  if (starts_with(o.log_uri, kKafkaScheme) && o.log_uri.size() > kKafkaScheme.size()) {
    return run_kafka(o, o.log_uri.substr(kKafkaScheme.size()));
  }
  std::cerr << "herd-bench: --log " << o.log_uri << ": expected file:///DIR or kafka://HOST:PORT\n";
  return 2;
}

}  // namespace herd::bench
