#include "logs/log_tail.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>

#include "logs/cri_log_format.hpp"

namespace herd::runtime::logs {
namespace {

constexpr int64_t kBlockSize = 64 * 1024;
constexpr int64_t kHeaderSize = 64;  // enough for "<timestamp> <stream> <tag> "

Status read_error(int err) {
  return Status::unavailable(std::string("read log file: ") + std::strerror(err));
}

Result<std::string> pread_exact(int fd, int64_t offset, int64_t length) {
  std::string bytes(static_cast<size_t>(length), '\0');
  int64_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd, bytes.data() + done, static_cast<size_t>(length - done), offset + done);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return read_error(n < 0 ? errno : EIO);  // EOF: the file shrank under us
    }
    done += n;
  }
  return bytes;
}

// Counts lines backwards, one record at a time, newest first.
//
// Worked example, tail 2, one stream, records oldest first:
//   F a | P b1 | F b2 | P c1         (c is still being written)
// Backwards: P c1 is the stream's last record and a P, so line c counts (1).
// F b2 with 1 counted: not yet 2, so b counts (2). P b1 is b's. F a with 2
// counted: the tail starts right after F a, giving "b1b2" and "c1".
class TailCounter {
 public:
  explicit TailCounter(int64_t wanted) : wanted_(wanted) {}

  // Takes the head of the next record back; true when the tail starts right
  // after that record.
  bool starts_after(std::string_view head) {
    auto record = parse_cri_record(head);
    if (!record.ok()) {
      return false;  // not a record: the reader will skip it too
    }
    if (wanted_ == 0) {
      return true;
    }
    bool& seen = seen_[static_cast<size_t>(record->stream)];
    if (record->partial) {
      if (!seen) {
        ++counted_;  // the stream's unfinished last line
      }
      seen = true;
      return false;
    }
    seen = true;
    if (counted_ == wanted_) {
      return true;
    }
    ++counted_;
    return false;
  }

 private:
  int64_t wanted_;
  int64_t counted_ = 0;
  std::array<bool, 2> seen_{};
};

// Scans one file backwards. Returns the offset the tail starts at when it
// starts in this file, nullopt when it starts in an earlier one.
Result<std::optional<int64_t>> scan_file(const LogFile& file, TailCounter& counter) {
  struct stat st {};
  if (::fstat(file.fd.get(), &st) != 0) {
    return read_error(errno);
  }
  std::string block;
  int64_t lo = st.st_size;
  int64_t record_end = -1;  // the LF ending the record before which we scan
  // Looks at the record [start, record_end).
  auto examine = [&](int64_t start) -> Result<bool> {
    int64_t head_end = std::min(record_end, start + kHeaderSize);
    int64_t block_end = lo + static_cast<int64_t>(block.size());
    if (head_end <= block_end) {
      return counter.starts_after(std::string_view(block).substr(
          static_cast<size_t>(start - lo), static_cast<size_t>(head_end - start)));
    }
    HERD_ASSIGN_OR_RETURN(std::string head, pread_exact(file.fd.get(), start, head_end - start));
    return counter.starts_after(head);
  };
  while (lo > 0) {
    int64_t hi = lo;
    lo = std::max<int64_t>(0, hi - kBlockSize);
    HERD_ASSIGN_OR_RETURN(block, pread_exact(file.fd.get(), lo, hi - lo));
    for (int64_t p = hi - 1; p >= lo; --p) {
      if (block[static_cast<size_t>(p - lo)] != '\n') {
        continue;
      }
      if (record_end >= 0) {
        HERD_ASSIGN_OR_RETURN(bool starts, examine(p + 1));
        if (starts) {
          return std::optional<int64_t>(record_end + 1);
        }
      }
      record_end = p;
    }
  }
  if (record_end >= 0) {
    HERD_ASSIGN_OR_RETURN(bool starts, examine(0));
    if (starts) {
      return std::optional<int64_t>(record_end + 1);
    }
  }
  return std::optional<int64_t>();
}

}  // namespace

Result<LogPosition> find_tail_start(const std::vector<LogFile>& files, int64_t lines) {
  TailCounter counter(lines);
  for (size_t i = files.size(); i-- > 0;) {
    HERD_ASSIGN_OR_RETURN(auto offset, scan_file(files[i], counter));
    if (offset) {
      return LogPosition{i, *offset};
    }
  }
  return LogPosition{};
}

}  // namespace herd::runtime::logs
