#pragma once

// ClusterState: every live object, as the fold of the log's events. Replay
// builds one; its digest lets two states (two backends, two replays, before
// and after a crash) be compared exactly.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "herd/api/object.hpp"
#include "herd/base/result.hpp"
#include "herd/events/event_log.hpp"

namespace herd::events {

/// One live object and the seq of the last event folded into it.
struct ObjectRecord {
  api::Object object;
  uint64_t seq = 0;
};

/// Not thread-safe; owned by one replayer.
class ClusterState {
 public:
  ClusterState() = default;
  ClusterState(const ClusterState& other);
  ClusterState& operator=(const ClusterState& other);
  ClusterState(ClusterState&&) = default;
  ClusterState& operator=(ClusterState&&) = default;

  /// Folds one event into its object. An event whose seq is not newer than
  /// the object's (already folded, e.g. by a snapshot) is skipped and counted;
  /// a gap in seq or an event that does not fit returns kCorrupt / the
  /// apply error, naming the object and seq.
  Status apply(const Event& event);

  /// Live objects by object key (kind/namespace/name), in key order.
  const std::map<std::string, ObjectRecord>& objects() const { return objects_; }

  /// Number of live objects per kind.
  std::map<std::string, std::size_t> count_by_kind() const;

  /// SHA-256 (hex) over every object's key, seq and canonical JSON, in key
  /// order: equal digests mean equal states.
  std::string digest() const;

  /// Events skipped because their object already had them.
  uint64_t skipped_events() const { return skipped_; }

  /// The state as snapshot documents: {"key", "seq", "object"} per object.
  std::vector<std::string> to_snapshot_objects() const;

  /// Loads snapshot documents (replacing the current state). kCorrupt if one
  /// does not decode.
  Status load_snapshot_objects(const std::vector<std::string>& documents);

 private:
  using Objects = std::map<std::string, ObjectRecord>;

  void rebuild_index();

  Objects objects_;
  // objects_ by key, for apply: a hash probe instead of a walk down the tree
  // comparing keys. The views are the keys of objects_' nodes, which stay put
  // while the node lives (and when the map is moved).
  std::unordered_map<std::string_view, Objects::iterator> index_;
  std::string key_;  // apply's key, built here to keep its capacity
  std::map<std::string, uint64_t> deleted_seq_;  // seq of the ObjectDeleted of deleted keys
  uint64_t skipped_ = 0;
};

/// One object as the digest sees it (pointers into the caller's data).
struct DigestEntry {
  const std::string* key;
  const api::Object* object;
  uint64_t seq;
};

/// SHA-256 (hex) over each entry's key, seq and canonical JSON, in the given
/// order; entries must be in key order. ClusterState::digest() and the
/// control plane's live store both use it, so their digests compare.
std::string digest_of(const std::vector<DigestEntry>& entries);

/// What a replay did.
struct ReplayStats {
  bool from_snapshot = false;
  std::size_t snapshot_objects = 0;
  uint64_t events_read = 0;
  Cursor end;  ///< Where a follower continues.
};

/// Rebuilds `state` from `log`: the latest snapshot, then every event after
/// its cursor. Stops at the first error (returned with the event's position).
Result<ReplayStats> replay(EventLog& log, ClusterState& state);

/// Writes a snapshot of `state` at `cursor` (the cursor replay ended at).
Status write_snapshot(EventLog& log, const ClusterState& state, const Cursor& cursor);

}  // namespace herd::events
