#include "podstart_bench.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "herd/actors/control_plane.hpp"
#include "herd/api/manifest.hpp"
#include "herd/base/clock.hpp"
#include "herd/events/log_factory.hpp"
#include "herd/runtime/containerd_client.hpp"
#include "herd/runtime/containerd_runtime.hpp"
#include "measurement.hpp"
#include "report.hpp"
#include "run_info.hpp"

extern char** environ;

namespace herd::bench {
namespace {

using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

constexpr const char* kNode = "bench-node";
constexpr const char* kNamespace = "herd-bench";      // containerd namespace of herd's pods
constexpr const char* kCtrNamespace = "herd-bench-ctr";  // ... and of the baseline's containers
constexpr double kRatioGoal = 1.5;
constexpr double kP99GoalMs = 1000;

double ms_since(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

// Runs argv, waits; its exit status (-1 when it could not start). Output is
// discarded unless `show`.
int run_process(const std::vector<std::string>& args, bool show = false) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!show) {
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  }
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  if (::waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string pod_yaml(const std::string& name) {
  return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name +
         "\nspec:\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: app\n    image: busybox\n"
         "    imagePullPolicy: IfNotPresent\n    command: [\"sleep\", \"3600\"]\n";
}

bool container_running(const actors::ControlPlane& plane, const std::string& name) {
  std::optional<actors::ObjectView> v = plane.get("Pod", "default", name);
  if (!v) return false;
  const api::Pod& pod = std::get<api::Pod>(v->object);
  return !pod.status.container_statuses.empty() && pod.status.container_statuses[0].state.running.has_value();
}

struct HerdOutcome {
  std::vector<double> samples_ms;
  std::string error;
  bool cut_short = false;
  double cleanup_seconds = 0;
};

// Creates the pods one at a time and times each to its container running.
HerdOutcome measure_herd(actors::ControlPlane& plane, const PodStartBenchOptions& o) {
  HerdOutcome out;
  auto create = [&](const std::string& name) -> Status {
    api::Manifest m = api::decode_manifest(pod_yaml(name), api::DecodeOptions{"podstart", true});
    if (m.error_count() != 0 || m.objects.empty()) return Status::internal("the bench's pod does not decode");
    return plane.create(std::move(m.objects[0].object), "user:bench").status();
  };
  auto wait_until = [](const std::function<bool()>& done, std::chrono::seconds limit) {
    Steady::time_point end = Steady::now() + limit;
    while (!done()) {
      if (Steady::now() > end) return false;
      std::this_thread::sleep_for(1ms);
    }
    return true;
  };
  // The warm-up pod pulls the image; it is not timed.
  if (Status s = create("warmup"); !s.ok()) {
    out.error = "creating the warm-up pod: " + s.message();
    return out;
  }
  if (!wait_until([&] { return container_running(plane, "warmup"); }, std::chrono::seconds(o.max_seconds))) {
    out.error = "the warm-up pod did not run within " + std::to_string(o.max_seconds) + " s";
    return out;
  }
  Steady::time_point phase = Steady::now();
  for (int i = 0; i < o.pods; ++i) {
    std::string name = "bench-" + std::to_string(i);
    Steady::time_point start = Steady::now();
    if (Status s = create(name); !s.ok()) {
      out.error = "creating " + name + ": " + s.message();
      break;
    }
    auto left = std::chrono::seconds(o.max_seconds) - std::chrono::duration_cast<std::chrono::seconds>(Steady::now() - phase);
    if (left <= 0s || !wait_until([&] { return container_running(plane, name); }, left)) {
      out.cut_short = true;
      break;
    }
    out.samples_ms.push_back(ms_since(start));
  }
  Steady::time_point cleanup = Steady::now();
  for (const actors::ObjectView& v : plane.list("Pod", "default")) {
    (void)plane.remove("Pod", "default", api::meta(v.object).name, actors::DeletePropagation::kBackground,
                       "user:bench", 0);
  }
  wait_until([&] { return plane.list("Pod", "default").empty(); }, std::chrono::seconds(o.max_seconds));
  // The node removes the containers after the pods are gone from the state.
  runtime::containerd::ContainerdOptions c;
  c.address = o.containerd;
  c.ns = kNamespace;
  if (Result<std::unique_ptr<runtime::containerd::ContainerdClient>> client =
          runtime::containerd::ContainerdClient::connect(c);
      client.ok()) {
    wait_until(
        [&] {
          Result<std::vector<runtime::containerd::Container>> left = (*client)->list_containers({});
          return left.ok() && left->empty();
        },
        std::chrono::seconds(o.max_seconds));
  }
  plane.wait_idle(10s);
  out.cleanup_seconds = ms_since(cleanup) / 1000;
  return out;
}

struct CtrOutcome {
  std::vector<double> samples_ms;
  std::string error;
};

// `ctr run -d` of the same image, one at a time. run_podstart purges the
// namespace afterwards.
CtrOutcome measure_ctr(const PodStartBenchOptions& o) {
  CtrOutcome out;
  const std::string image = o.registry + "/library/busybox:latest";
  std::vector<std::string> ctr = {"ctr", "-a", o.containerd, "-n", kCtrNamespace};
  auto with = [&](std::vector<std::string> args) {
    std::vector<std::string> all = ctr;
    all.insert(all.end(), args.begin(), args.end());
    return all;
  };
  if (run_process(with({"images", "pull", "--plain-http", image})) != 0) {
    out.error = "ctr images pull " + image + " failed";
    return out;
  }
  Steady::time_point phase = Steady::now();
  for (int i = 0; i < o.pods && ms_since(phase) < o.max_seconds * 1000.0; ++i) {
    Steady::time_point start = Steady::now();
    int rc = run_process(with({"run", "-d", image, "ctr-bench-" + std::to_string(i), "sleep", "3600"}));
    if (rc != 0) {
      out.error = "ctr run exited with " + std::to_string(rc);
      break;
    }
    out.samples_ms.push_back(ms_since(start));
  }
  return out;
}

std::optional<double> percentile(const std::vector<double>& samples, bool p99) {
  Latency l = latency_of(samples);
  if (!l.known) return std::nullopt;
  return p99 ? l.p99_ms : l.p50_ms;
}

std::optional<double> mean(const std::vector<double>& samples) {
  if (samples.empty()) return std::nullopt;
  double sum = 0;
  for (double s : samples) sum += s;
  return sum / static_cast<double>(samples.size());
}

}  // namespace

void add_podstart_options(CLI::App& command, PodStartBenchOptions& o) {
  command.add_option("--containerd", o.containerd, "containerd's socket (scripts/containerd up prints it)")
      ->required();
  command.add_option("--registry", o.registry,
                     "HOST:PORT of the plain-HTTP registry with library/busybox (scripts/registry up prints it)")
      ->required();
  command.add_option("--pods", o.pods, "Pods to start, one at a time (and ctr runs)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  command.add_option("--max-seconds", o.max_seconds, "Time limit of each phase")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  command.add_flag("--keep", o.keep, "Keep the run directory (event log, pod directories)");
}

int run_podstart(const PodStartBenchOptions& o) {
  std::string title = "herd-bench podstart pods=" + std::to_string(o.pods) + "  (" + machine() + ", " + utc_now() + ")";
  std::filesystem::path dir;
  if (!create_run_dir("/tmp/herd-bench-podstart", dir)) return 1;
  Result<std::unique_ptr<events::EventLog>> log = events::open_event_log("file://" + (dir / "log").string(), {});
  if (!log.ok()) {
    std::cerr << "herd-bench: " << log.status().message() << "\n";
    return 1;
  }
  runtime::ContainerdRuntimeOptions ro;
  ro.containerd_socket = o.containerd;
  ro.containerd_namespace = kNamespace;
  ro.pods_dir = dir / "pods";
  ro.network.state_dir = (dir / "network").string();
  ro.network.bridge = "herdbench0";
  ro.network.subnet = "10.247.0.0/16";
  ro.registry.mirrors["docker.io"].endpoints = {"http://" + o.registry};
  ro.registry.mirrors["docker.io"].fallback_to_origin = false;

  HerdOutcome herd;
  {
    SystemClock clock;
    actors::ControlPlaneOptions options;
    options.log = log->get();
    options.clock = &clock;
    actors::ControlPlaneOptions::NodeSpec node;
    node.name = kNode;
    std::string open_error;
    node.make_runtime = [ro, &open_error](runtime::RuntimeServices services) -> std::unique_ptr<runtime::PodRuntime> {
      Result<std::unique_ptr<runtime::PodRuntime>> r = runtime::open_containerd_runtime(ro, std::move(services));
      if (!r.ok()) {
        open_error = r.status().message();
        return nullptr;
      }
      return std::move(*r);
    };
    options.nodes.push_back(std::move(node));
    Result<std::unique_ptr<actors::ControlPlane>> plane = actors::ControlPlane::start(std::move(options));
    if (!plane.ok()) {
      std::cerr << "herd-bench: " << plane.status().message() << "\n";
      return 1;
    }
    (*plane)->wait_idle(10s);
    if (!open_error.empty()) {
      std::cerr << "herd-bench: the containerd runtime did not start: " << open_error << "\n";
      return 1;
    }
    std::cerr << "herd-bench: herd: " << o.pods << " pods, one at a time\n";
    herd = measure_herd(**plane, o);
  }
  std::cerr << "herd-bench: baseline: " << o.pods << " x ctr run -d\n";
  CtrOutcome ctr = measure_ctr(o);
  // Both namespaces go, with the content only they held.
  for (const char* ns : {kNamespace, kCtrNamespace}) {
    if (run_process({HERD_SOURCE_DIR "/integration/containerd/purge-namespace", o.containerd, ns}, true) != 0) {
      std::cerr << "herd-bench: could not remove containerd namespace " << ns << "\n";
    }
  }

  Report r;
  r.title = title;
  std::string base = "ctr run -d, same image";
  r.rows = {
      {"pod start p50 ms", percentile(herd.samples_ms, false), base, percentile(ctr.samples_ms, false), 1, true, {}},
      {"pod start p99 ms", percentile(herd.samples_ms, true), base, percentile(ctr.samples_ms, true), 1, true,
       Target{Target::Kind::kAtMostRatio, kRatioGoal}},
      {"pod start p99 ms (absolute)", percentile(herd.samples_ms, true), "", std::nullopt, 1, false,
       Target{Target::Kind::kBelow, kP99GoalMs}},
      {"pod start mean ms", mean(herd.samples_ms), base, mean(ctr.samples_ms), 1, true, {}},
  };
  r.notes.push_back("herd: " + std::to_string(herd.samples_ms.size()) + " of " + std::to_string(o.pods) +
                    " pods timed from create() to their container running in the control plane's state "
                    "(image present: a warm-up pod pulled it); one real containerd node, CNI bridge, file:// log" +
                    (herd.cut_short ? "; CUT SHORT by the " + std::to_string(o.max_seconds) + " s limit" : "") +
                    (herd.error.empty() ? "" : "; FAILED: " + herd.error));
  r.notes.push_back("cleanup: deleting the pods took " + format_number(herd.cleanup_seconds, 1) + " s (not timed)");
  r.notes.push_back("baseline: " + std::to_string(ctr.samples_ms.size()) + " x `ctr run -d` wall time, " + "namespace " +
                    kCtrNamespace + ", empty network namespace, no CNI" +
                    (ctr.error.empty() ? "" : "; FAILED: " + ctr.error));
  print_report(r, std::cout);
  std::error_code ec;
  if (!o.keep) std::filesystem::remove_all(dir, ec);
  return 0;
}

}  // namespace herd::bench
