#include "herd/cli/herd_log_commands.hpp"

#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "herd/api/manifest.hpp"
#include "herd/cli/manifest_files.hpp"
#include "herd/events/cluster_state.hpp"
#include "herd/events/event_types.hpp"
#include "herd/events/log_factory.hpp"

namespace herd::cli {
namespace {

Result<std::unique_ptr<events::EventLog>> open_log(const LogLocation& log) {
  events::LogOptions options;
  options.encryption_key_file = log.encryption_key;
  return events::open_event_log(log.uri, options);
}

int fail(std::ostream& err, const Status& status) {
  err << "error: " << status.message() << "\n";
  return 1;
}

std::string object_name(const events::Event& e) {
  return e.kind + " " + (e.namespace_.empty() ? e.name : e.namespace_ + "/" + e.name);
}

std::string tail_line(const events::Event& e) {
  std::string time = events::format_time(e.time_ns);
  time = time.substr(0, 23) + "Z";  // milliseconds are enough to read
  std::ostringstream line;
  line << time << "  " << std::left << std::setw(26) << e.type << " " << std::setw(36) << object_name(e) << " "
       << std::setw(24) << (e.actor.empty() ? "-" : e.actor);
  std::string summary = events::summarize(e);
  if (!summary.empty()) line << " " << summary;
  std::string text = line.str();
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace

int run_log_replay(const LogLocation& log, bool snapshot, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<events::EventLog>> opened = open_log(log);
  if (!opened.ok()) return fail(err, opened.status());
  events::ClusterState state;
  auto started = std::chrono::steady_clock::now();
  Result<events::ReplayStats> stats = events::replay(**opened, state);
  if (!stats.ok()) return fail(err, stats.status());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  out << "events: " << stats->events_read;
  if (stats->from_snapshot) out << " after a snapshot of " << stats->snapshot_objects << " objects";
  if (state.skipped_events() > 0) out << " (" << state.skipped_events() << " already in the snapshot)";
  out << "\n";
  out << "objects: " << state.objects().size() << "\n";
  for (const auto& [kind, count] : state.count_by_kind()) out << "  " << std::left << std::setw(24) << kind << count << "\n";
  out << "replay: " << std::fixed << std::setprecision(3) << seconds << " s\n";
  out << "digest: " << state.digest() << "\n";
  if (snapshot) {
    Status s = events::write_snapshot(**opened, state, stats->end);
    if (s.ok()) s = (*opened)->compact();
    if (!s.ok()) return fail(err, s);
    out << "snapshot: written (" << state.objects().size() << " objects)\n";
  }
  return 0;
}

int run_log_tail(const LogLocation& log, const TailOptions& options, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<events::EventLog>> opened = open_log(log);
  if (!opened.ok()) return fail(err, opened.status());
  events::Cursor cursor;
  events::ReadOptions read;
  read.kind = options.kind;
  while (true) {
    read.wait = options.follow ? std::chrono::milliseconds(500) : std::chrono::milliseconds(0);
    Result<events::ReadResult> batch = (*opened)->read(cursor, read);
    if (!batch.ok()) return fail(err, batch.status());
    for (const events::StoredEvent& e : batch->events) {
      out << (options.output == "json" ? events::encode_event(e.event) : tail_line(e.event)) << "\n";
    }
    out.flush();
    cursor = batch->next;
    if (batch->events.empty() && !options.follow) return 0;
    if (options.stop != nullptr && options.stop->load()) return 0;
  }
}

int run_log_import(const LogLocation& log, const ImportOptions& options, std::ostream& out, std::ostream& err) {
  Result<std::vector<ManifestFile>> files = read_manifest_files(options.files, false, std::cin);
  if (!files.ok()) return fail(err, files.status());
  std::vector<api::Object> objects;
  std::size_t errors = 0;
  for (const ManifestFile& file : *files) {
    api::Manifest m = api::decode_manifest(file.text, api::DecodeOptions{file.name, true});
    for (const api::Diagnostic& d : m.diagnostics) err << d.to_string() << "\n";
    errors += m.error_count();
    for (api::ManifestObject& o : m.objects) objects.push_back(std::move(o.object));
  }
  if (errors > 0) return 1;
  Result<std::unique_ptr<events::EventLog>> opened = open_log(log);
  if (!opened.ok()) return fail(err, opened.status());
  events::ClusterState state;
  Result<events::ReplayStats> replayed = events::replay(**opened, state);
  if (!replayed.ok()) return fail(err, replayed.status());
  std::vector<events::Event> batch;
  for (api::Object& object : objects) {
    api::ObjectMeta& meta = api::meta(object);
    if (meta.namespace_.empty() && api::kind_of(object).namespaced) meta.namespace_ = "default";
    std::string key = events::object_key(api::kind_of(object).kind, meta.namespace_, meta.name);
    auto existing = state.objects().find(key);
    std::string shown = std::string(api::kind_of(object).plural) + "/" + meta.name;
    if (existing == state.objects().end()) {
      meta.uid = events::new_uuid();
      meta.generation = 1;
      batch.push_back(events::object_created(object, options.actor));
      out << shown << " created\n";
      continue;
    }
    const api::ObjectMeta& old = api::meta(existing->second.object);
    meta.uid = old.uid;
    meta.generation = old.generation;
    meta.creation_timestamp = old.creation_timestamp;
    if (object == existing->second.object) {
      out << shown << " unchanged\n";
      continue;
    }
    meta.generation = old.generation + 1;
    batch.push_back(events::object_updated(existing->second.object, object, existing->second.seq + 1, options.actor));
    out << shown << " configured\n";
  }
  if (batch.empty()) return 0;
  Result<std::vector<events::StoredEvent>> stored = (*opened)->append_and_wait(std::move(batch));
  if (!stored.ok()) return fail(err, stored.status());
  return 0;
}

int run_log_copy(const LogLocation& from, const LogLocation& to, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<events::EventLog>> source = open_log(from);
  if (!source.ok()) return fail(err, source.status());
  Result<std::unique_ptr<events::EventLog>> target = open_log(to);
  if (!target.ok()) return fail(err, target.status());
  events::Cursor cursor;
  uint64_t copied = 0;
  while (true) {
    Result<events::ReadResult> batch = (*source)->read(cursor, events::ReadOptions{});
    if (!batch.ok()) return fail(err, batch.status());
    if (batch->events.empty()) break;
    std::vector<events::Event> events;
    events.reserve(batch->events.size());
    for (events::StoredEvent& e : batch->events) events.push_back(std::move(e.event));
    Result<std::vector<events::StoredEvent>> stored = (*target)->append_and_wait(std::move(events));
    if (!stored.ok()) return fail(err, stored.status().with_context("after " + std::to_string(copied) + " events"));
    copied += stored->size();
    cursor = batch->next;
  }
  out << "copied " << copied << " events\n";
  return 0;
}

}  // namespace herd::cli
