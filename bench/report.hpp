#pragma once

// The table herd-bench prints: each herd figure beside its baseline, the
// ratio, and the target with PASS / BELOW. Figures are reported, never
// asserted: nothing here decides the exit code.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace herd::bench {

/// What a figure is held against.
struct Target {
  enum class Kind {
    kNone,
    kRatio,    ///< herd / baseline >= value (0.5: at least half the baseline)
    kAtLeast,  ///< herd >= value, whatever the baseline
    kAtMostRatio,  ///< herd / baseline <= value (1.5: at most half again the baseline; latencies)
    kBelow,        ///< herd < value, whatever the baseline (latencies)
  };
  Kind kind = Kind::kNone;
  double value = 0;
};

/// One line of the table. An absent figure prints as "-".
struct Row {
  std::string metric;  ///< "append events/s"
  std::optional<double> herd;
  std::string baseline_name;  ///< "write+fdatasync, 1 thread"
  std::optional<double> baseline;
  int decimals = 0;        ///< 0: thousands separators; else fixed decimals.
  bool show_ratio = true;  ///< False for figures where a ratio means nothing (latency).
  Target target;
};

struct Report {
  std::string title;  ///< The first line: what ran, with which parameters.
  std::vector<Row> rows;
  std::vector<std::string> notes;  ///< Printed under the table, one per line.
};

/// Prints `report` as a fixed-width table.
void print_report(const Report& report, std::ostream& out);

/// 1234567 -> "1,234,567" (decimals 0); 152.34 -> "152.3" (decimals 1).
std::string format_number(double value, int decimals);

}  // namespace herd::bench
