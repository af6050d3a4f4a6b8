#include "watch/watch_cache.hpp"

#include <utility>

#include "herd/base/clock.hpp"
#include "herd/base/logging.hpp"
#include "herd/events/event_types.hpp"
#include "watch/derived_events.hpp"

namespace herd::server::watch {
namespace {

// How long the follower waits before reading again after a failed read (a
// broker away): long enough not to spin, short enough to catch up soon.
constexpr std::chrono::milliseconds kRetryAfterError{500};

CachedPtr make_cached(const std::string& key, const events::ObjectRecord& record, uint64_t revision) {
  auto cached = std::make_shared<CachedObject>();
  cached->kind = &api::kind_of(record.object);
  cached->key = key;
  cached->object = record.object;
  cached->seq = record.seq;
  cached->revision = revision;
  api::meta(cached->object).resource_version = std::to_string(revision);
  return cached;
}

uint64_t default_revision_base() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  return static_cast<uint64_t>(ms.count()) * 1000;
}

}  // namespace

WatchCache::WatchCache(events::EventLog& log, WatchCacheOptions options) : log_(log), options_(options) {
  if (options_.revision_base == 0) options_.revision_base = default_revision_base();
  if (options_.window == 0) options_.window = 1;
}

Result<std::unique_ptr<WatchCache>> WatchCache::start(events::EventLog& log, WatchCacheOptions options) {
  std::unique_ptr<WatchCache> cache(new WatchCache(log, options));
  HERD_RETURN_IF_ERROR(cache->load());
  cache->follower_ = std::thread([c = cache.get()] { c->follow(); });
  return cache;
}

WatchCache::~WatchCache() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  if (follower_.joinable()) follower_.join();
}

// Like events::replay (the latest snapshot, then every event after it), but
// seeing each event, for the Events derived from them.
Status WatchCache::load() {
  Result<std::optional<events::Snapshot>> snapshot = log_.latest_snapshot();
  if (!snapshot.ok()) return snapshot.status();
  if (*snapshot) {
    HERD_RETURN_IF_ERROR(state_.load_snapshot_objects((*snapshot)->objects));
    cursor_ = (*snapshot)->cursor;
  }
  std::deque<api::Event> derived;
  uint64_t events_read = 0;
  while (true) {
    Result<events::ReadResult> read = log_.read(cursor_, events::ReadOptions{});
    if (!read.ok()) return read.status();
    if (read->events.empty()) break;
    for (const events::StoredEvent& stored : read->events) {
      Result<std::optional<api::Event>> shown = fold_state(stored.event);
      if (!shown.ok()) {
        return Status(shown.status().code(), "replaying " + stored.stream + "@" + std::to_string(stored.offset) + ": " +
                                                 shown.status().message());
      }
      if (*shown) derived.push_back(std::move(**shown));
      if (derived.size() > options_.derived_events) derived.pop_front();
    }
    events_read += read->events.size();
    cursor_ = std::move(read->next);
  }
  std::lock_guard<std::mutex> lock(mu_);
  revision_ = options_.revision_base;
  for (const auto& [key, record] : state_.objects()) {
    objects_.emplace(key, make_cached(key, record, ++revision_));
  }
  for (api::Event& e : derived) add_derived(std::move(e), false);
  HERD_LOG(kInfo, "watch") << "cache loaded " << state_.objects().size() << " objects and " << derived_keys_.size()
                           << " events derived from " << events_read << " log events; revision " << revision_;
  return Status();
}

Result<std::optional<api::Event>> WatchCache::fold_state(const events::Event& event) {
  std::string key = event.object_key();
  // Only a deletion needs the object as it was (its owner); copying it for
  // every event would cost a copy per fold.
  std::optional<api::Object> before;
  if (event.type == events::types::kObjectDeleted) {
    if (auto it = state_.objects().find(key); it != state_.objects().end()) before = it->second.object;
  }
  HERD_RETURN_IF_ERROR(state_.apply(event));
  ObjectLookup lookup = [this](const std::string& k) -> const api::Object* {
    auto it = state_.objects().find(k);
    return it == state_.objects().end() ? nullptr : &it->second.object;
  };
  return kubernetes_event(event, before ? &*before : nullptr, lookup);
}

// REQUIRES: mu_ held.
void WatchCache::add_derived(api::Event event, bool publish_it) {
  std::string key = events::object_key("Event", event.metadata.namespace_, event.metadata.name);
  if (objects_.count(key) != 0) return;  // the same log event seen again
  auto cached = std::make_shared<CachedObject>();
  cached->kind = api::find_kind("Event");
  cached->key = key;
  cached->object = std::move(event);
  cached->seq = 1;
  cached->revision = ++revision_;
  api::meta(cached->object).resource_version = std::to_string(cached->revision);
  objects_.emplace(key, cached);
  derived_keys_.push_back(key);
  if (publish_it) publish(Change{ChangeType::kAdded, cached, nullptr, cached->revision});
  while (derived_keys_.size() > options_.derived_events) {
    auto oldest = objects_.find(derived_keys_.front());
    derived_keys_.pop_front();
    if (oldest == objects_.end()) continue;
    CachedPtr gone = oldest->second;
    objects_.erase(oldest);
    if (!publish_it) continue;
    auto dropped = std::make_shared<CachedObject>(*gone);
    dropped->revision = ++revision_;
    api::meta(dropped->object).resource_version = std::to_string(dropped->revision);
    publish(Change{ChangeType::kDeleted, dropped, gone, dropped->revision});
  }
}

void WatchCache::follow() {
  events::ReadOptions read_options;
  read_options.wait = options_.follow_wait;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
    }
    Result<events::ReadResult> read = log_.read(cursor_, read_options);
    if (!read.ok()) {
      HERD_LOG(kWarning, "watch") << "following the log: " << read.status().message() << "; retrying";
      {
        std::lock_guard<std::mutex> lock(mu_);
        follower_status_ = read.status();
      }
      std::this_thread::sleep_for(kRetryAfterError);
      continue;
    }
    for (const events::StoredEvent& stored : read->events) fold(stored.event);
    cursor_ = std::move(read->next);
    if (!read->events.empty()) {
      std::lock_guard<std::mutex> lock(mu_);
      follower_status_ = Status();
      folded_.notify_all();
    }
  }
}

void WatchCache::fold(const events::Event& event) {
  std::string key = event.object_key();
  Result<std::optional<api::Event>> shown = fold_state(event);
  if (!shown.ok()) {
    // The control plane replays the same log and would have refused to
    // start on it; an event that does not fold here is damage to report.
    HERD_LOG(kError, "watch") << "event " << event.id << " (" << event.type << " " << key << "): "
                              << shown.status().message();
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  publish_object(key, event);
  if (*shown) add_derived(std::move(**shown), true);
}

// REQUIRES: mu_ held.
void WatchCache::publish_object(const std::string& key, const events::Event& event) {
  auto now = state_.objects().find(key);
  auto before = objects_.find(key);
  CachedPtr previous = before == objects_.end() ? nullptr : before->second;
  if (now == state_.objects().end()) {
    if (previous == nullptr) return;  // a delete of an object never seen live
    auto gone = std::make_shared<CachedObject>(*previous);
    gone->seq = event.seq;
    gone->revision = ++revision_;
    api::meta(gone->object).resource_version = std::to_string(gone->revision);
    objects_.erase(before);
    tombstones_[key] = Tombstone{event.seq, gone->revision};
    uint64_t revision = gone->revision;
    publish(Change{ChangeType::kDeleted, std::move(gone), std::move(previous), revision});
    return;
  }
  if (previous != nullptr && previous->seq == now->second.seq) return;  // skipped by the fold
  CachedPtr after = make_cached(key, now->second, ++revision_);
  objects_[key] = after;
  tombstones_.erase(key);
  uint64_t revision = after->revision;
  publish(Change{previous == nullptr ? ChangeType::kAdded : ChangeType::kModified, std::move(after),
                 std::move(previous), revision});
}

// REQUIRES: mu_ held.
void WatchCache::publish(Change change) {
  for (auto it = watchers_.begin(); it != watchers_.end();) {
    if (wanted(it->second, *change.object) && !it->second.sink(change)) {
      it = watchers_.erase(it);
    } else {
      ++it;
    }
  }
  window_.push_back(std::move(change));
  while (window_.size() > options_.window) {
    const Change& oldest = window_.front();
    if (oldest.type == ChangeType::kDeleted) {
      auto t = tombstones_.find(oldest.object->key);
      if (t != tombstones_.end() && t->second.revision == oldest.object->revision) tombstones_.erase(t);
    }
    window_.pop_front();
  }
}

bool WatchCache::wanted(const Watcher& w, const CachedObject& o) {
  if (w.kind != o.kind->kind) return false;
  return w.namespace_.empty() || api::meta(o.object).namespace_ == w.namespace_;
}

uint64_t WatchCache::revision() const {
  std::lock_guard<std::mutex> lock(mu_);
  return revision_;
}

CachedPtr WatchCache::get(std::string_view kind, std::string_view namespace_, std::string_view name) const {
  std::string key = events::object_key(kind, namespace_, name);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = objects_.find(key);
  return it == objects_.end() ? nullptr : it->second;
}

Listing WatchCache::list(std::string_view kind, std::string_view namespace_) const {
  // Keys are kind/namespace/name, so one kind (in one namespace) is a range.
  std::string prefix = std::string(kind) + "/";
  if (!namespace_.empty()) prefix += std::string(namespace_) + "/";
  Listing listing;
  std::lock_guard<std::mutex> lock(mu_);
  listing.revision = revision_;
  for (auto it = objects_.lower_bound(prefix); it != objects_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    listing.objects.push_back(it->second);
  }
  return listing;
}

Result<std::pair<CachedPtr, uint64_t>> WatchCache::wait_for(const std::string& key, uint64_t seq,
                                                             std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  std::optional<std::pair<CachedPtr, uint64_t>> found;
  auto reached = [&] {
    if (auto it = objects_.find(key); it != objects_.end() && it->second->seq >= seq) {
      found.emplace(it->second, it->second->revision);
      return true;
    }
    if (auto t = tombstones_.find(key); t != tombstones_.end() && t->second.seq >= seq) {
      found.emplace(nullptr, t->second.revision);
      return true;
    }
    return false;
  };
  if (!folded_.wait_for(lock, timeout, reached)) {
    return Status::unavailable("the API's view of the log did not reach " + key + " seq " + std::to_string(seq) +
                               " within " + std::to_string(timeout.count()) + " ms" +
                               (follower_status_.ok() ? "" : " (" + follower_status_.message() + ")"));
  }
  return std::move(*found);
}

WatchStart WatchCache::watch(std::string kind, std::string namespace_, uint64_t from, ChangeSink sink) {
  std::lock_guard<std::mutex> lock(mu_);
  WatchStart start;
  start.oldest_revision = window_.empty() ? revision_ : window_.front().object->revision - 1;
  Watcher watcher{std::move(kind), std::move(namespace_), std::move(sink)};
  if (from == 0) {
    std::string prefix = watcher.kind + "/";
    if (!watcher.namespace_.empty()) prefix += watcher.namespace_ + "/";
    for (auto it = objects_.lower_bound(prefix);
         it != objects_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
      if (!watcher.sink(Change{ChangeType::kAdded, it->second, nullptr, it->second->revision})) return start;
    }
  } else if (from < start.oldest_revision || from > revision_) {
    // A revision from the future is from another run too (or made up).
    start.too_old = true;
    return start;
  } else {
    for (const Change& change : window_) {
      if (change.object->revision <= from || !wanted(watcher, *change.object)) continue;
      if (!watcher.sink(change)) return start;
    }
  }
  start.id = next_watcher_++;
  watchers_.emplace(start.id, std::move(watcher));
  return start;
}

void WatchCache::unwatch(uint64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  watchers_.erase(id);
}

void WatchCache::send_bookmarks() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = watchers_.begin(); it != watchers_.end();) {
    if (!it->second.sink(Change{ChangeType::kBookmark, nullptr, nullptr, revision_})) {
      it = watchers_.erase(it);
    } else {
      ++it;
    }
  }
}

Status WatchCache::follower_status() const {
  std::lock_guard<std::mutex> lock(mu_);
  return follower_status_;
}

}  // namespace herd::server::watch
