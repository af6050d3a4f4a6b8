#pragma once

#include <sstream>
#include <string>
#include <string_view>

namespace herd {

/// Severity of a log line, lowest first.
enum class LogLevel { kDebug, kInfo, kWarning, kError };

/// Parses "debug", "info", "warning" or "error". Returns false otherwise.
bool parse_log_level(std::string_view text, LogLevel* level);

/// Lines below this level are dropped. Default kInfo. Thread-safe.
void set_min_log_level(LogLevel level);
LogLevel min_log_level();

/// Writes one line "<time> <LEVEL> <component>: <message>" to stderr.
/// Thread-safe; lines from several threads never interleave.
void write_log_line(LogLevel level, std::string_view component, std::string_view message);

namespace internal {
/// Builds one log line and writes it when destroyed. Used through HERD_LOG.
class LogLine {
 public:
  LogLine(LogLevel level, std::string_view component) : level_(level), component_(component) {}
  ~LogLine() { write_log_line(level_, component_, stream_.str()); }
  template <class T>
  LogLine& operator<<(const T& value) {
    stream_ << value;
    return *this;
  }

 private:
  LogLevel level_;
  std::string_view component_;
  std::ostringstream stream_;
};
}  // namespace internal

}  // namespace herd

/// HERD_LOG(kInfo, "api") << "decoded " << n << " objects";
/// The stream expression is not evaluated when the level is filtered out.
#define HERD_LOG(level, component)                                   \
  if (::herd::LogLevel::level < ::herd::min_log_level()) {           \
  } else                                                             \
    ::herd::internal::LogLine(::herd::LogLevel::level, component)
