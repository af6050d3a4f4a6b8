#include "deployment/deployment_util.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/events/event.hpp"

namespace herd::actors::deployment {
namespace {

constexpr int32_t kDefaultProgressDeadlineSeconds = 600;
constexpr int32_t kDefaultRevisionHistoryLimit = 10;
constexpr int32_t kNever = std::numeric_limits<int32_t>::max();

// Resolves one bound; a value validation would have rejected counts as 0.
int32_t scaled(const std::optional<api::IntOrString>& v, const char* fallback, int32_t total, bool round_up) {
  api::IntOrString value = v ? *v : api::IntOrString::from_string(fallback);
  Result<int32_t> r = value.scaled_value(total, round_up);
  return r.ok() ? std::max(r.value(), 0) : 0;
}

bool skip_copy(std::string_view key) {
  return key == kRevisionAnnotation || key == kDesiredReplicasAnnotation || key == kMaxReplicasAnnotation ||
         key == kRollbackToAnnotation || key == kLastAppliedAnnotation ||
         key == "deployment.kubernetes.io/revision-history";
}

}  // namespace

int32_t desired_replicas(const api::Deployment& d) { return d.spec.replicas.value_or(1); }

int32_t rs_replicas(const api::ReplicaSet& rs) { return rs.spec.replicas.value_or(1); }

bool is_rolling_update(const api::Deployment& d) { return d.spec.strategy.type != "Recreate"; }

std::optional<int32_t> progress_deadline_seconds(const api::Deployment& d) {
  int32_t s = d.spec.progress_deadline_seconds.value_or(kDefaultProgressDeadlineSeconds);
  if (s == kNever) return std::nullopt;
  return s;
}

std::optional<int32_t> revision_history_limit(const api::Deployment& d) {
  int32_t n = d.spec.revision_history_limit.value_or(kDefaultRevisionHistoryLimit);
  if (n == kNever) return std::nullopt;
  return std::max(n, 0);
}

Fenceposts resolve_fenceposts(const api::Deployment& d) {
  Fenceposts f;
  if (!is_rolling_update(d)) return f;
  int32_t replicas = desired_replicas(d);
  std::optional<api::RollingUpdateDeployment> ru = d.spec.strategy.rolling_update;
  f.max_surge = scaled(ru ? ru->max_surge : std::nullopt, "25%", replicas, true);
  f.max_unavailable = scaled(ru ? ru->max_unavailable : std::nullopt, "25%", replicas, false);
  if (f.max_surge == 0 && f.max_unavailable == 0) f.max_surge = 1;
  return f;
}

int32_t max_surge(const api::Deployment& d) { return resolve_fenceposts(d).max_surge; }

int32_t max_unavailable(const api::Deployment& d) {
  int32_t replicas = desired_replicas(d);
  if (!is_rolling_update(d) || replicas == 0) return 0;
  return std::min(resolve_fenceposts(d).max_unavailable, replicas);
}

api::Value template_value(const api::PodTemplateSpec& t) {
  // encode_object takes whole objects; a Deployment carrying only the template is the wrapper.
  api::Deployment wrapper;
  wrapper.spec.pod_template = t;
  api::Value doc = api::encode_object(wrapper);
  const api::Value* spec = doc.find("spec");
  const api::Value* tmpl = spec ? spec->find("template") : nullptr;
  return tmpl ? *tmpl : api::Value::object();
}

uint32_t fnv1a32(std::string_view data, uint32_t hash) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

std::string safe_encode(std::string_view s) {
  static constexpr std::string_view kAlphanums = "bcdfghjklmnpqrstvwxz2456789";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) out += kAlphanums[c % kAlphanums.size()];
  return out;
}

std::string template_hash(const api::PodTemplateSpec& t, std::optional<int32_t> collision_count) {
  uint32_t hash = fnv1a32(api::to_json(template_value(without_hash(t))));
  if (collision_count) {
    auto n = static_cast<uint32_t>(*collision_count);
    char bytes[8] = {static_cast<char>(n & 0xff), static_cast<char>((n >> 8) & 0xff),
                     static_cast<char>((n >> 16) & 0xff), static_cast<char>((n >> 24) & 0xff), 0, 0, 0, 0};
    hash = fnv1a32(std::string_view(bytes, sizeof bytes), hash);
  }
  return safe_encode(std::to_string(hash));
}

api::PodTemplateSpec without_hash(api::PodTemplateSpec t) {
  t.metadata.labels.erase(std::string(kPodTemplateHashLabel));
  return t;
}

bool equal_ignore_hash(const api::PodTemplateSpec& a, const api::PodTemplateSpec& b) {
  return without_hash(a) == without_hash(b);
}

std::optional<int64_t> parse_int(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<int64_t> int_annotation(const api::ObjectMeta& m, std::string_view key) {
  auto it = m.annotations.find(std::string(key));
  if (it == m.annotations.end()) return std::nullopt;
  return parse_int(it->second);
}

int64_t revision_of(const api::ObjectMeta& m) { return int_annotation(m, kRevisionAnnotation).value_or(0); }

bool copy_deployment_annotations(const api::Deployment& d, api::ReplicaSet& rs) {
  bool changed = false;
  for (const auto& [key, value] : d.metadata.annotations) {
    if (skip_copy(key)) continue;
    auto [it, inserted] = rs.metadata.annotations.try_emplace(key, value);
    if (!inserted && it->second == value) continue;
    it->second = value;
    changed = true;
  }
  return changed;
}

bool set_replicas_annotations(api::ReplicaSet& rs, int32_t desired, int32_t max) {
  bool changed = false;
  for (auto [key, value] : {std::pair{kDesiredReplicasAnnotation, desired}, std::pair{kMaxReplicasAnnotation, max}}) {
    std::string& slot = rs.metadata.annotations[std::string(key)];
    if (slot == std::to_string(value)) continue;
    slot = std::to_string(value);
    changed = true;
  }
  return changed;
}

const api::OwnerReference* controller_of(const api::ObjectMeta& m) {
  for (const api::OwnerReference& ref : m.owner_references) {
    if (ref.controller.value_or(false)) return &ref;
  }
  return nullptr;
}

std::string format_seconds(Clock::TimePoint t) {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  std::string full = events::format_time(ns);
  std::size_t dot = full.find('.');
  return dot == std::string::npos ? full : full.substr(0, dot) + "Z";
}

api::Condition new_condition(std::string_view type, std::string_view status, std::string_view reason,
                             std::string message, Clock::TimePoint now) {
  api::Condition c;
  c.type = std::string(type);
  c.status = std::string(status);
  c.reason = std::string(reason);
  c.message = std::move(message);
  c.last_update_time = format_seconds(now);
  c.last_transition_time = c.last_update_time;
  return c;
}

const api::Condition* find_condition(const api::DeploymentStatus& s, std::string_view type) {
  for (const api::Condition& c : s.conditions) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

void set_condition(api::DeploymentStatus& s, api::Condition c) {
  const api::Condition* current = find_condition(s, c.type);
  if (current && current->status == c.status && current->reason == c.reason) return;
  if (current && current->status == c.status) c.last_transition_time = current->last_transition_time;
  remove_condition(s, c.type);
  s.conditions.push_back(std::move(c));
}

void remove_condition(api::DeploymentStatus& s, std::string_view type) {
  std::erase_if(s.conditions, [&](const api::Condition& c) { return c.type == type; });
}

}  // namespace herd::actors::deployment
