#pragma once

// LogEmitter: turns CRI records into what kubectl logs prints. It drops the
// record headers (or keeps the time as a prefix), joins the P parts of a
// long line (per stream: a stdout line may be split by stderr records),
// skips lines before since_time, stops at limit_bytes, and hands the text to
// the caller's LogSink in chunks.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "herd/runtime/container_logs.hpp"
#include "logs/cri_log_format.hpp"

namespace herd::runtime::logs {

class LogEmitter {
 public:
  /// `request` and `sink` are borrowed for the emitter's lifetime.
  LogEmitter(const ContainerLogRequest& request, const LogSink& sink);

  /// Takes one record line (without its LF); a line that does not parse is
  /// skipped. Delivers to the sink when enough output has gathered.
  void add_record(std::string_view line);

  /// Delivers the lines still unfinished (P parts without their F) as they
  /// are, without LF: at the end of a read.
  void finish_lines();

  /// Delivers what has gathered. Call whenever a read has caught up, so a
  /// follower sees new lines at once.
  void flush();

  /// True once no more output is wanted: limit_bytes reached, or the sink
  /// failed (status() says why).
  bool done() const { return done_; }
  const Status& status() const { return status_; }

 private:
  // A line of one stream whose P parts have come but not its F.
  struct OpenLine {
    std::string text;
    Clock::TimePoint time;  // of its first part: what since_time and the prefix use
    bool open = false;
    bool started = false;  // a first piece (with prefix) was already emitted
    bool wanted = true;    // passes since_time
  };

  // Outputs what `line` holds; `closes` ends it (the next part starts a new
  // line), `newline` adds the LF.
  void emit(OpenLine& line, bool closes, bool newline);
  void append_output(std::string_view text);

  const ContainerLogRequest& request_;
  const LogSink& sink_;
  std::array<OpenLine, 2> lines_;  // by LogStream
  std::string out_;
  int64_t written_ = 0;
  bool done_ = false;
  Status status_;
};

}  // namespace herd::runtime::logs
