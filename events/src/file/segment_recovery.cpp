// Opening the segments found on disk (Segment::open_sealed and
// Segment::recover_last). The rules, also in docs/formats/embedded-log.md:
//
// - Sealed segments (a newer one exists) were fdatasync'ed before the log
//   rolled, so they must be whole: exactly the offsets up to the next
//   segment's first, ending at a record boundary. Only the part after the
//   last trusted index entry is scanned; any damage there is kCorrupt.
// - The newest segment is scanned completely. At the first damaged record
//   (short, impossible length, bad checksum) we look for any valid record
//   further on. None: the damage is the remains of the last write that a
//   crash interrupted (never acknowledged, since the acknowledgement follows
//   the fdatasync), so it is cut off. One found: data was damaged after it
//   was written, and dropping it silently could lose acknowledged events, so
//   open fails with kCorrupt. One exception: a power cut can leave the pages
//   of the last write partly unwritten, i.e. a run of zero bytes with valid
//   records after it; that is a torn tail when it lies within the last
//   torn_window_bytes (the largest single write) of the file.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "file/file_util.hpp"
#include "file/record_reader.hpp"
#include "file/segment.hpp"
#include "herd/base/logging.hpp"

namespace herd::events::file {
namespace {

// A run of zeros at least this long is a block that never reached the disk;
// no record holds one (payloads are JSON text, headers have 8 bytes).
constexpr std::size_t kMinHoleBytes = 512;

bool has_zero_run(std::string_view bytes, std::size_t min_run) {
  std::size_t run = 0;
  for (char c : bytes) {
    run = c == 0 ? run + 1 : 0;
    if (run >= min_run) {
      return true;
    }
  }
  return false;
}

Result<uint64_t> file_size(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return errno_status("stat", path, errno);
  }
  return static_cast<uint64_t>(st.st_size);
}

// The index entries of the .idx file that can be trusted as a starting
// point: they start at (base, 0) and point inside the data.
std::vector<IndexEntry> load_index(const std::string& path, int64_t base, int64_t limit_offset,
                                   uint64_t limit_position, bool* complete) {
  *complete = false;
  Result<std::string> bytes = read_whole_file(path);
  if (!bytes.ok()) {
    return {};
  }
  std::vector<IndexEntry> entries = SparseIndex::decode(*bytes, complete);
  if (entries.empty() || entries.front() != IndexEntry{base, 0}) {
    *complete = false;
    return {};
  }
  while (!entries.empty() && (entries.back().offset >= limit_offset ||
                              entries.back().position >= limit_position)) {
    entries.pop_back();
    *complete = false;
  }
  return entries;
}

}  // namespace

Status Segment::scan(IndexEntry start, uint64_t end, SparseIndex& index, IndexEntry* reached,
                     std::string* damage) const {
  RecordReader reader(fd_, path_, start.position, end);
  int64_t offset = start.offset;
  damage->clear();
  while (!reader.at_end()) {
    uint64_t position = reader.position();
    DecodedRecord record;
    HERD_RETURN_IF_ERROR(reader.next(&record));
    if (record.status != RecordStatus::kOk) {
      *damage = std::string(record_status_name(record.status));
      break;
    }
    index.note(offset, position);
    ++offset;
  }
  *reached = {offset, reader.position()};
  return Status();
}

Result<std::unique_ptr<Segment>> Segment::open_sealed(const std::string& dir, int64_t base_offset,
                                                      int64_t next_base_offset,
                                                      const SegmentOptions& options) {
  std::string path = dir + "/" + offset_file_name(base_offset, ".log");
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return errno_status("open segment", path, errno);
  }
  std::unique_ptr<Segment> segment(new Segment(dir, base_offset, fd, options));
  HERD_ASSIGN_OR_RETURN(uint64_t size, file_size(fd, path));
  bool complete = false;
  std::vector<IndexEntry> loaded =
      load_index(segment->index_path_, base_offset, next_base_offset, size, &complete);
  // Scan from the last trusted entry; if what follows does not add up, the
  // index may be what is wrong, so try once more from the start.
  for (bool from_start : {loaded.size() <= 1, true}) {
    SparseIndex index(options.index_interval_bytes);
    if (!from_start) {
      index.assign(loaded);
    }
    IndexEntry start = from_start ? IndexEntry{base_offset, 0} : loaded.back();
    IndexEntry reached;
    std::string damage;
    HERD_RETURN_IF_ERROR(segment->scan(start, size, index, &reached, &damage));
    bool whole = damage.empty() && reached.offset == next_base_offset && reached.position == size;
    if (whole) {
      bool rewrite = !complete || index.entries() != loaded;
      {
        std::lock_guard lock(segment->mu_);
        segment->index_ = std::move(index);
        segment->size_ = size;
        segment->next_offset_ = next_base_offset;
      }
      if (rewrite) {
        HERD_LOG(kInfo, "events.file") << "rebuilt the index of " << path;
        HERD_RETURN_IF_ERROR(segment->write_index_file(/*for_append=*/false, /*durable=*/false));
      }
      return segment;
    }
    if (from_start) {
      if (!damage.empty()) {
        return Status::corrupt(path + ": record " + std::to_string(reached.offset) + " at byte " +
                               std::to_string(reached.position) + ": " + damage +
                               " (in a segment that newer segments follow)");
      }
      return Status::corrupt(path + ": holds offsets up to " + std::to_string(reached.offset) +
                             " but the next segment starts at " +
                             std::to_string(next_base_offset));
    }
  }
  return Status::internal("unreachable");
}

Status Segment::check_torn_tail(uint64_t position, uint64_t size,
                                const std::string& damage) const {
  std::string tail;
  HERD_RETURN_IF_ERROR(pread_some(fd_, position, size - position, tail, path_));
  std::string_view view(tail);
  for (std::size_t q = 1; q + kRecordHeaderSize < view.size(); ++q) {
    uint32_t length = get_u32(view.data() + q);
    if (length == 0 || length > kMaxRecordPayload || q + kRecordHeaderSize + length > view.size()) {
      continue;  // cheap rejection: JSON text never reads as a plausible length
    }
    if (decode_record(view.substr(q)).status != RecordStatus::kOk) {
      continue;
    }
    bool hole = has_zero_run(view.substr(0, q), kMinHoleBytes);
    if (hole && size - position <= options_.torn_window_bytes) {
      return Status();
    }
    return Status::corrupt(path_ + ": damaged record at byte " + std::to_string(position) + " (" +
                           damage + ") followed by a valid record at byte " +
                           std::to_string(position + q));
  }
  return Status();
}

Result<std::unique_ptr<Segment>> Segment::recover_last(const std::string& dir,
                                                       int64_t base_offset,
                                                       const SegmentOptions& options) {
  std::string path = dir + "/" + offset_file_name(base_offset, ".log");
  int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  if (fd < 0) {
    return errno_status("open segment", path, errno);
  }
  std::unique_ptr<Segment> segment(new Segment(dir, base_offset, fd, options));
  HERD_ASSIGN_OR_RETURN(uint64_t size, file_size(fd, path));
  SparseIndex index(options.index_interval_bytes);
  IndexEntry reached;
  std::string damage;
  HERD_RETURN_IF_ERROR(segment->scan({base_offset, 0}, size, index, &reached, &damage));
  if (reached.position < size) {
    HERD_RETURN_IF_ERROR(segment->check_torn_tail(reached.position, size, damage));
    if (::ftruncate(fd, static_cast<off_t>(reached.position)) != 0 || ::fdatasync(fd) != 0) {
      return errno_status("truncate torn tail of", path, errno);
    }
    HERD_LOG(kWarning, "events.file")
        << "truncated " << (size - reached.position) << " bytes of torn tail (" << damage
        << ") from " << path << " at byte " << reached.position << ", after offset "
        << reached.offset - 1;
  }
  {
    std::lock_guard lock(segment->mu_);
    segment->index_ = std::move(index);
    segment->size_ = reached.position;
    segment->next_offset_ = reached.offset;
  }
  // Durable, unlike other index writes: should the old file come back after
  // a crash, its entries past the truncation would point into the records
  // appended since, at the same positions but other offsets.
  HERD_RETURN_IF_ERROR(segment->write_index_file(/*for_append=*/true, /*durable=*/true));
  return segment;
}

}  // namespace herd::events::file
