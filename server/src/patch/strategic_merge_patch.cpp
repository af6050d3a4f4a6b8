#include "patch/strategic_merge_patch.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "herd/api/codec.hpp"
#include "patch/patch_strategy.hpp"

namespace herd::server::patch {
namespace {

using api::Value;

constexpr std::string_view kPatch = "$patch";
constexpr std::string_view kRetainKeys = "$retainKeys";
constexpr std::string_view kSetElementOrder = "$setElementOrder/";
constexpr std::string_view kDeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
constexpr std::size_t kNowhere = static_cast<std::size_t>(-1);

// What the model says of an object's members: they are the fields of `type`,
// or (map) each member is a `type`. With no type (maps of scalars, members
// the model does not know) members merge as plain values.
struct Shape {
  const api::TypeInfo* type = nullptr;
  bool map = false;
};

// What the model says of one member.
struct Field {
  Shape shape;                         // of its value; of each element, for a list
  const ListStrategy* list = nullptr;  // set when the list merges by key or as a set
};

Field field_of(Shape parent, std::string_view name) {
  if (parent.type == nullptr) return {};
  if (parent.map) return {Shape{parent.type, false}, nullptr};
  const api::FieldInfo* f = parent.type->find(name);
  if (f == nullptr) return {};
  return {Shape{f->type, f->map}, f->list ? list_strategy(parent.type->name, name) : nullptr};
}

std::string child_path(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

Status invalid_at(const std::string& path, const std::string& message) {
  return Status::invalid_argument(path.empty() ? message : path + ": " + message);
}

bool contains(const std::vector<Value>& values, const Value& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

std::size_t rank(const std::vector<Value>& ids, const Value& id) {
  auto it = std::find(ids.begin(), ids.end(), id);
  return it == ids.end() ? kNowhere : static_cast<std::size_t>(it - ids.begin());
}

// What names an element of a merging list: its merge key's value, or the
// scalar itself. Requires: the element was checked by identities().
const Value& identity(const Value& element, std::string_view key) {
  return key.empty() ? element : *element.find(key);
}

std::string no_key(std::size_t i, std::string_view key) {
  return "element " + std::to_string(i) + " has no \"" + std::string(key) +
         "\", the key this list merges by";
}

// Checks that `items` hold what a list with merge key `key` may hold
// (objects carrying the key; scalars when the key is empty) and returns
// their identities.
Result<std::vector<Value>> identities(const Value::Array& items, std::string_view key,
                                      const std::string& path) {
  std::vector<Value> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Value& e = items[i];
    if (key.empty() && !e.is_scalar()) {
      return invalid_at(path, "element " + std::to_string(i) + " is an " +
                                  std::string(e.type_name()) +
                                  "; this list merges as a set of scalars");
    }
    if (!key.empty() && (!e.is_object() || e.find(key) == nullptr)) {
      return invalid_at(path, no_key(i, key));
    }
    ids.push_back(identity(e, key));
  }
  return ids;
}

std::string element_path(const std::string& list_path, std::string_view key, const Value& id) {
  return list_path + "[" + (key.empty() ? "" : std::string(key) + "=") + id.scalar_text() + "]";
}

// The order Kubernetes gives a merged list (normalizeElementOrder and
// mergeSortedSlice in patch.go). Elements named in `wanted` come in its
// order; the others keep their order in `before`, the list as it was. The two
// runs are interleaved: an unnamed element goes out while it preceded the
// next named one in `before`; a named element new to the list had no place
// there, so it goes out as soon as its turn comes. E.g. before [a b c],
// wanted [b d]: unnamed [a c], named [b d]; a preceded b, c did not, d is
// new: [a b d c].
Value::Array reorder(Value::Array merged, std::string_view key, const std::vector<Value>& wanted,
                     const std::vector<Value>& before) {
  struct Ranked {
    Value value;
    std::size_t wanted;
    std::size_t before;
  };
  std::vector<Ranked> named;
  std::vector<Ranked> unnamed;
  for (Value& v : merged) {
    std::size_t w = rank(wanted, identity(v, key));
    std::size_t b = rank(before, identity(v, key));
    (w == kNowhere ? unnamed : named).push_back(Ranked{std::move(v), w, b});
  }
  std::stable_sort(named.begin(), named.end(),
                   [](const Ranked& l, const Ranked& r) { return l.wanted < r.wanted; });
  std::stable_sort(unnamed.begin(), unnamed.end(),
                   [](const Ranked& l, const Ranked& r) { return l.before < r.before; });
  Value::Array out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < unnamed.size() || j < named.size()) {
    bool take_unnamed = j == named.size() || (i < unnamed.size() && named[j].before != kNowhere &&
                                              unnamed[i].before < named[j].before);
    out.push_back(std::move(take_unnamed ? unnamed[i++].value : named[j++].value));
  }
  return out;
}

Result<Value> merge_object(Value original, const Value& patch, Shape shape,
                           const std::string& path);

// A list merged as a set: the union, without duplicates.
Result<Value::Array> merge_set(Value::Array original, const Value::Array& patch,
                               const std::string& path) {
  HERD_ASSIGN_OR_RETURN(std::vector<Value> before, identities(original, "", path));
  HERD_ASSIGN_OR_RETURN(std::vector<Value> wanted, identities(patch, "", path));
  Value::Array merged;
  std::vector<Value> seen;
  for (Value& v : original) {
    if (!contains(seen, v)) {
      seen.push_back(v);
      merged.push_back(std::move(v));
    }
  }
  for (const Value& v : patch) {
    if (!contains(seen, v)) {
      seen.push_back(v);
      merged.push_back(v);
    }
  }
  return reorder(std::move(merged), "", wanted, before);
}

// A list of objects merged by `field`'s merge key.
Result<Value::Array> merge_keyed(Value::Array original, const Value::Array& patch,
                                 const Field& field, const std::string& path) {
  std::string_view key = field.list->merge_key;
  Value::Array plain;  // the patch's elements without directives
  bool replace = false;
  for (std::size_t i = 0; i < patch.size(); ++i) {
    const Value* directive = patch[i].find(kPatch);
    if (directive == nullptr) {
      if (!patch[i].is_object() || patch[i].find(key) == nullptr) {
        return invalid_at(path, no_key(i, key));
      }
      plain.push_back(patch[i]);
    } else if (*directive == Value::string("replace")) {
      replace = true;
    } else if (*directive == Value::string("delete") && patch[i].find(key) != nullptr) {
      const Value& gone = *patch[i].find(key);
      std::erase_if(original, [&](const Value& e) {
        return e.is_object() && e.find(key) && *e.find(key) == gone;
      });
    } else {
      return invalid_at(path, "element " + std::to_string(i) +
                                  ": want {\"$patch\": \"delete\", \"" + std::string(key) +
                                  "\": ...} or {\"$patch\": \"replace\"}, not " +
                                  api::to_json(patch[i]));
    }
  }
  HERD_ASSIGN_OR_RETURN(std::vector<Value> wanted, identities(plain, key, path));
  if (replace) original.clear();
  HERD_ASSIGN_OR_RETURN(std::vector<Value> before, identities(original, key, path));
  for (std::size_t i = 0; i < plain.size(); ++i) {
    auto match = std::find_if(original.begin(), original.end(),
                              [&](const Value& e) { return identity(e, key) == wanted[i]; });
    std::string at = element_path(path, key, wanted[i]);
    if (match != original.end()) {
      HERD_ASSIGN_OR_RETURN(*match, merge_object(std::move(*match), plain[i], field.shape, at));
    } else {
      HERD_ASSIGN_OR_RETURN(Value added, merge_object(Value::object(), plain[i], field.shape, at));
      original.push_back(std::move(added));
    }
  }
  return reorder(std::move(original), key, wanted, before);
}

Result<Value::Array> merge_list(Value::Array original, const Value::Array& patch,
                                const Field& field, const std::string& path) {
  if (field.list->merge_key.empty()) return merge_set(std::move(original), patch, path);
  return merge_keyed(std::move(original), patch, field, path);
}

// The new value of a member the patch sets to `patch`; `original` is its
// old value (null when absent).
Result<Value> merge_member(Value original, const Value& patch, const Field& field,
                           const std::string& path) {
  if (patch.is_object()) {
    return merge_object(original.is_object() ? std::move(original) : Value::object(), patch,
                        field.shape, path);
  }
  if (patch.is_array() && field.list != nullptr) {
    Value::Array items = original.is_array() ? std::move(original.as_array()) : Value::Array();
    HERD_ASSIGN_OR_RETURN(Value::Array merged,
                          merge_list(std::move(items), patch.as_array(), field, path));
    return Value::array(std::move(merged));
  }
  return patch;  // scalars and atomic lists
}

// A directive's list: a field of `shape` that merges by key or as a set.
Result<Field> directive_list(Shape shape, std::string_view name, std::string_view directive,
                             const std::string& path) {
  Field field = field_of(shape, name);
  if (field.list == nullptr) {
    return invalid_at(path, std::string(directive) + std::string(name) +
                                ": not a list that merges by key or as a set");
  }
  return field;
}

// `$setElementOrder/<name>`: merges the patch's list `name` (if any) into the
// original's and puts the result in the order `order` gives.
Status apply_element_order(Value& original, const Value& patch, std::string_view name,
                           const Value& order, Shape shape, const std::string& path) {
  HERD_ASSIGN_OR_RETURN(Field field, directive_list(shape, name, kSetElementOrder, path));
  std::string list_path = child_path(path, name);
  std::string_view key = field.list->merge_key;
  if (!order.is_array()) return invalid_at(list_path, "$setElementOrder must be a list");
  HERD_ASSIGN_OR_RETURN(std::vector<Value> wanted, identities(order.as_array(), key, list_path));
  const Value* patch_list = patch.find(name);
  Value* current = original.find(name);
  bool has_current = current != nullptr && current->is_array();
  if (patch_list == nullptr && !has_current) return Status();
  if (patch_list != nullptr && !patch_list->is_array()) {
    return invalid_at(list_path, "must be a list when $setElementOrder names it");
  }
  Value::Array merged = has_current ? std::move(current->as_array()) : Value::Array();
  HERD_ASSIGN_OR_RETURN(std::vector<Value> before, identities(merged, key, list_path));
  if (patch_list != nullptr) {
    HERD_ASSIGN_OR_RETURN(merged,
                          merge_list(std::move(merged), patch_list->as_array(), field, list_path));
    // The patch's elements must come in the order the directive gives.
    std::size_t next = 0;
    for (const Value& e : patch_list->as_array()) {
      if (e.is_object() && e.find(kPatch) != nullptr) continue;
      const Value& id = identity(e, key);
      while (next < wanted.size() && wanted[next] != id) ++next;
      if (next == wanted.size()) {
        return invalid_at(list_path, "the patch lists " + id.scalar_text() +
                                         " out of the order $setElementOrder gives, or not at all");
      }
    }
  }
  original.set(std::string(name), Value::array(reorder(std::move(merged), key, wanted, before)));
  return Status();
}

// `$deleteFromPrimitiveList/<name>`: removes scalars from a set-like list.
Status delete_from_set(Value& original, std::string_view name, const Value& gone, Shape shape,
                       const std::string& path) {
  HERD_ASSIGN_OR_RETURN(Field field, directive_list(shape, name, kDeleteFromPrimitiveList, path));
  std::string list_path = child_path(path, name);
  if (!field.list->merge_key.empty()) {
    return invalid_at(list_path,
                      "$deleteFromPrimitiveList is for lists of scalars; this one merges by \"" +
                          std::string(field.list->merge_key) + "\"");
  }
  if (!gone.is_array()) return invalid_at(list_path, "$deleteFromPrimitiveList must be a list");
  HERD_ASSIGN_OR_RETURN(std::vector<Value> ids, identities(gone.as_array(), "", list_path));
  if (Value* current = original.find(name); current != nullptr && current->is_array()) {
    std::erase_if(current->as_array(), [&](const Value& v) { return contains(ids, v); });
  }
  return Status();
}

// `$retainKeys`: drops the original's members the list does not name.
Status retain_keys(Value& original, const Value& patch, const Value& keep,
                   const std::string& path) {
  if (!keep.is_array()) return invalid_at(path, "$retainKeys must be a list of field names");
  std::vector<Value> names;
  for (const Value& n : keep.as_array()) {
    if (!n.is_string()) return invalid_at(path, "$retainKeys must be a list of field names");
    names.push_back(n);
  }
  for (const Value::Member& m : patch.as_object()) {
    if (!m.value.is_null() && !m.key.starts_with('$') && !contains(names, Value::string(m.key))) {
      return invalid_at(path, "the patch sets \"" + m.key + "\" but $retainKeys does not name it");
    }
  }
  std::erase_if(original.as_object(),
                [&](const Value::Member& m) { return !contains(names, Value::string(m.key)); });
  return Status();
}

// Requires: `original` is an object (or null, taken as empty).
Result<Value> merge_object(Value original, const Value& patch, Shape shape,
                           const std::string& path) {
  if (const Value* directive = patch.find(kPatch)) {
    if (*directive == Value::string("delete")) return Value::object();
    if (*directive != Value::string("replace")) {
      return invalid_at(path, "$patch in an object must be \"replace\" or \"delete\", not " +
                                  api::to_json(*directive));
    }
    Value rest = patch;
    (void)rest.take(kPatch);
    return merge_object(Value::object(), rest, shape, path);
  }
  if (!original.is_object()) original = Value::object();
  if (const Value* keep = patch.find(kRetainKeys)) {
    HERD_RETURN_IF_ERROR(retain_keys(original, patch, *keep, path));
  }
  std::vector<std::string_view> ordered;  // lists $setElementOrder has merged
  for (const Value::Member& m : patch.as_object()) {
    if (!m.key.starts_with(kSetElementOrder)) continue;
    std::string_view name = std::string_view(m.key).substr(kSetElementOrder.size());
    HERD_RETURN_IF_ERROR(apply_element_order(original, patch, name, m.value, shape, path));
    ordered.push_back(name);
  }
  for (const Value::Member& m : patch.as_object()) {
    if (m.key == kRetainKeys || m.key.starts_with(kSetElementOrder) ||
        std::find(ordered.begin(), ordered.end(), m.key) != ordered.end()) {
      continue;
    }
    if (m.key.starts_with(kDeleteFromPrimitiveList)) {
      std::string_view name = std::string_view(m.key).substr(kDeleteFromPrimitiveList.size());
      HERD_RETURN_IF_ERROR(delete_from_set(original, name, m.value, shape, path));
    } else if (m.key.starts_with('$')) {
      return invalid_at(path, "unknown directive \"" + m.key + "\"");
    } else if (m.value.is_null()) {
      (void)original.take(m.key);
    } else {
      Value* existing = original.find(m.key);
      HERD_ASSIGN_OR_RETURN(
          Value merged, merge_member(existing != nullptr ? std::move(*existing) : Value(), m.value,
                                     field_of(shape, m.key), child_path(path, m.key)));
      if (existing != nullptr) {
        *existing = std::move(merged);
      } else {
        original.set(m.key, std::move(merged));
      }
    }
  }
  return original;
}

}  // namespace

Result<api::Value> apply_strategic_merge_patch(api::Value target, const api::Value& patch,
                                               const api::TypeInfo& type) {
  if (!patch.is_object()) {
    return Status::invalid_argument("a strategic merge patch must be a JSON object, not " +
                                    std::string(patch.type_name()));
  }
  return merge_object(std::move(target), patch, Shape{&type, false}, "");
}

}  // namespace herd::server::patch
