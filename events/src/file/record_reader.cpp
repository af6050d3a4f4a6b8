#include "file/record_reader.hpp"

#include <algorithm>

#include "file/file_util.hpp"

namespace herd::events::file {
namespace {
// Large enough that a sequential read is a handful of syscalls per MiB, small
// enough that a read of a few events near an index point stays cheap.
constexpr std::size_t kReadChunk = 256 * 1024;
}  // namespace

Status RecordReader::fill(std::size_t need) {
  uint64_t buffered_end = buffer_start_ + buffer_.size();
  if (position_ >= buffer_start_ && position_ + need <= buffered_end) {
    return Status();
  }
  std::size_t want = static_cast<std::size_t>(
      std::min<uint64_t>(std::max(need, kReadChunk), end_ - position_));
  buffer_start_ = position_;
  return pread_some(fd_, position_, want, buffer_, path_);
}

Status RecordReader::next(DecodedRecord* record) {
  *record = DecodedRecord{};
  if (at_end()) {
    return Status();  // kTruncated: nothing left
  }
  HERD_RETURN_IF_ERROR(fill(kRecordHeaderSize));
  std::string_view view(buffer_);
  view.remove_prefix(static_cast<std::size_t>(position_ - buffer_start_));
  *record = decode_record(view);
  if (record->status == RecordStatus::kTruncated && record->record_size > view.size() &&
      position_ + record->record_size <= end_) {
    // A whole header, and the payload lies within the range: read it all.
    HERD_RETURN_IF_ERROR(fill(record->record_size));
    view = std::string_view(buffer_);
    view.remove_prefix(static_cast<std::size_t>(position_ - buffer_start_));
    *record = decode_record(view);
  }
  if (record->status == RecordStatus::kOk) {
    position_ += record->record_size;
  }
  return Status();
}

}  // namespace herd::events::file
