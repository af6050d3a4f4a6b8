// Snapshot files of the embedded log (docs/formats/embedded-log.md):
//
//   snapshot := magic offset:u64 count:u32 object{count} crc:u32
//   magic    := "HERDSNP1"                   (8 bytes; the 1 is the version)
//   object   := length:u32 byte[length]      (one JSON document)
//   crc      := CRC-32C of every byte before it
//
// Little-endian. The file is named <offset, 20 digits>.snap and its offset
// field must agree with the name.

#include "file/snapshot_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "file/crc32c.hpp"
#include "file/file_util.hpp"
#include "file/record_format.hpp"
#include "herd/base/logging.hpp"

namespace herd::events::file {
namespace {
constexpr std::string_view kMagic = "HERDSNP1";
constexpr std::string_view kExtension = ".snap";
}  // namespace

SnapshotStore::SnapshotStore(std::string dir) : dir_(std::move(dir)) {
  Result<std::vector<std::string>> names = list_dir(dir_);
  if (names.ok()) {
    for (const std::string& name : *names) {
      if (name.ends_with(".tmp")) {
        (void)::unlink((dir_ + "/" + name).c_str());  // an interrupted write; harmless if it stays
      }
    }
  }
}

std::string SnapshotStore::encode(const StoredSnapshot& snapshot) {
  std::string out(kMagic);
  put_u64(out, static_cast<uint64_t>(snapshot.offset));
  put_u32(out, static_cast<uint32_t>(snapshot.objects.size()));
  for (const std::string& object : snapshot.objects) {
    put_u32(out, static_cast<uint32_t>(object.size()));
    out += object;
  }
  put_u32(out, crc32c(out));
  return out;
}

Result<StoredSnapshot> SnapshotStore::decode(std::string_view bytes) {
  if (bytes.size() < kMagic.size() + 16 || bytes.substr(0, kMagic.size()) != kMagic) {
    return Status::corrupt("not a snapshot file (bad magic or too short)");
  }
  std::string_view body = bytes.substr(0, bytes.size() - 4);
  if (crc32c(body) != get_u32(bytes.data() + body.size())) {
    return Status::corrupt("snapshot checksum mismatch");
  }
  StoredSnapshot out;
  out.offset = static_cast<int64_t>(get_u64(body.data() + kMagic.size()));
  uint32_t count = get_u32(body.data() + kMagic.size() + 8);
  body.remove_prefix(kMagic.size() + 12);
  for (uint32_t i = 0; i < count; ++i) {
    if (body.size() < 4 || body.size() - 4 < get_u32(body.data())) {
      return Status::corrupt("snapshot object " + std::to_string(i) + " runs past the end");
    }
    uint32_t length = get_u32(body.data());
    out.objects.emplace_back(body.substr(4, length));
    body.remove_prefix(4 + length);
  }
  if (!body.empty() || out.offset < 0) {
    return Status::corrupt("snapshot has trailing bytes or a negative offset");
  }
  return out;
}

Result<std::vector<int64_t>> SnapshotStore::list() const {
  HERD_ASSIGN_OR_RETURN(std::vector<std::string> names, list_dir(dir_));
  std::vector<int64_t> offsets;
  for (const std::string& name : names) {
    int64_t offset = 0;
    if (parse_offset_file_name(name, kExtension, &offset)) {
      offsets.push_back(offset);
    }
  }
  std::sort(offsets.begin(), offsets.end());
  return offsets;
}

Status SnapshotStore::write(const StoredSnapshot& snapshot) {
  std::lock_guard lock(write_mu_);
  HERD_RETURN_IF_ERROR(write_file_atomically(
      dir_ + "/" + offset_file_name(snapshot.offset, kExtension), encode(snapshot), true));
  HERD_ASSIGN_OR_RETURN(std::vector<int64_t> offsets, list());
  auto self = std::find(offsets.begin(), offsets.end(), snapshot.offset);
  bool removed = false;
  for (auto it = offsets.begin(); it != offsets.end(); ++it) {
    bool keep = it == self || (self != offsets.begin() && it == self - 1);
    if (!keep) {
      std::string path = dir_ + "/" + offset_file_name(*it, kExtension);
      if (::unlink(path.c_str()) != 0) {
        return errno_status("unlink", path, errno);
      }
      removed = true;
    }
  }
  return removed ? fsync_dir(dir_) : Status();
}

Result<std::optional<StoredSnapshot>> SnapshotStore::latest() const {
  HERD_ASSIGN_OR_RETURN(std::vector<int64_t> offsets, list());
  for (auto it = offsets.rbegin(); it != offsets.rend(); ++it) {
    std::string path = dir_ + "/" + offset_file_name(*it, kExtension);
    Result<std::string> bytes = read_whole_file(path);
    if (!bytes.ok() && bytes.status().code() == StatusCode::kNotFound) {
      continue;  // removed by a concurrent write
    }
    if (!bytes.ok()) {
      return bytes.status();
    }
    Result<StoredSnapshot> snapshot = decode(*bytes);
    if (snapshot.ok() && snapshot->offset != *it) {
      snapshot = Status::corrupt("offset " + std::to_string(snapshot->offset) +
                                 " differs from the file name");
    }
    if (snapshot.ok()) {
      return std::optional<StoredSnapshot>(std::move(snapshot).value());
    }
    HERD_LOG(kWarning, "events.file")
        << "skipping damaged snapshot " << path << ": " << snapshot.status().message();
  }
  return std::optional<StoredSnapshot>();
}

}  // namespace herd::events::file
