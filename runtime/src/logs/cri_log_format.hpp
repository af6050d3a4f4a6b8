#pragma once

// The CRI container log format: what herd-log-driver writes and
// ContainerLogs reads. One record per line, as containerd's CRI plugin and
// the kubelet write and read it:
//
//   record    = timestamp SP stream SP tags SP content LF
//   timestamp = RFC 3339 with nanoseconds, UTC: 2024-05-06T07:08:09.123456789Z
//               (written with exactly 9 fraction digits; read with 0-9 digits
//               and any offset, as the kubelet does)
//   stream    = "stdout" / "stderr"
//   tags      = tag *(":" tag)   ; only the first tag is looked at
//   tag       = "F"              ; content ends a line (the LF was stripped)
//             / "P"              ; a partial line: the line goes on in the
//                                ; next record of the same stream
//   content   = the line's bytes without LF (and without a CR before it),
//               at most kMaxRecordContent bytes
//
// A line longer than kMaxRecordContent becomes P records of exactly that
// size followed by one F record with the rest.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "herd/base/clock.hpp"
#include "herd/base/result.hpp"

namespace herd::runtime::logs {

/// The longest content of one record (containerd's default max line size).
inline constexpr size_t kMaxRecordContent = 16 * 1024;

enum class LogStream { kStdout, kStderr };

/// "stdout" or "stderr".
std::string_view log_stream_name(LogStream stream);

/// One record, viewing the line it was parsed from.
struct CriRecord {
  Clock::TimePoint time;
  std::string_view timestamp;  ///< The timestamp as written.
  LogStream stream = LogStream::kStdout;
  bool partial = false;  ///< Tag P: the line continues in the next record.
  std::string_view content;
};

/// Formats `t` as UTC with 9 fraction digits: "2024-05-06T07:08:09.123456789Z".
std::string format_cri_timestamp(Clock::TimePoint t);

/// Parses an RFC 3339 timestamp with an optional fraction (0-9 digits) and a
/// "Z" or "+hh:mm" / "-hh:mm" offset. Returns nullopt when `text` is not one.
std::optional<Clock::TimePoint> parse_cri_timestamp(std::string_view text);

/// Appends one record (with its LF) to `out`.
/// Requires: content.size() <= kMaxRecordContent and content holds no LF.
void append_cri_record(std::string& out, Clock::TimePoint t, LogStream stream, bool partial,
                       std::string_view content);

/// Parses one record; `line` is without its LF. The result views `line`.
/// `line` may also be just the first bytes of a record (64 are enough for
/// the header): then the content is cut. kCorrupt when it is not a record.
Result<CriRecord> parse_cri_record(std::string_view line);

}  // namespace herd::runtime::logs
