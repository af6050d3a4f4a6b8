// herd-bench: measures herd's own code against a plain baseline on the same
// target in the same run, and prints both with their ratio (docs/benchmarks.md).
//
//   herd-bench eventlog --log file:///tmp/herd-bench
//   herd-bench eventlog --log kafka://127.0.0.1:PORT
//   herd-bench controlplane --nodes 1000 --pods 30000 --log file:///tmp/herd-bench-cp
//   herd-bench api
//
// eventlog: append throughput (batches from several threads, several appends
// in flight each, acknowledged events only), then read and replay from an
// empty cursor; then the baseline on the same target: write()+fdatasync()
// and read() of a plain file for file://, kcat -P / kcat -C for kafka://.
// Exit 0 whenever the table is printed: figures are reported, never asserted.

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "api_bench.hpp"
#include "baseline_file.hpp"
#include "baseline_kcat.hpp"
#include "controlplane_bench.hpp"
#include "event_generator.hpp"
#include "herd/base/logging.hpp"
#include "herd/events/log_factory.hpp"
#include "herd_measure.hpp"
#include "podstart_bench.hpp"
#include "report.hpp"
#include "run_info.hpp"

namespace herd::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFileScheme = "file://";
constexpr std::string_view kKafkaScheme = "kafka://";
// The embedded log's replay target, in events/s (docs/benchmarks.md).
constexpr double kReplayTarget = 300000;
// Append targets: this fraction of the baseline's throughput.
constexpr double kAppendTarget = 0.5;

struct BenchOptions {
  std::string log_uri;
  uint64_t events = 200000;
  std::size_t batch = 64;
  std::size_t size = 1024;
  int threads = 4;
  int inflight = 8;
  int max_seconds = 120;
  bool replay = true;
  bool keep = false;
  std::string kafka_script = HERD_SOURCE_DIR "/scripts/kafka";
};

// What herd did on the target. `failure` is set when the log could not be
// opened or did not take the warm-up event; nothing else ran then.
struct HerdOutcome {
  std::string failure;
  AppendOutcome append;
  Throughput read;
  Throughput replay;
};

// The baseline's figures, whichever backend produced them.
struct BaselineOutcome {
  std::string append_name;
  std::string read_name;
  Throughput append;
  Latency append_latency;  // per batch; only the file loop has one
  Throughput read;
};

AppendShape shape_of(const BenchOptions& o) {
  return AppendShape{o.events, o.batch, o.threads, o.inflight, std::chrono::seconds(o.max_seconds)};
}

HerdOutcome measure_herd(const std::string& uri, const events::LogOptions& log_options,
                         const EventGenerator& generator, const BenchOptions& o) {
  HerdOutcome out;
  Result<std::unique_ptr<events::EventLog>> log = events::open_event_log(uri, log_options);
  if (!log.ok()) {
    out.failure = "opening " + uri + ": " + log.status().to_string();
    return out;
  }
  // Creates the Kafka topic / the first segment outside the timed run.
  Result<std::vector<events::StoredEvent>> warmup = (*log)->append_and_wait({generator.warmup()});
  if (!warmup.ok()) {
    out.failure = "the warm-up append to " + uri + " failed: " + warmup.status().to_string();
    return out;
  }
  AppendShape shape = shape_of(o);
  out.append = measure_append(**log, generator, shape);
  uint64_t expected = out.append.throughput.events + 1;  // + the warm-up event
  out.read = measure_read(**log, expected, generator.mean_encoded_size(), shape.limit);
  if (o.replay) {
    out.replay = measure_replay(**log, expected, generator.mean_encoded_size());
  } else {
    out.replay.error = "skipped (--no-replay)";
  }
  return out;  // closes the log before the baseline runs
}

BaselineOutcome file_baseline(const std::string& path, const EventGenerator& generator,
                              const BenchOptions& o) {
  FileBaselineOutcome run = run_file_baseline(path, generator, shape_of(o));
  return BaselineOutcome{"write+fdatasync, 1 thread", "read() 1 MiB chunks", run.write,
                         run.batch_latency, run.read};
}

BaselineOutcome kcat_baseline(const KcatTarget& target, const EventGenerator& generator,
                              const BenchOptions& o) {
  KcatOutcome run = run_kcat_baseline(target, generator, shape_of(o));
  return BaselineOutcome{"kcat -P idempotent acks=all", "kcat -C -o beginning -e", run.produce,
                         Latency{}, run.consume};
}

std::optional<double> rate(const Throughput& t, bool mb) {
  if (!t.measured()) {
    return std::nullopt;
  }
  return mb ? t.mb_per_second() : t.events_per_second();
}

std::vector<Row> table_rows(const HerdOutcome& herd, const BaselineOutcome& base, bool embedded) {
  const Throughput& append = herd.append.throughput;
  const Latency& lat = herd.append.latency;
  const Latency& base_lat = base.append_latency;
  auto cpu = [](const Throughput& t) -> std::optional<double> {
    return t.cpu_seconds > 0 ? std::optional<double>(t.cpu_us_per_event()) : std::nullopt;
  };
  auto ms = [](const Latency& l, bool p99) -> std::optional<double> {
    return l.known ? std::optional<double>(p99 ? l.p99_ms : l.p50_ms) : std::nullopt;
  };
  std::string lat_name = base_lat.known ? "write+fdatasync of one batch" : "";
  Target append_target{Target::Kind::kRatio, kAppendTarget};
  Target replay_target = embedded ? Target{Target::Kind::kAtLeast, kReplayTarget} : Target{};
  return {
      {"append events/s", rate(append, false), base.append_name, rate(base.append, false), 0, true,
       append_target},
      {"append MB/s", rate(append, true), base.append_name, rate(base.append, true), 1, true,
       append_target},
      {"append CPU us/event", cpu(append), base.append_name, cpu(base.append), 2, true, {}},
      {"append latency p50 ms", ms(lat, false), lat_name, ms(base_lat, false), 2, false, {}},
      {"append latency p99 ms", ms(lat, true), lat_name, ms(base_lat, true), 2, false, {}},
      {"read events/s", rate(herd.read, false), base.read_name, rate(base.read, false), 0, true, {}},
      {"read MB/s", rate(herd.read, true), base.read_name, rate(base.read, true), 1, true, {}},
      {"replay events/s (*)", rate(herd.replay, false), "", std::nullopt, 0, false, replay_target},
  };
}

// One note per phase: what it counted in how long, "CUT SHORT" by the time
// limit, or its error.
void phase_notes(const std::string& phase, const Throughput& t, uint64_t wanted, int limit,
                 std::vector<std::string>& notes) {
  std::string counted = format_number(static_cast<double>(t.events), 0) + " of " +
                        format_number(static_cast<double>(wanted), 0) + " events in " +
                        format_number(t.seconds, 2) + " s";
  if (t.calls > 0) {
    counted += " (" + format_number(static_cast<double>(t.calls), 0) + " calls, " +
               format_number(t.seconds * 1000 / static_cast<double>(t.calls), 2) + " ms each)";
  }
  if (!t.error.empty()) {
    notes.push_back(phase + ": " + t.error);
  } else if (t.cut_by_time) {
    notes.push_back(phase + ": CUT SHORT by the " + std::to_string(limit) + " s limit: " + counted);
  } else {
    notes.push_back(phase + ": " + counted);
  }
}

std::vector<std::string> table_notes(const HerdOutcome& herd, const BaselineOutcome& base,
                                     const EventGenerator& generator, const BenchOptions& o) {
  std::vector<std::string> notes;
  const AppendOutcome& append = herd.append;
  uint64_t stored = append.throughput.events + 1;
  phase_notes("herd append (acknowledged)", append.throughput, o.events, o.max_seconds, notes);
  if (append.failed_events > 0 || append.unanswered_events > 0) {
    notes.push_back("herd append: " + std::to_string(append.failed_events) + " events failed, " +
                    std::to_string(append.unanswered_events) +
                    " never answered; first error: " + append.first_error);
  }
  phase_notes("herd read", herd.read, stored, o.max_seconds, notes);
  phase_notes("herd replay", herd.replay, stored, o.max_seconds, notes);
  if (herd.read.error.empty() && !herd.read.cut_by_time) {
    notes.push_back(herd.read.events == stored
                        ? "herd read: every acknowledged event read back (+1 warm-up event)"
                        : "herd read: MISMATCH: read " + std::to_string(herd.read.events) +
                              ", expected " + std::to_string(stored) +
                              " (acknowledged + 1 warm-up)");
  }
  phase_notes("baseline append", base.append, o.events, o.max_seconds, notes);
  phase_notes("baseline read", base.read, base.append.events, o.max_seconds, notes);
  notes.push_back("(*) replay = events::replay() into a fresh ClusterState (read ahead on a second thread + apply of every event); no baseline");
  if (generator.pad_size() == 0 && generator.mean_encoded_size() > static_cast<double>(o.size)) {
    notes.push_back("--size " + std::to_string(o.size) +
                    " is below the smallest envelope: no padding");
  }
  notes.push_back("events: ConfigMap ObjectCreated/ObjectUpdated, " +
                  std::to_string(o.threads * generator.objects_per_thread()) +
                  " objects; envelope mean " + format_number(generator.mean_encoded_size(), 1) +
                  " B (data.pad " + std::to_string(generator.pad_size()) + " B); MB = 10^6 B");
  notes.push_back(
      "CPU: user+system of herd-bench in the append phase (event generation, encoding and the "
      "client's threads) and of the baseline's process (input prepared beforehand); the broker's "
      "own CPU is in neither");
  notes.push_back(
      "latency: herd per append call (issue -> durable callback, " + std::to_string(o.inflight) +
      " in flight per thread); ratio = herd / baseline; figures are reported, not asserted");
  return notes;
}

std::string title_of(const BenchOptions& o) {
  return "herd-bench eventlog  log=" + o.log_uri + "  events=" + std::to_string(o.events) +
         " size=" + std::to_string(o.size) + "B batch=" + std::to_string(o.batch) +
         " threads=" + std::to_string(o.threads) + " inflight=" + std::to_string(o.inflight) +
         "  (" + machine() + ", " + utc_now() + ")";
}

void print(const std::string& title, const BenchOptions& o, const HerdOutcome& herd,
           const BaselineOutcome& base, const EventGenerator& generator, bool embedded,
           const std::string& cleanup_note) {
  Report report{title, table_rows(herd, base, embedded), table_notes(herd, base, generator, o)};
  report.notes.push_back(cleanup_note);
  print_report(report, std::cout);
}

int run_file(const BenchOptions& o, const std::string& dir, const EventGenerator& generator) {
  std::string title = title_of(o);
  fs::path run_dir;
  if (!create_run_dir(dir, run_dir)) return 1;
  std::error_code ec;
  HerdOutcome herd =
      measure_herd("file://" + (run_dir / "log").string(), events::LogOptions{}, generator, o);
  BaselineOutcome base;
  if (herd.failure.empty()) {
    base = file_baseline((run_dir / "baseline.rec").string(), generator, o);
  }
  std::string cleanup_note = "data: kept in " + run_dir.string();
  if (!o.keep) {
    fs::remove_all(run_dir, ec);
    cleanup_note = ec ? "data: could not delete " + run_dir.string() + ": " + ec.message()
                      : "data: " + run_dir.string() + " deleted (--keep keeps it)";
  }
  if (!herd.failure.empty()) {
    std::cerr << "herd-bench: " << herd.failure << "\n";
    return 1;
  }
  print(title, o, herd, base, generator, true, cleanup_note);
  return 0;
}

int run_kafka(const BenchOptions& o, const std::string& brokers, const EventGenerator& generator) {
  std::string title = title_of(o);
  std::string id = run_id();
  std::error_code ec;
  fs::path work = fs::temp_directory_path(ec) / id;
  fs::create_directories(work, ec);
  if (ec) {
    std::cerr << "herd-bench: creating " << work.string() << ": " << ec.message() << "\n";
    return 1;
  }
  events::LogOptions log_options;
  log_options.topic_prefix = id;
  HerdOutcome herd = measure_herd(o.log_uri, log_options, generator, o);
  BaselineOutcome base;
  if (herd.failure.empty()) {
    KcatTarget target{brokers,
                      id + ".kcat",
                      log_options.partitions,
                      log_options.replication_factor,
                      log_options.min_insync_replicas,
                      o.kafka_script,
                      work.string()};
    base = kcat_baseline(target, generator, o);
  }
  fs::remove_all(work, ec);
  std::string topics = id + ".events.* and " + id + ".kcat";
  std::string cleanup_note = "data: topics " + topics + " kept";
  if (!o.keep) {
    Status deleted = delete_topics(o.kafka_script, brokers, id + "\\..*");
    cleanup_note = deleted.ok() ? "data: topics " + topics + " deleted (--keep keeps them)"
                                : "data: topics " + topics + " NOT deleted: " + deleted.message();
  }
  if (!herd.failure.empty()) {
    std::cerr << "herd-bench: " << herd.failure << "\n";
    return 1;
  }
  print(title, o, herd, base, generator, false, cleanup_note);
  return 0;
}

int run_eventlog(const BenchOptions& o) {
  set_min_log_level(LogLevel::kWarning);
  // Enough objects per thread that the appends in flight never hold two
  // events of one object (each object's next event is two windows later).
  EventGenerator generator(o.size, 2 * static_cast<std::size_t>(o.inflight) * o.batch);
  if (starts_with(o.log_uri, kFileScheme) && o.log_uri.size() > kFileScheme.size()) {
    return run_file(o, o.log_uri.substr(kFileScheme.size()), generator);
  }
  if (starts_with(o.log_uri, kKafkaScheme) && o.log_uri.size() > kKafkaScheme.size()) {
    return run_kafka(o, o.log_uri.substr(kKafkaScheme.size()), generator);
  }
  std::cerr << "herd-bench: --log " << o.log_uri << ": expected file:///DIR or kafka://HOST:PORT\n";
  return 2;
}

}  // namespace
}  // namespace herd::bench

int main(int argc, char** argv) {
  CLI::App app{
      "herd-bench: herd's throughput beside a plain baseline on the same target "
      "(docs/benchmarks.md)."};
  app.require_subcommand(1);
  herd::bench::BenchOptions o;
  CLI::App* e = app.add_subcommand("eventlog",
                                   "Append and read throughput of an event log, beside "
                                   "write+fdatasync (file://) or kcat (kafka://).");
  e->add_option("--log", o.log_uri,
                "file:///DIR (a fresh subdirectory is used) or kafka://HOST:PORT")
      ->required();
  e->add_option("--events", o.events, "Events to append (built in memory first, about 2.5 KB each)")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{2'000'000}));
  e->add_option("--batch", o.batch, "Events per append")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
  e->add_option("--size", o.size, "Encoded envelope size to aim for, bytes")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{64} << 20));
  e->add_option("--threads", o.threads, "Appending threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  e->add_option("--inflight", o.inflight, "Appends in flight per thread")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  e->add_option("--max-seconds", o.max_seconds, "Time limit of each phase")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  e->add_option("--kafka-script", o.kafka_script,
                "scripts/kafka, which creates and deletes the baseline's topics")
      ->capture_default_str();
  e->add_flag("!--no-replay", o.replay, "Skip the replay into ClusterState");
  e->add_flag("--keep", o.keep, "Keep the run's directory or topics");
  herd::bench::ControlPlaneBenchOptions cp;
  CLI::App* c = app.add_subcommand("controlplane",
                                   "A control plane with simulated nodes: one Deployment of --pods "
                                   "replicas until every pod is Ready, beside the log's raw append rate.");
  herd::bench::add_controlplane_options(*c, cp);
  herd::bench::PodStartBenchOptions ps;
  CLI::App* p = app.add_subcommand("podstart",
                                   "Pod start latency on a real containerd node, one pod at a time, "
                                   "beside `ctr run -d` on the same containerd.");
  herd::bench::add_podstart_options(*p, ps);
  herd::bench::ApiBenchOptions api;
  CLI::App* a = app.add_subcommand("api",
                                   "Create and get latency and throughput of herd's Kubernetes API at 1, 16 "
                                   "and 64 clients and paced at 500/s, beside a Beast server that only answers.");
  herd::bench::add_api_options(*a, api);
  CLI11_PARSE(app, argc, argv);
  if (a->parsed()) return herd::bench::run_api(api);
  if (c->parsed()) return herd::bench::run_controlplane(cp);
  if (p->parsed()) return herd::bench::run_podstart(ps);
  return herd::bench::run_eventlog(o);
}
