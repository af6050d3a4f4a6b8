#pragma once

// WatchCache: the API server's view of every object, rebuilt from the event
// log and kept current by following it. It is what list, get and watch read,
// and it gives every change a resourceVersion: one counter over the whole
// cluster, so that a list's resourceVersion is a point from which a watch
// resumes without missing or repeating a change (docs/decisions/0011).
//
//   event log ──follow──► fold (ClusterState) ──► objects by key
//                                            └──► window of recent changes ──► watchers
//
// Revisions: at start every live object gets one (base + its place in key
// order), then each folded event takes the next. The base is the start time
// in Unix milliseconds × 1000, so revisions of a later run are larger than
// any of an earlier one, and a watch from an earlier run's revision is told
// that it is too old (and relists), as Kubernetes does when its watch cache
// no longer holds a revision.
//
// Lifecycle: start() replays the log and starts a follower thread; the
// destructor stops it. Thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/base/result.hpp"
#include "herd/events/cluster_state.hpp"
#include "herd/events/event_log.hpp"

namespace herd::server::watch {

/// One object as the API serves it: metadata.resourceVersion is `revision`.
struct CachedObject {
  const api::KindInfo* kind = nullptr;
  std::string key;  ///< kind/namespace/name
  api::Object object;
  uint64_t seq = 0;       ///< The object's own event count (what the control plane checks).
  uint64_t revision = 0;  ///< The cluster-wide revision of its last change.
};
using CachedPtr = std::shared_ptr<const CachedObject>;

/// kBookmark is no change: it tells a watcher that every change up to
/// `revision` has reached it.
enum class ChangeType { kAdded, kModified, kDeleted, kBookmark };

/// One change of one object. For kDeleted, `object` is the object as it was
/// last, with the revision of its deletion.
struct Change {
  ChangeType type = ChangeType::kAdded;
  CachedPtr object;    ///< Null for kBookmark.
  CachedPtr previous;  ///< The object before the change; null for kAdded.
  uint64_t revision = 0;
};

/// Called for every change a watch sees, on the cache's follower thread (or,
/// for the changes a watch catches up on, on the thread that calls watch()).
/// Must be quick (queue the change); returns false to end the watch.
using ChangeSink = std::function<bool(const Change&)>;

struct WatchCacheOptions {
  /// How many recent changes are kept for watches that resume from a
  /// revision; an older revision is "too old".
  std::size_t window = 100'000;
  /// How long one read of the follower waits for new events.
  std::chrono::milliseconds follow_wait{200};
  /// The revision base; 0 means the start time in Unix ms × 1000.
  uint64_t revision_base = 0;
  /// How many Kubernetes Events derived from the log (derived_events.hpp)
  /// are kept; older ones are dropped (a DELETED to watchers), as
  /// kube-apiserver drops Events after their TTL.
  std::size_t derived_events = 10'000;
};

/// A list: objects at one revision.
struct Listing {
  uint64_t revision = 0;
  std::vector<CachedPtr> objects;  ///< In key order.
};

/// What watch() answers.
struct WatchStart {
  bool too_old = false;          ///< `from` is older than the window: relist.
  uint64_t oldest_revision = 0;  ///< The oldest revision a watch can resume from.
  uint64_t id = 0;               ///< Pass to unwatch().
};

class WatchCache {
 public:
  /// Replays `log` and starts following it. `log` outlives the cache.
  static Result<std::unique_ptr<WatchCache>> start(events::EventLog& log, WatchCacheOptions options = {});
  ~WatchCache();
  WatchCache(const WatchCache&) = delete;
  WatchCache& operator=(const WatchCache&) = delete;

  /// The revision of the last change folded.
  uint64_t revision() const;

  /// The object, or null.
  CachedPtr get(std::string_view kind, std::string_view namespace_, std::string_view name) const;

  /// Objects of `kind` ("" namespace: every namespace) at the current revision.
  Listing list(std::string_view kind, std::string_view namespace_ = {}) const;

  /// Waits until the cache has folded the event with seq `seq` (or a later
  /// one) of object `key`, and returns the object then (null when that
  /// event deleted it) and the revision. kUnavailable after `timeout`.
  /// Writers call it so that their answer carries the object's revision and
  /// a read right after it sees the write.
  Result<std::pair<CachedPtr, uint64_t>> wait_for(const std::string& key, uint64_t seq,
                                                   std::chrono::milliseconds timeout) const;

  /// Starts a watch of `kind` in `namespace_` ("" = all): first the changes
  /// after revision `from` still in the window (from 0: an ADDED for every
  /// current object), then every new change as it is folded, until `sink`
  /// returns false or unwatch() is called.
  WatchStart watch(std::string kind, std::string namespace_, uint64_t from, ChangeSink sink);
  void unwatch(uint64_t id);

  /// Sends every watcher a kBookmark at the current revision (in order with
  /// the changes it was sent), and drops the watchers whose sink refuses it.
  void send_bookmarks();

  /// Why the follower stopped, when it did (a read error); Ok while it runs.
  Status follower_status() const;

 private:
  struct Watcher {
    std::string kind;
    std::string namespace_;
    ChangeSink sink;
  };
  struct Tombstone {
    uint64_t seq = 0;
    uint64_t revision = 0;
  };

  WatchCache(events::EventLog& log, WatchCacheOptions options);
  Status load();
  void follow();
  void fold(const events::Event& event);
  // Folds into state_ and returns the Kubernetes Event it makes visible.
  Result<std::optional<api::Event>> fold_state(const events::Event& event);
  // REQUIRES: mu_ held. Publishes the change of `key` that `event` made.
  void publish_object(const std::string& key, const events::Event& event);
  // REQUIRES: mu_ held. Adds a derived Event (publishing it when `publish_it`).
  void add_derived(api::Event event, bool publish_it);
  void publish(Change change);
  static bool wanted(const Watcher& w, const CachedObject& o);

  events::EventLog& log_;
  WatchCacheOptions options_;
  events::ClusterState state_;  // only the follower touches it after load()
  events::Cursor cursor_;

  mutable std::mutex mu_;
  mutable std::condition_variable folded_;
  uint64_t revision_ = 0;
  std::map<std::string, CachedPtr, std::less<>> objects_;
  std::map<std::string, Tombstone, std::less<>> tombstones_;
  std::deque<Change> window_;
  std::deque<std::string> derived_keys_;  // derived Events, oldest first
  std::map<uint64_t, Watcher> watchers_;
  uint64_t next_watcher_ = 1;
  Status follower_status_;
  bool stopping_ = false;

  std::thread follower_;
};

}  // namespace herd::server::watch
