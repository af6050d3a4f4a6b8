#include "file/segment.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <numeric>

#include "file/file_util.hpp"
#include "file/record_reader.hpp"
#include "herd/base/check.hpp"
#include "herd/base/logging.hpp"

namespace herd::events::file {

Segment::Segment(std::string dir, int64_t base_offset, int fd, const SegmentOptions& options)
    : path_(dir + "/" + offset_file_name(base_offset, ".log")),
      index_path_(dir + "/" + offset_file_name(base_offset, ".idx")),
      base_offset_(base_offset),
      options_(options),
      fd_(fd),
      index_(options.index_interval_bytes),
      next_offset_(base_offset) {}

Segment::~Segment() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
  if (index_fd_ >= 0) {
    ::close(index_fd_);
  }
}

Result<std::unique_ptr<Segment>> Segment::create(const std::string& dir, int64_t base_offset,
                                                 const SegmentOptions& options) {
  std::string path = dir + "/" + offset_file_name(base_offset, ".log");
  int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    return errno_status("create segment", path, errno);
  }
  std::unique_ptr<Segment> segment(new Segment(dir, base_offset, fd, options));
  HERD_RETURN_IF_ERROR(segment->write_index_file(/*for_append=*/true, /*durable=*/false));
  // The new name must survive a crash before the first record lands in it,
  // or recovery would see the old segment's last offset and nothing after.
  HERD_RETURN_IF_ERROR(fsync_dir(dir));
  return segment;
}

int64_t Segment::next_offset() const {
  std::lock_guard lock(mu_);
  return next_offset_;
}

uint64_t Segment::size_bytes() const {
  std::lock_guard lock(mu_);
  return size_;
}

std::vector<IndexEntry> Segment::index_entries() const {
  std::lock_guard lock(mu_);
  return index_.entries();
}

Status Segment::append(std::string_view records, const std::vector<uint32_t>& record_sizes) {
  HERD_CHECK(index_fd_ >= 0) << "append to sealed segment " << path_;
  HERD_DCHECK(std::accumulate(record_sizes.begin(), record_sizes.end(), uint64_t{0}) ==
              records.size())
      << "record sizes do not add up to " << records.size();
  uint64_t start = size_bytes();  // only this (writer) thread changes it
  Status status = write_all(fd_, records, path_);
  if (status.ok() && ::fdatasync(fd_) != 0) {
    status = errno_status("fdatasync", path_, errno);
  }
  if (!status.ok()) {
    // Cut off what may have been written so that the file ends at a record
    // boundary; if even that fails, recovery will find a torn tail.
    if (::ftruncate(fd_, static_cast<off_t>(start)) != 0) {
      HERD_LOG(kError, "events.file") << "cannot cut " << path_ << " back to " << start
                                      << " bytes after a failed write";
    }
    return status;
  }
  std::string new_entries;
  {
    std::lock_guard lock(mu_);
    for (uint32_t size : record_sizes) {
      if (index_.note(next_offset_, size_)) {
        new_entries += SparseIndex::encode_entry(index_.entries().back());
      }
      size_ += size;
      ++next_offset_;
    }
  }
  if (!new_entries.empty()) {
    // The index is a cache rebuilt on open, so no fsync and no failure.
    Status index_status = write_all(index_fd_, new_entries, index_path_);
    if (!index_status.ok()) {
      HERD_LOG(kWarning, "events.file") << index_status.to_string();
    }
  }
  return Status();
}

Status Segment::read(int64_t from, int64_t to, const RecordVisitor& visit) const {
  IndexEntry start;
  uint64_t end = 0;
  {
    std::lock_guard lock(mu_);
    to = std::min(to, next_offset_);
    from = std::max(from, base_offset_);
    if (from >= to) {
      return Status();
    }
    start = index_.floor(from);
    end = size_;
  }
  RecordReader reader(fd_, path_, start.position, end);
  for (int64_t offset = start.offset; offset < to; ++offset) {
    uint64_t position = reader.position();
    DecodedRecord record;
    HERD_RETURN_IF_ERROR(reader.next(&record));
    if (record.status != RecordStatus::kOk) {
      return Status::corrupt(path_ + ": record " + std::to_string(offset) + " at byte " +
                             std::to_string(position) + ": " +
                             std::string(record_status_name(record.status)));
    }
    if (offset >= from && !visit(offset, record.payload)) {
      break;
    }
  }
  return Status();
}

Status Segment::remove_files() {
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) {
    return errno_status("unlink", path_, errno);
  }
  if (::unlink(index_path_.c_str()) != 0 && errno != ENOENT) {
    return errno_status("unlink", index_path_, errno);
  }
  return Status();
}

Status Segment::write_index_file(bool for_append, bool durable) {
  std::string bytes;
  {
    std::lock_guard lock(mu_);
    bytes = index_.encode();
  }
  HERD_RETURN_IF_ERROR(write_file_atomically(index_path_, bytes, durable));
  if (for_append) {
    index_fd_ = ::open(index_path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (index_fd_ < 0) {
      return errno_status("open", index_path_, errno);
    }
  }
  return Status();
}

}  // namespace herd::events::file
