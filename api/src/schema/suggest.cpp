#include "schema/suggest.hpp"

#include <algorithm>
#include <deque>

namespace herd::api::schema {
namespace {

// One object level on the way from the root to the unknown key: the path
// text to it, its type, and the document node (nullptr if not written).
struct Level {
  std::string path;
  const TypeInfo* type;
  const Value* doc;
};

std::string join(const std::string& base, const std::string& rel) {
  if (base.empty()) return rel;
  if (rel.empty() || rel[0] == '[') return base + rel;
  return base + "." + rel;
}

const Value* child_of(const Value* v, const PathStep& s) {
  if (v == nullptr) return nullptr;
  if (s.type == PathStep::Type::kIndex) {
    if (!v->is_array() || s.index >= v->as_array().size()) return nullptr;
    return &v->as_array()[s.index];
  }
  return v->find(s.name);
}

// The object levels from the root down to the parent of the unknown key.
std::vector<Level> levels_to(const TypeInfo& root_type, const Value& root_doc,
                             const std::vector<PathStep>& steps) {
  std::vector<Level> levels{{"", &root_type, &root_doc}};
  std::string path;
  const TypeInfo* type = &root_type;
  const Value* doc = &root_doc;
  for (const PathStep& s : steps) {
    if (s.type == PathStep::Type::kField) {
      const FieldInfo* f = type ? type->find(s.name) : nullptr;
      type = (f && f->kind == ValueKind::kObject) ? f->type : nullptr;
      path = join(path, s.name);
    } else {
      path += "[" + (s.type == PathStep::Type::kIndex ? std::to_string(s.index) : s.name) + "]";
    }
    doc = child_of(doc, s);
    if (type == nullptr) break;
    if (doc == nullptr || doc->is_object()) levels.push_back({path, type, doc});
  }
  return levels;
}

// How many leading segments of `rel` (a relative path like
// "containers[0].livenessProbe") the document under `doc` already has.
int present_prefix(const Value* doc, const std::vector<std::string>& segments) {
  int n = 0;
  for (const std::string& seg : segments) {
    if (doc == nullptr) break;
    if (doc->is_array()) {
      if (doc->as_array().empty()) break;
      doc = &doc->as_array()[0];
    }
    doc = doc->find(seg);
    if (doc == nullptr) break;
    ++n;
  }
  return n;
}

struct Candidate {
  std::string rel;
  std::vector<std::string> segments;
};

// Fields named `key` in the subtree of `type`, at the smallest depth found.
std::vector<Candidate> find_in_subtree(const TypeInfo& type, std::string_view key) {
  std::deque<std::pair<const TypeInfo*, Candidate>> queue{{&type, Candidate{}}};
  std::vector<Candidate> found;
  constexpr int kMaxDepth = 4;
  for (int depth = 0; depth < kMaxDepth && found.empty() && !queue.empty(); ++depth) {
    std::size_t width = queue.size();
    for (std::size_t i = 0; i < width; ++i) {
      auto [t, at] = queue.front();
      queue.pop_front();
      for (const FieldInfo& f : t->fields) {
        if (f.name == "status") continue;  // users never write status: no hints there
        Candidate next = at;
        next.rel = join(at.rel, std::string(f.name));
        next.segments.push_back(std::string(f.name));
        if (f.name == key && depth > 0) {
          found.push_back(next);
        } else if (f.kind == ValueKind::kObject && !f.map) {
          if (f.list) next.rel += "[0]";
          queue.push_back({f.type, next});
        }
      }
    }
  }
  return found;
}

std::string spelling_hint(const Level& parent, std::string_view key) {
  if (key.size() <= 3) return "";
  std::string_view best;
  std::size_t best_distance = 3;
  for (const FieldInfo& f : parent.type->fields) {
    std::size_t d = edit_distance(key, f.name);
    if (d < best_distance) {
      best = f.name;
      best_distance = d;
    }
  }
  if (best.empty()) return "";
  return "did you mean " + join(parent.path, std::string(best)) + "?";
}

std::string empty_sibling_hint(const Level& parent, const Value& parent_value, std::size_t member_index) {
  if (member_index == 0) return "";
  const Value::Member& prev = parent_value.as_object()[member_index - 1];
  const Value::Member& self = parent_value.as_object()[member_index];
  if (!prev.value.is_null()) return "";
  const FieldInfo* f = parent.type->find(prev.key);
  if (f == nullptr) return "";
  std::string target;
  if (f->map && f->kind == ValueKind::kString) {
    target = join(parent.path, prev.key) + "[" + self.key + "]";
  } else if (f->kind == ValueKind::kObject && f->type->find(self.key) != nullptr) {
    target = join(parent.path, prev.key) + (f->list ? "[0]." : ".") + self.key;
  } else {
    return "";
  }
  return "did you mean " + target + "? (\"" + prev.key + ":\" on line " + std::to_string(prev.key_pos.line) +
         " has no value; indent this line under it)";
}

std::string ancestor_hint(const std::vector<Level>& levels, std::string_view key) {
  for (auto level = levels.rbegin(); level != levels.rend(); ++level) {
    std::vector<Candidate> found = find_in_subtree(*level->type, key);
    if (found.empty()) continue;
    auto best = std::max_element(found.begin(), found.end(), [&](const Candidate& a, const Candidate& b) {
      return present_prefix(level->doc, a.segments) < present_prefix(level->doc, b.segments);
    });
    return "did you mean " + join(level->path, best->rel) + "?";
  }
  return "";
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string suggest_field(const TypeInfo& root_type, const Value& root_doc,
                          const std::vector<PathStep>& parent, const Value& parent_value,
                          std::size_t member_index) {
  std::vector<Level> levels = levels_to(root_type, root_doc, parent);
  // The decoder only descends through fields of the model, so the last level
  // is the object holding the unknown key.
  const Level& here = levels.back();
  const std::string& key = parent_value.as_object()[member_index].key;
  if (std::string hint = spelling_hint(here, key); !hint.empty()) return hint;
  if (std::string hint = empty_sibling_hint(here, parent_value, member_index); !hint.empty()) return hint;
  return ancestor_hint(levels, key);
}

}  // namespace herd::api::schema
