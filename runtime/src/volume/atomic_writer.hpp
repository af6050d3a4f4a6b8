#pragma once

// The kubelet's AtomicWriter (pkg/volume/util/atomic_writer.go): writes the
// files of a configMap or secret volume so that a reader of the volume sees
// either every old file or every new one, never a mix.
//
//   <dir>/..2026_01_02_15_04_05.AbCdEf/   the payload, written in full first
//   <dir>/..data -> ..2026_01_02_15_04_05.AbCdEf
//   <dir>/<top> -> ..data/<top>           per first component of a payload path
//
// stage() writes a new timestamped directory; publish() points a temporary
// symlink ..data_tmp at it and rename(2)s that over ..data (the one atomic
// step), adds the missing <top> links, removes the links of first components
// the new payload no longer has (only links this writer made) and then the
// old directory. A caller holds one writer per volume; calls on one volume
// must not overlap.

#include <sys/types.h>

#include <map>
#include <optional>
#include <set>
#include <string>

#include "herd/base/result.hpp"

namespace herd::runtime::volume {

/// One file of a volume: its contents and permission bits (at most 0777).
struct FileProjection {
  std::string data;
  mode_t mode = 0644;
  bool operator==(const FileProjection&) const = default;
};

/// The files of a volume by path relative to the volume (check_file_path()).
using Payload = std::map<std::string, FileProjection>;

/// OK when every path passes check_file_path(), no path is a directory of
/// another ("a" and "a/b") and every mode is at most 0777; kInvalidArgument
/// naming the first that fails.
Status check_payload(const Payload& payload);

/// A payload written to a new data directory that readers cannot see yet.
struct StagedPayload {
  std::string data_dir;             ///< Its name in the volume, "..2026_...".
  std::set<std::string> top_level;  ///< The payload's first path components.
};

/// Writes `payload` into a new timestamped directory of `dir` (which must
/// exist). nullopt when ..data already holds exactly `payload` (same paths,
/// contents and modes): nothing was written. On failure nothing is left.
Result<std::optional<StagedPayload>> stage_payload(const std::string& dir, const Payload& payload);

/// Makes `staged` what `dir`'s readers see and removes what it replaced.
/// Once ..data is swapped the new files are visible even if a later cleanup
/// step fails (the Status then says which).
Status publish_payload(const std::string& dir, const StagedPayload& staged);

/// stage_payload() then publish_payload(); OK without writing when unchanged.
Status write_payload(const std::string& dir, const Payload& payload);

}  // namespace herd::runtime::volume
