#include "event_generator.hpp"

#include <chrono>
#include <cinttypes>
#include <cstdio>

#include "herd/api/config.hpp"
#include "herd/api/manifest.hpp"
#include "herd/api/object.hpp"
#include "herd/base/check.hpp"
#include "herd/events/event_types.hpp"

namespace herd::bench {
namespace {

constexpr const char* kNamespace = "bench";
constexpr const char* kActor = "controller:herd-bench";

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Deterministic uids, so that the baselines' records equal herd's in size and
// a re-run makes the same objects: "00000000-0000-4000-8000-<48-bit id>".
std::string uid_for(uint64_t id) {
  char out[40];
  std::snprintf(out, sizeof out, "00000000-0000-4000-8000-%012" PRIx64,
                static_cast<uint64_t>(id & 0xFFFFFFFFFFFFull));
  return out;
}

// Letters from a fixed linear congruential sequence: padding that does not
// compress to nothing if a layer below ever compresses, and is the same in
// every run.
std::string make_pad(std::size_t size) {
  std::string pad(size, 'a');
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (char& c : pad) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    c = static_cast<char>('a' + (x >> 33) % 26);
  }
  return pad;
}

api::Value encoded_config_map(const std::string& pad) {
  api::ConfigMap config_map;
  config_map.api_version = "v1";
  config_map.kind = "ConfigMap";
  config_map.metadata.name = "bench";
  config_map.metadata.namespace_ = kNamespace;
  config_map.data["pad"] = pad;
  config_map.data["seq"] = "0";
  return api::encode_object(api::Object{std::move(config_map)});
}

}  // namespace

EventGenerator::EventGenerator(std::size_t target_size, std::size_t objects_per_thread)
    : objects_per_thread_(objects_per_thread), object_template_(encoded_config_map("")) {
  HERD_CHECK(objects_per_thread_ > 0) << "objects_per_thread must be positive";
  // Calibrate on the mean size of the same sample the figures use.
  auto bare = static_cast<std::size_t>(sample_mean_size() + 0.5);
  pad_ = make_pad(target_size > bare ? target_size - bare : 0);
  object_template_ = encoded_config_map(pad_);
  mean_encoded_size_ = sample_mean_size();
}

events::Event EventGenerator::make(const EventSlot& slot) const {
  uint64_t object = slot.index % objects_per_thread_;
  uint64_t seq = slot.index / objects_per_thread_ + 1;
  std::string name = "bench-t" + std::to_string(slot.thread) + "-o" + std::to_string(object);
  events::Event e = make_object_event(name, seq);
  e.uid = uid_for((static_cast<uint64_t>(slot.thread) << 32) | object);
  e.data.find("object")->find("metadata")->set("uid", api::Value::string(e.uid));
  return e;
}

events::Event EventGenerator::warmup() const {
  events::Event e = make_object_event("bench-warmup", 1);
  e.uid = uid_for(0xFFFFFFFFFFFFull);
  e.data.find("object")->find("metadata")->set("uid", api::Value::string(e.uid));
  return e;
}

events::Event EventGenerator::make_object_event(const std::string& name, uint64_t seq) const {
  api::Value object = object_template_;
  object.find("metadata")->set("name", api::Value::string(name));
  object.find("data")->set("seq", api::Value::string(std::to_string(seq)));

  events::Event e;
  e.id = events::new_uuid();
  e.type = std::string(seq == 1 ? events::types::kObjectCreated : events::types::kObjectUpdated);
  e.kind = "ConfigMap";
  e.namespace_ = kNamespace;
  e.name = name;
  e.seq = seq;
  e.time_ns = now_ns();
  e.actor = kActor;
  e.data = api::Value::object();
  e.data.set("object", std::move(object));
  if (seq > 1) {
    api::Value changed = api::Value::array();
    changed.push_back(api::Value::string("data.seq"));
    e.data.set("changed", std::move(changed));
  }
  return e;
}

double EventGenerator::sample_mean_size() const {
  constexpr int kSamples = 256;
  uint64_t total = 0;
  for (int i = 0; i < kSamples; ++i) {
    // Spread over creations and updates with seqs of one to four digits.
    uint64_t index = static_cast<uint64_t>(i) * i * objects_per_thread_ / 8 + i;
    total += events::encode_event(make({i % 4, index})).size();
  }
  return static_cast<double>(total) / kSamples;
}

EventSlot interleaved_slot(uint64_t n, int threads, std::size_t batch) {
  uint64_t batch_number = n / batch;
  uint64_t round = batch_number / static_cast<uint64_t>(threads);
  return EventSlot{static_cast<int>(batch_number % static_cast<uint64_t>(threads)),
                   round * batch + n % batch};
}

}  // namespace herd::bench
