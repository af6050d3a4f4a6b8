#include "herdctl/table.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <ostream>

namespace herd::cli::herdctl {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string cell_text(const api::Value& cell) {
  if (cell.is_null()) return "<none>";
  if (cell.is_array() || cell.is_object()) return "<object>";
  return cell.scalar_text();
}

}  // namespace

std::string metadata_string(const api::Value& object, std::string_view key) {
  const api::Value* meta = object.find("metadata");
  const api::Value* v = meta != nullptr ? meta->find(key) : nullptr;
  return v != nullptr && v->is_string() ? v->as_string() : "";
}

Result<Table> table_from_server(const api::Value& table) {
  const api::Value* columns = table.find("columnDefinitions");
  if (columns == nullptr || !columns->is_array()) return Status::invalid_argument("Table without columnDefinitions");
  Table out;
  for (const api::Value& column : columns->as_array()) {
    const api::Value* name = column.find("name");
    const api::Value* priority = column.find("priority");
    if (name == nullptr || !name->is_string()) return Status::invalid_argument("Table column without a name");
    out.columns.push_back(
        {name->as_string(), priority != nullptr && priority->is_int() ? static_cast<int>(priority->as_int()) : 0});
  }
  const api::Value* rows = table.find("rows");
  if (rows == nullptr || rows->is_null()) return out;
  if (!rows->is_array()) return Status::invalid_argument("Table rows are not a list");
  for (const api::Value& row : rows->as_array()) {
    const api::Value* cells = row.find("cells");
    if (cells == nullptr || !cells->is_array()) return Status::invalid_argument("Table row without cells");
    TableRow r;
    for (const api::Value& cell : cells->as_array()) r.cells.push_back(cell_text(cell));
    r.cells.resize(out.columns.size());
    if (const api::Value* object = row.find("object")) r.namespace_ = metadata_string(*object, "namespace");
    out.rows.push_back(std::move(r));
  }
  return out;
}

Table table_from_objects(const std::vector<api::Value>& objects, std::chrono::system_clock::time_point now) {
  Table out;
  out.columns = {{"Name", 0}, {"Age", 0}};
  for (const api::Value& object : objects) {
    out.rows.push_back({{metadata_string(object, "name"), age(metadata_string(object, "creationTimestamp"), now)},
                        metadata_string(object, "namespace")});
  }
  return out;
}

std::vector<std::size_t> print_table(const Table& table, const TableOptions& options, std::ostream& out) {
  std::vector<std::size_t> shown;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (options.wide || table.columns[i].priority == 0) shown.push_back(i);
  }
  // Each printed line: its cells in printed order.
  std::vector<std::vector<std::string>> lines;
  if (options.headers) {
    std::vector<std::string> header;
    if (options.namespace_column) header.push_back("NAMESPACE");
    for (std::size_t i : shown) {
      header.push_back(options.ruled_headers ? table.columns[i].name : upper(table.columns[i].name));
    }
    std::vector<std::string> rule;
    for (const std::string& h : header) rule.push_back(std::string(h.size(), '-'));
    lines.push_back(std::move(header));
    if (options.ruled_headers) lines.push_back(std::move(rule));
  }
  for (const TableRow& row : table.rows) {
    std::vector<std::string> line;
    if (options.namespace_column) line.push_back(row.namespace_);
    for (std::size_t i : shown) {
      std::string cell = i < row.cells.size() ? row.cells[i] : "";
      line.push_back(i == options.name_column ? options.name_prefix + cell : cell);
    }
    lines.push_back(std::move(line));
  }
  std::size_t count = shown.size() + (options.namespace_column ? 1 : 0);
  std::vector<std::size_t> widths(count, 0);
  for (std::size_t c = 0; c < count && c < options.min_widths.size(); ++c) widths[c] = options.min_widths[c];
  for (const auto& line : lines) {
    for (std::size_t c = 0; c < count; ++c) widths[c] = std::max(widths[c], line[c].size());
  }
  for (const auto& line : lines) {
    std::string text;
    for (std::size_t c = 0; c < count; ++c) {
      text += line[c];
      if (c + 1 < count) text.append(widths[c] - line[c].size() + options.padding, ' ');
    }
    out << text << "\n";
  }
  return widths;
}

std::string human_duration(std::chrono::seconds age) {
  int64_t s = age.count();
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 120) return std::to_string(s) + "s";
  int64_t m = s / 60, h = s / 3600, d = h / 24;
  auto pair = [](int64_t a, const char* ua, int64_t b, const char* ub) {
    return std::to_string(a) + ua + (b == 0 ? "" : std::to_string(b) + ub);
  };
  if (m < 10) return pair(m, "m", s % 60, "s");
  if (m < 180) return std::to_string(m) + "m";
  if (h < 8) return pair(h, "h", m % 60, "m");
  if (h < 48) return std::to_string(h) + "h";
  if (h < 24 * 8) return pair(d, "d", h % 24, "h");
  if (h < 24 * 365 * 2) return std::to_string(d) + "d";
  if (h < 24 * 365 * 8) return pair(d / 365, "y", d % 365, "d");
  return std::to_string(d / 365) + "y";
}

Result<std::chrono::milliseconds> parse_duration(std::string_view text) {
  Status bad = Status::invalid_argument("invalid duration \"" + std::string(text) + "\": use e.g. 30s, 5m, 1h");
  if (text.empty()) return bad;
  if (text.find_first_not_of("0123456789") == std::string_view::npos) {
    return std::chrono::milliseconds(std::stoll(std::string(text)) * 1000);
  }
  std::chrono::milliseconds total{0};
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t digits = text.find_first_not_of("0123456789", at);
    if (digits == at || digits == std::string_view::npos || digits - at > 9) return bad;
    int64_t n = std::stoll(std::string(text.substr(at, digits - at)));
    std::string_view unit = text.substr(digits, 2) == "ms" ? "ms" : text.substr(digits, 1);
    if (unit == "ms") {
      total += std::chrono::milliseconds(n);
    } else if (unit == "s") {
      total += std::chrono::seconds(n);
    } else if (unit == "m") {
      total += std::chrono::minutes(n);
    } else if (unit == "h") {
      total += std::chrono::hours(n);
    } else {
      return bad;
    }
    at = digits + unit.size();
  }
  return total;
}

std::optional<std::chrono::system_clock::time_point> parse_time(std::string_view text) {
  std::tm tm{};
  int consumed = 0;
  std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::size_t at = static_cast<std::size_t>(consumed);
  if (at < s.size() && s[at] == '.') {
    ++at;
    while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]))) ++at;
  }
  int64_t offset = 0;
  if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
    int hours = 0, minutes = 0;
    if (std::sscanf(s.c_str() + at + 1, "%2d:%2d", &hours, &minutes) != 2) return std::nullopt;
    offset = (s[at] == '+' ? 1 : -1) * (hours * 3600 + minutes * 60);
  } else if (at >= s.size() || (s[at] != 'Z' && s[at] != 'z')) {
    return std::nullopt;
  }
  return std::chrono::system_clock::from_time_t(timegm(&tm) - offset);
}

std::string age(std::string_view timestamp, std::chrono::system_clock::time_point now) {
  std::optional<std::chrono::system_clock::time_point> t = parse_time(timestamp);
  if (!t) return "<unknown>";
  return human_duration(std::chrono::duration_cast<std::chrono::seconds>(now - *t));
}

}  // namespace herd::cli::herdctl
