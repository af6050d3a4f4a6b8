#include "report.hpp"

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>

namespace herd::bench {
namespace {

constexpr int kMetricWidth = 24;
constexpr int kFigureWidth = 12;
constexpr int kBaselineNameWidth = 30;
constexpr int kRatioWidth = 7;

std::string figure(const std::optional<double>& value, int decimals) {
  return value.has_value() ? format_number(*value, decimals) : "-";
}

std::optional<double> ratio_of(const Row& row) {
  if (!row.herd.has_value() || !row.baseline.has_value() || *row.baseline <= 0) {
    return std::nullopt;
  }
  return *row.herd / *row.baseline;
}

std::string verdict(const Row& row) {
  std::optional<double> ratio = ratio_of(row);
  switch (row.target.kind) {
    case Target::Kind::kNone:
      return "";
    case Target::Kind::kRatio: {
      std::string goal = ">= " + format_number(row.target.value * 100, 0) + "% of baseline";
      if (!ratio.has_value()) {
        return goal + "  n/a";
      }
      return goal + (*ratio >= row.target.value ? "  PASS" : "  BELOW");
    }
    case Target::Kind::kAtLeast: {
      std::string goal = ">= " + format_number(row.target.value, row.decimals);
      if (!row.herd.has_value()) {
        return goal + "  n/a";
      }
      return goal + (*row.herd >= row.target.value ? "  PASS" : "  BELOW");
    }
    case Target::Kind::kAtMostRatio: {
      std::string goal = "<= " + format_number(row.target.value, 1) + "x baseline";
      if (!ratio.has_value()) {
        return goal + "  n/a";
      }
      return goal + (*ratio <= row.target.value ? "  PASS" : "  ABOVE");
    }
    case Target::Kind::kBelow: {
      std::string goal = "< " + format_number(row.target.value, row.decimals);
      if (!row.herd.has_value()) {
        return goal + "  n/a";
      }
      return goal + (*row.herd < row.target.value ? "  PASS" : "  ABOVE");
    }
  }
  return "";
}

void print_row(const Row& row, std::ostream& out) {
  std::optional<double> ratio = row.show_ratio ? ratio_of(row) : std::nullopt;
  std::string ratio_text = ratio.has_value() ? format_number(*ratio * 100, 0) + "%" : "";
  std::ostringstream line;
  line << std::left << std::setw(kMetricWidth) << row.metric << std::right
       << std::setw(kFigureWidth) << figure(row.herd, row.decimals) << "  " << std::left
       << std::setw(kBaselineNameWidth) << row.baseline_name << std::right
       << std::setw(kFigureWidth)
       << (row.baseline_name.empty() ? "" : figure(row.baseline, row.decimals))
       << std::setw(kRatioWidth) << ratio_text << "  " << verdict(row);
  std::string text = line.str();
  text.erase(text.find_last_not_of(' ') + 1);  // no trailing blanks where columns are empty
  out << text << "\n";
}

}  // namespace

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) {
    return "-";
  }
  if (decimals > 0) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
  }
  auto whole = static_cast<long long>(std::llround(value));
  std::string digits = std::to_string(whole < 0 ? -whole : whole);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      out += ',';
    }
    out += digits[i];
  }
  return whole < 0 ? "-" + out : out;
}

void print_report(const Report& report, std::ostream& out) {
  out << report.title << "\n";
  out << std::left << std::setw(kMetricWidth) << "" << std::right << std::setw(kFigureWidth)
      << "herd"
      << "  " << std::left << std::setw(kBaselineNameWidth) << "baseline" << std::right
      << std::setw(kFigureWidth) << "" << std::setw(kRatioWidth) << "ratio"
      << "  target\n";
  for (const Row& row : report.rows) {
    print_row(row, out);
  }
  for (const std::string& note : report.notes) {
    out << "  " << note << "\n";
  }
}

}  // namespace herd::bench
