#pragma once

// LineSplitter: cuts the bytes of one container stream into CRI records
// (cri_log_format.hpp). Each LF ends an F record; a line that reaches
// kMaxRecordContent bytes without an LF is cut into a P record there, as
// containerd's CRI logger does. A CR right before the LF is dropped (Go's
// bufio.ReadLine, which containerd uses, drops it too).

#include <string>
#include <string_view>

#include "herd/base/clock.hpp"
#include "logs/cri_log_format.hpp"

namespace herd::runtime::logs {

class LineSplitter {
 public:
  explicit LineSplitter(LogStream stream) : stream_(stream) {}

  /// Appends to `out` the records that `data` completes, stamped `now`; keeps
  /// the rest of an unfinished line for the next call.
  void feed(std::string_view data, Clock::TimePoint now, std::string& out);

  /// At end of stream: appends the unfinished line, if any, as an F record.
  void finish(Clock::TimePoint now, std::string& out);

 private:
  void emit(std::string_view content, bool partial, Clock::TimePoint now, std::string& out) const;

  LogStream stream_;
  std::string pending_;  ///< Bytes of the current line; < kMaxRecordContent of them.
};

}  // namespace herd::runtime::logs
