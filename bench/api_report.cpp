#include "api_report.hpp"

#include <optional>

#include "report.hpp"

namespace herd::bench {
namespace {

constexpr std::string_view kBaselineName = "Beast, fixed answer";

std::optional<double> p50(const LoadResult& r) {
  return r.latency.known ? std::optional(r.latency.p50_ms) : std::nullopt;
}
std::optional<double> p99(const LoadResult& r) {
  return r.latency.known ? std::optional(r.latency.p99_ms) : std::nullopt;
}
std::optional<double> rate(const LoadResult& r) {
  return r.ok > 0 ? std::optional(r.per_second()) : std::nullopt;
}
std::optional<double> cpu(const LoadResult& r) {
  return r.ok > 0 && r.cpu_seconds > 0 ? std::optional(r.cpu_us_per_request()) : std::nullopt;
}

void add_rows(const ApiComparison& c, std::vector<Row>& rows) {
  std::string base(kBaselineName);
  rows.push_back({c.name + " p50 ms", p50(c.herd), base, p50(c.baseline), 2, false, {}});
  rows.push_back({c.name + " p99 ms", p99(c.herd), base, p99(c.baseline), 2, false, {}});
  rows.push_back({c.name + " req/s", rate(c.herd), base, rate(c.baseline), 0, true, {}});
  rows.push_back({c.name + " CPU us/req", cpu(c.herd), base, cpu(c.baseline), 0, true, {}});
}

std::string counted(const LoadResult& r) {
  std::string text =
      format_number(static_cast<double>(r.ok), 0) + " ok in " + format_number(r.seconds, 2) + " s";
  if (r.cut_by_time) text += ", CUT SHORT by the time limit";
  if (r.failed > 0) {
    text += ", " + std::to_string(r.failed) + " FAILED (first: " + r.first_error + ")";
  }
  return text;
}

// "create x16: herd 3,000 ok in 4.10 s; baseline ...; herd adds 1.20 ms at
// p50, 3.40 ms at p99, 250 us CPU per request".
std::string phase_note(const ApiComparison& c) {
  std::string note = c.name + ": herd " + counted(c.herd) + "; baseline " + counted(c.baseline);
  const LoadResult& h = c.herd;
  const LoadResult& b = c.baseline;
  if (h.latency.known && b.latency.known) {
    note += "; herd adds " + format_number(h.latency.p50_ms - b.latency.p50_ms, 2) +
            " ms at p50, " + format_number(h.latency.p99_ms - b.latency.p99_ms, 2) +
            " ms at p99, " + format_number(h.cpu_us_per_request() - b.cpu_us_per_request(), 0) +
            " us CPU per request";
  }
  return note;
}

std::string disk_note(const ApiRun& run) {
  const LoadResult& disk = run.disk;
  std::string note = "disk alone: write+fdatasync of " + std::to_string(run.disk_record_bytes) +
                     " B paced at " + format_number(run.rate, 0) +
                     "/s in the log's directory after the phases, timed from the due time: ";
  if (!disk.first_error.empty()) return note + disk.first_error;
  if (!disk.latency.known) return note + "no figure";
  return note + "p50 " + format_number(disk.latency.p50_ms, 2) + " ms, p99 " +
         format_number(disk.latency.p99_ms, 2) + " ms, slowest " + format_number(disk.max_ms, 2) +
         " ms over " + format_number(static_cast<double>(disk.ok), 0) +
         "; each create herd answers waited for an fdatasync, the baseline's for none";
}

std::string paced_note(const ApiRun& run) {
  std::string rate_text = format_number(run.rate, 0);
  return "paced: creates due every " + format_number(1000 / run.rate, 2) + " ms (" + rate_text +
         "/s, open loop) on " + std::to_string(run.paced_clients) +
         " connections, latency from the due time; sent more than 1 ms late: herd " +
         std::to_string(run.paced.herd.late) + ", baseline " +
         std::to_string(run.paced.baseline.late) + "; slowest: herd " +
         format_number(run.paced.herd.max_ms, 2) + " ms, baseline " +
         format_number(run.paced.baseline.max_ms, 2) + " ms";
}

}  // namespace

void print_api_report(const ApiRun& run, std::ostream& out) {
  Report report{run.title, {}, {}};
  for (const ApiComparison& c : run.closed) add_rows(c, report.rows);
  std::string paced = "create at " + format_number(run.rate, 0) + "/s";
  Target target{Target::Kind::kBelow, kPacedCreateP99TargetMs};
  report.rows.push_back({paced + " p50 ms",
                         p50(run.paced.herd),
                         std::string(kBaselineName),
                         p50(run.paced.baseline),
                         2,
                         false,
                         {}});
  report.rows.push_back({paced + " p99 ms", p99(run.paced.herd), std::string(kBaselineName),
                         p99(run.paced.baseline), 2, false, target});
  report.rows.push_back({paced + " done/s",
                         rate(run.paced.herd),
                         std::string(kBaselineName),
                         rate(run.paced.baseline),
                         0,
                         true,
                         {}});
  for (const ApiComparison& c : run.closed) report.notes.push_back(phase_note(c));
  report.notes.push_back(phase_note(run.paced));
  report.notes.push_back(paced_note(run));
  report.notes.push_back(disk_note(run));
  report.notes.push_back(
      "requests: POST /api/v1/namespaces/default/configmaps (a ConfigMap with one key, a new name "
      "each), GET of one created in the same client count's create phase; herd answers " +
      std::to_string(run.create_reply_bytes) + " B to a create and " +
      std::to_string(run.get_reply_bytes) + " B to a get, the baseline the same sizes");
  report.notes.push_back(
      "closed loop: each client (a thread, one keep-alive connection) sends when answered; xN = N "
      "clients; ratio = herd / baseline (latency: see the notes)");
  report.notes.push_back(
      "CPU: user+system of this whole process in the phase, the clients' threads included");
  for (const std::string& note : run.notes) report.notes.push_back(note);
  print_report(report, out);
  const LoadResult& herd = run.paced.herd;
  out << "create p99 at " << format_number(run.rate, 0)
      << "/s: " << (herd.latency.known ? format_number(herd.latency.p99_ms, 2) : std::string("-"))
      << " ms (target < " << format_number(kPacedCreateP99TargetMs, 0) << " ms)  "
      << (herd.latency.known && herd.failed == 0 && !herd.cut_by_time &&
                  herd.latency.p99_ms < kPacedCreateP99TargetMs
              ? "PASS"
              : "FAIL")
      << "\n";
}

}  // namespace herd::bench
