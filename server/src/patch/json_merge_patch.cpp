#include "patch/json_merge_patch.hpp"

#include <utility>

namespace herd::server::patch {

api::Value apply_merge_patch(api::Value target, const api::Value& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = api::Value::object();
  for (const api::Value::Member& m : patch.as_object()) {
    if (m.value.is_null()) {
      (void)target.take(m.key);  // Absent or not, the member is gone.
    } else if (api::Value* existing = target.find(m.key)) {
      *existing = apply_merge_patch(std::move(*existing), m.value);
    } else {
      // Merging into nothing still applies the patch's own nulls (RFC 7386's
      // {"a":{"bb":{"ccc":null}}} on {} gives {"a":{"bb":{}}}).
      target.set(m.key, apply_merge_patch(api::Value(), m.value));
    }
  }
  return target;
}

}  // namespace herd::server::patch
