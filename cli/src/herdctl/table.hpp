#pragma once

// Tables as kubectl prints them: upper-case headers, each column padded to
// its widest cell plus three spaces (the last column unpadded), priority-1
// columns only when wide, an optional NAMESPACE column first. The rows come
// from the server's meta.k8s.io Table (what `get` asks for) or, from a
// server without Table support, from the objects themselves (NAME and AGE).

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/value.hpp"
#include "herd/base/result.hpp"

namespace herd::cli::herdctl {

struct TableColumn {
  std::string name;  ///< As the server names it ("Name", "Ready"); printed upper-case.
  int priority = 0;  ///< 0: always shown; more: only with -o wide.
};

struct TableRow {
  std::vector<std::string> cells;  ///< One per column.
  std::string namespace_;          ///< The object's, for the NAMESPACE column.
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<TableRow> rows;
};

struct TableOptions {
  bool wide = false;              ///< Show priority > 0 columns.
  bool namespace_column = false;  ///< NAMESPACE first (-A).
  bool headers = true;
  std::string name_prefix;              ///< Put before the name column's cells ("deployment.apps/").
  std::size_t name_column = 0;          ///< Which of the table's columns holds the names.
  std::size_t padding = 3;              ///< Spaces after each column but the last.
  bool ruled_headers = false;           ///< describe's style: headers as named, underlined with dashes.
  std::vector<std::size_t> min_widths;  ///< Per printed column; for rows printed
                                        ///< under an earlier header.
};

/// The Table of a meta.k8s.io Table object: its columnDefinitions and rows'
/// cells (null cells as "<none>"), each row's namespace from its object's
/// metadata. kInvalidArgument naming what is missing when it is not one.
Result<Table> table_from_server(const api::Value& table);

/// A NAME / AGE table of objects (a List's items), for servers without
/// Table support.
Table table_from_objects(const std::vector<api::Value>& objects, std::chrono::system_clock::time_point now);

/// Prints `table` and returns the width of each printed column (for
/// min_widths of rows that follow, as in get -w).
std::vector<std::size_t> print_table(const Table& table, const TableOptions& options, std::ostream& out);

/// kubectl's short durations: "45s", "3m20s", "25m", "5h3m", "2d4h", "400d",
/// "3y".
std::string human_duration(std::chrono::seconds age);

/// Parses a duration as kubectl's flags take it: "30s", "2m", "1h30m",
/// "500ms", or a plain number of seconds. kInvalidArgument otherwise.
Result<std::chrono::milliseconds> parse_duration(std::string_view text);

/// Parses an RFC 3339 time ("2024-05-01T10:00:00Z", fractions and offsets
/// allowed).
std::optional<std::chrono::system_clock::time_point> parse_time(std::string_view text);

/// The age of an RFC 3339 timestamp at `now` as human_duration, "<unknown>"
/// when unparsable.
std::string age(std::string_view timestamp, std::chrono::system_clock::time_point now);

/// `object`'s metadata.<key> as a string, "" when absent.
std::string metadata_string(const api::Value& object, std::string_view key);

}  // namespace herd::cli::herdctl
