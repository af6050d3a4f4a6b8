#include "api_bench.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "api_client.hpp"
#include "api_disk.hpp"
#include "api_report.hpp"
#include "api_servers.hpp"
#include "herd/base/logging.hpp"
#include "report.hpp"
#include "run_info.hpp"

namespace herd::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCollection = "/api/v1/namespaces/default/configmaps";
// The disk probe's record: the size of a ConfigMap's ObjectCreated record in the log
// (601 creates made a 322,745 B segment).
constexpr std::size_t kDiskProbeRecordBytes = 540;

std::string create_request(const std::string& name) {
  std::string body = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":")" + name +
                     R"("},"data":{"greeting":"hello from herd-bench"}})";
  return api_request("POST", kCollection, body);
}

std::string get_request(const std::string& name) {
  return api_request("GET", std::string(kCollection) + "/" + name);
}

// herd's answers to one create and one get, whose sizes the baseline copies.
struct WarmUp {
  std::size_t create_bytes = 0;
  std::size_t get_bytes = 0;
};

Result<WarmUp> warm_up(uint16_t port) {
  HERD_ASSIGN_OR_RETURN(std::unique_ptr<ApiConnection> connection,
                        ApiConnection::connect(port, std::chrono::seconds(30)));
  HERD_ASSIGN_OR_RETURN(ApiReply created, connection->exchange(create_request("bench-warmup")));
  if (created.status != 201) {
    return Status::unavailable("the warm-up create answered " + std::to_string(created.status) +
                               ": " + created.body);
  }
  HERD_ASSIGN_OR_RETURN(ApiReply got, connection->exchange(get_request("bench-warmup")));
  if (got.status != 200) {
    return Status::unavailable("the warm-up get answered " + std::to_string(got.status) + ": " +
                               got.body);
  }
  return WarmUp{created.body.size(), got.body.size()};
}

// The phase on herd, then the same on the baseline.
ApiComparison compare(std::string name, uint16_t herd, uint16_t baseline, const LoadShape& shape,
                      const RequestMaker& make) {
  std::cerr << "herd-bench api: " << name << "\n";
  ApiComparison c{std::move(name), run_load(herd, shape, make), {}};
  c.baseline = run_load(baseline, shape, make);
  return c;
}

void run_phases(const ApiBenchOptions& o, uint16_t herd, uint16_t baseline, ApiRun& run) {
  for (int clients : o.clients) {
    std::string tag = "x" + std::to_string(clients);
    LoadShape shape{clients, o.requests, std::chrono::seconds(o.max_seconds), 0, 201};
    auto created_name = [tag](uint64_t i) { return "bench-" + tag + "-" + std::to_string(i); };
    run.closed.push_back(compare("create " + tag, herd, baseline, shape,
                                 [&](uint64_t i) { return create_request(created_name(i)); }));
    // Gets cycle over what this client count's creates made on herd.
    uint64_t created = std::max<uint64_t>(run.closed.back().herd.ok, 1);
    shape.expected_status = 200;
    run.closed.push_back(compare("get " + tag, herd, baseline, shape, [&](uint64_t i) {
      return get_request(created_name(i % created));
    }));
  }
  auto paced_requests = static_cast<uint64_t>(o.rate * o.paced_seconds);
  // A server that falls behind the --paced-seconds schedule gets as long again to catch up.
  LoadShape paced{o.paced_clients, paced_requests, std::chrono::seconds(2 * o.paced_seconds),
                  o.rate, 201};
  run.paced =
      compare("create at " + format_number(o.rate, 0) + "/s", herd, baseline, paced,
              [](uint64_t i) { return create_request("bench-paced-" + std::to_string(i)); });
}

std::string title_of(const ApiBenchOptions& o) {
  std::string clients;
  for (int c : o.clients) clients += (clients.empty() ? "" : ",") + std::to_string(c);
  return "herd-bench api  herd in-process as herd up composes it (file log, no nodes)  clients=" +
         clients + " requests=" + std::to_string(o.requests) +
         " max-seconds=" + std::to_string(o.max_seconds) + " rate=" + format_number(o.rate, 0) +
         "/s for " + std::to_string(o.paced_seconds) + " s  (" + machine() + ", " + utc_now() + ")";
}

// Runs everything with the servers up; they stop before the data goes.
int measure(const ApiBenchOptions& o, const fs::path& run_dir, ApiRun& run) {
  Result<std::unique_ptr<HerdApiServer>> herd = HerdApiServer::start(run_dir);
  if (!herd.ok()) {
    std::cerr << "herd-bench api: herd did not start: " << herd.status().to_string() << "\n";
    return 1;
  }
  Result<WarmUp> sizes = warm_up((*herd)->port());
  if (!sizes.ok()) {
    std::cerr << "herd-bench api: " << sizes.status().to_string() << "\n";
    return 1;
  }
  Result<std::unique_ptr<server::HttpServer>> baseline =
      start_baseline_server(sizes->create_bytes, sizes->get_bytes);
  if (!baseline.ok()) {
    std::cerr << "herd-bench api: the baseline did not start: " << baseline.status().to_string()
              << "\n";
    return 1;
  }
  run.create_reply_bytes = sizes->create_bytes;
  run.get_reply_bytes = sizes->get_bytes;
  run_phases(o, (*herd)->port(), (*baseline)->port(), run);
  return 0;
}

// The disk alone at the paced rate, after the servers stopped.
void run_disk_probe(const ApiBenchOptions& o, const fs::path& run_dir, ApiRun& run) {
  std::cerr << "herd-bench api: write+fdatasync at " << format_number(o.rate, 0) << "/s in "
            << run_dir.string() << "\n";
  run.disk =
      probe_disk((run_dir / "disk-probe").string(), o.rate, o.paced_seconds, kDiskProbeRecordBytes);
  run.disk_record_bytes = kDiskProbeRecordBytes;
}

// An option with its default shown in --help and its values within [low, high].
template <typename Value, typename Bound>
void add_bounded(CLI::App& command, const std::string& name, Value& value, const std::string& help,
                 Bound low, Bound high) {
  command.add_option(name, value, help)->capture_default_str()->check(CLI::Range(low, high));
}

}  // namespace

void add_api_options(CLI::App& command, ApiBenchOptions& o) {
  add_bounded(command, "--clients", o.clients, "Client counts of the closed-loop phases", 1, 512);
  add_bounded(command, "--requests", o.requests, "At most this many requests per closed-loop phase",
              uint64_t{1}, uint64_t{10'000'000});
  add_bounded(command, "--max-seconds", o.max_seconds, "...and at most this long", 1, 3600);
  add_bounded(command, "--rate", o.rate, "Paced creates per second (open loop)", 1.0, 100'000.0);
  add_bounded(command, "--paced-seconds", o.paced_seconds, "Length of the paced run", 1, 3600);
  add_bounded(command, "--paced-clients", o.paced_clients,
              "Connections the paced creates go out on", 1, 512);
  command.add_option("--dir", o.dir, "A fresh subdirectory of DIR holds herd's log")
      ->capture_default_str();
  command.add_flag("--keep", o.keep, "Keep the run's directory");
}

int run_api(const ApiBenchOptions& o) {
  set_min_log_level(LogLevel::kWarning);
  ApiRun run;
  run.title = title_of(o);
  run.rate = o.rate;
  run.paced_clients = o.paced_clients;
  fs::path run_dir;
  if (!create_run_dir(o.dir, run_dir)) return 1;
  int failed = measure(o, run_dir, run);
  if (failed == 0) run_disk_probe(o, run_dir, run);
  std::error_code ec;
  run.notes.push_back("data: kept in " + run_dir.string());
  if (!o.keep) {
    fs::remove_all(run_dir, ec);
    run.notes.back() = ec ? "data: could not delete " + run_dir.string() + ": " + ec.message()
                          : "data: " + run_dir.string() + " deleted (--keep keeps it)";
  }
  if (failed != 0) return failed;
  print_api_report(run, std::cout);
  std::cout.flush();
  return 0;
}

}  // namespace herd::bench
