#include "logs/cri_log_format.hpp"

#include <chrono>
#include <cstdio>

#include "herd/base/check.hpp"

namespace herd::runtime::logs {
namespace {

using std::chrono::days;
using std::chrono::nanoseconds;
using std::chrono::sys_days;

// Reads exactly `n` decimal digits at `pos`; advances `pos`.
std::optional<int> digits(std::string_view text, size_t& pos, size_t n) {
  if (pos + n > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  pos += n;
  return value;
}

bool expect(std::string_view text, size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// The offset east of UTC in minutes ("Z", "+hh:mm" or "-hh:mm") at `pos`.
std::optional<int> utc_offset_minutes(std::string_view text, size_t& pos) {
  if (expect(text, pos, 'Z')) {
    return 0;
  }
  int sign = expect(text, pos, '+') ? 1 : (expect(text, pos, '-') ? -1 : 0);
  if (sign == 0) {
    return std::nullopt;
  }
  auto hours = digits(text, pos, 2);
  if (!hours || !expect(text, pos, ':')) {
    return std::nullopt;
  }
  auto minutes = digits(text, pos, 2);
  if (!minutes) {
    return std::nullopt;
  }
  return sign * (*hours * 60 + *minutes);
}

// The three header fields of a record: [timestamp, stream, tags], and where
// the content starts. Nullopt when there are fewer than three spaces.
struct Header {
  std::string_view timestamp, stream, tags;
  size_t content_start = 0;
};

std::optional<Header> split_header(std::string_view line) {
  Header h;
  size_t s1 = line.find(' ');
  if (s1 == std::string_view::npos) {
    return std::nullopt;
  }
  size_t s2 = line.find(' ', s1 + 1);
  if (s2 == std::string_view::npos) {
    return std::nullopt;
  }
  size_t s3 = line.find(' ', s2 + 1);
  h.timestamp = line.substr(0, s1);
  h.stream = line.substr(s1 + 1, s2 - s1 - 1);
  // kubelet accepts a record whose content is empty and whose last space is missing.
  h.tags = line.substr(s2 + 1, s3 == std::string_view::npos ? std::string_view::npos : s3 - s2 - 1);
  h.content_start = s3 == std::string_view::npos ? line.size() : s3 + 1;
  return h;
}

std::optional<bool> tag_is_partial(std::string_view tags) {
  std::string_view first = tags.substr(0, tags.find(':'));
  if (first == "P") {
    return true;
  }
  if (first == "F") {
    return false;
  }
  return std::nullopt;
}

}  // namespace

std::string_view log_stream_name(LogStream stream) {
  return stream == LogStream::kStdout ? "stdout" : "stderr";
}

std::string format_cri_timestamp(Clock::TimePoint t) {
  auto ns = std::chrono::floor<nanoseconds>(t);
  auto day = std::chrono::floor<days>(ns);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss<nanoseconds> hms{ns - day};
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02d.%09lldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()),
                static_cast<long long>(hms.subseconds().count()));
  return out;
}

std::optional<Clock::TimePoint> parse_cri_timestamp(std::string_view text) {
  // "YYYY-MM-DDThh:mm:ss": each field's width and the separator after it.
  struct Field {
    size_t width;
    char separator;
  };
  constexpr Field kFields[] = {{4, '-'}, {2, '-'}, {2, 'T'}, {2, ':'}, {2, ':'}, {2, '\0'}};
  int value[6] = {};
  size_t pos = 0;
  for (size_t i = 0; i < 6; ++i) {
    auto field = digits(text, pos, kFields[i].width);
    if (!field || (kFields[i].separator != '\0' && !expect(text, pos, kFields[i].separator))) {
      return std::nullopt;
    }
    value[i] = *field;
  }
  long long fraction_ns = 0;
  if (expect(text, pos, '.')) {
    size_t start = pos;
    for (long long scale = 100000000; pos < text.size() && text[pos] >= '0' && text[pos] <= '9';
         scale /= 10, ++pos) {
      fraction_ns += (text[pos] - '0') * scale;
    }
    if (pos == start || pos - start > 9) {
      return std::nullopt;
    }
  }
  auto offset = utc_offset_minutes(text, pos);
  std::chrono::year_month_day ymd{std::chrono::year(value[0]),
                                  std::chrono::month(static_cast<unsigned>(value[1])),
                                  std::chrono::day(static_cast<unsigned>(value[2]))};
  if (!offset || pos != text.size() || !ymd.ok() || value[3] > 23 || value[4] > 59 ||
      value[5] > 60) {
    return std::nullopt;
  }
  auto t = sys_days(ymd) + std::chrono::hours(value[3]) + std::chrono::minutes(value[4] - *offset) +
           std::chrono::seconds(value[5]) + nanoseconds(fraction_ns);
  return std::chrono::time_point_cast<Clock::TimePoint::duration>(t);
}

void append_cri_record(std::string& out, Clock::TimePoint t, LogStream stream, bool partial,
                       std::string_view content) {
  HERD_DCHECK(content.size() <= kMaxRecordContent);
  out += format_cri_timestamp(t);
  out += ' ';
  out += log_stream_name(stream);
  out += partial ? " P " : " F ";
  out += content;
  out += '\n';
}

Result<CriRecord> parse_cri_record(std::string_view line) {
  auto header = split_header(line);
  if (!header) {
    return Status::corrupt("not a CRI log record (want \"<time> <stream> <tag> <content>\")");
  }
  CriRecord record;
  auto time = parse_cri_timestamp(header->timestamp);
  if (!time) {
    return Status::corrupt("CRI log record with a bad timestamp \"" +
                           std::string(header->timestamp) + "\"");
  }
  record.time = *time;
  record.timestamp = header->timestamp;
  if (header->stream == "stdout") {
    record.stream = LogStream::kStdout;
  } else if (header->stream == "stderr") {
    record.stream = LogStream::kStderr;
  } else {
    return Status::corrupt("CRI log record with an unknown stream \"" +
                           std::string(header->stream) + "\"");
  }
  auto partial = tag_is_partial(header->tags);
  if (!partial) {
    return Status::corrupt("CRI log record with an unknown tag \"" + std::string(header->tags) +
                           "\"");
  }
  record.partial = *partial;
  record.content = line.substr(header->content_start);
  return record;
}

}  // namespace herd::runtime::logs
