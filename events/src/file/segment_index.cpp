// The .idx file of a segment (docs/formats/embedded-log.md):
//
//   index := entry*
//   entry := offset:u64 position:u64 crc:u32     (little-endian, 20 bytes)
//   crc   := CRC-32C of the 16 bytes of offset and position
//
// The index is a cache: it is appended without fsync, and anything that does
// not verify (checksum, order, a position past the data, no record there) is
// rebuilt from the segment itself.

#include "file/segment_index.hpp"

#include <algorithm>

#include "file/crc32c.hpp"
#include "file/record_format.hpp"
#include "herd/base/check.hpp"

namespace herd::events::file {

bool SparseIndex::note(int64_t offset, uint64_t position) {
  if (!entries_.empty() && position < entries_.back().position + interval_bytes_) {
    return false;
  }
  HERD_DCHECK(entries_.empty() || offset > entries_.back().offset) << "offset " << offset;
  entries_.push_back({offset, position});
  return true;
}

IndexEntry SparseIndex::floor(int64_t offset) const {
  HERD_CHECK(!entries_.empty() && offset >= entries_.front().offset)
      << "index lookup of offset " << offset;
  auto it = std::upper_bound(entries_.begin(), entries_.end(), offset,
                             [](int64_t o, const IndexEntry& e) { return o < e.offset; });
  return *(it - 1);
}

void SparseIndex::drop_from(uint64_t position) {
  while (!entries_.empty() && entries_.back().position >= position) {
    entries_.pop_back();
  }
}

std::string SparseIndex::encode_entry(const IndexEntry& entry) {
  std::string out;
  put_u64(out, static_cast<uint64_t>(entry.offset));
  put_u64(out, entry.position);
  put_u32(out, crc32c(out));
  return out;
}

std::string SparseIndex::encode() const {
  std::string out;
  out.reserve(entries_.size() * kIndexEntrySize);
  for (const IndexEntry& e : entries_) {
    out += encode_entry(e);
  }
  return out;
}

std::vector<IndexEntry> SparseIndex::decode(std::string_view bytes, bool* complete) {
  std::vector<IndexEntry> out;
  *complete = false;
  while (bytes.size() >= kIndexEntrySize) {
    if (crc32c(bytes.substr(0, 16)) != get_u32(bytes.data() + 16)) {
      return out;
    }
    IndexEntry e{static_cast<int64_t>(get_u64(bytes.data())), get_u64(bytes.data() + 8)};
    if (e.offset < 0 ||
        (!out.empty() && (e.offset <= out.back().offset || e.position <= out.back().position))) {
      return out;
    }
    out.push_back(e);
    bytes.remove_prefix(kIndexEntrySize);
  }
  *complete = bytes.empty();
  return out;
}

}  // namespace herd::events::file
