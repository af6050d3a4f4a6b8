// yaml-cpp's event parser -> Value, with a position on every node.
// yaml-cpp reports syntax errors by throwing; this file is the one place
// they are caught and turned into a SyntaxError (STYLE.md 2.5).

#include <map>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "codec/utf8.hpp"
#include "herd/api/codec.hpp"

namespace herd::api {
namespace {

SourcePos to_pos(const YAML::Mark& mark) { return SourcePos{mark.line + 1, mark.column + 1}; }

// Builds Values from parser events. Errors found here (duplicate keys, depth,
// size) are recorded and stop the build; the parser itself may still throw.
class ValueBuilder : public YAML::EventHandler {
 public:
  std::vector<Value> documents;
  std::optional<SyntaxError> error;

  void OnDocumentStart(const YAML::Mark&) override { stack_.clear(); }
  void OnDocumentEnd() override {
    if (!error) documents.push_back(std::move(root_));
    root_ = Value();
  }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Value v;
    v.set_pos(to_pos(mark));
    add(std::move(v), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) return fail(mark, "unknown alias");
    // Count the copy before making it, so "billion laughs" stops early.
    nodes_ += it->second.size - 1;
    if (nodes_ > kMaxNodes) return fail(mark, "more than " + std::to_string(kMaxNodes) + " nodes");
    add(it->second.value, 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    Value v = (tag == "?") ? resolve_plain_scalar(value) : Value::string(value);
    v.set_pos(to_pos(mark));
    add(std::move(v), anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Value::array(), mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Value::object(), mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Value node;
    YAML::anchor_t anchor;
    std::optional<Value> pending_key;  // maps: key read, value not yet
    Value::Object merged;              // maps: members from `<<` merge keys
  };

  void fail(const YAML::Mark& mark, std::string message) { fail_at(to_pos(mark), std::move(message)); }
  void fail_at(SourcePos pos, std::string message) {
    if (!error) error = SyntaxError{pos, std::move(message)};
  }

  void open(Value node, const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (stack_.size() >= kMaxNestingDepth) {
      fail(mark, "nesting deeper than " + std::to_string(kMaxNestingDepth) + " levels");
    }
    node.set_pos(to_pos(mark));
    stack_.push_back(Frame{std::move(node), anchor, std::nullopt, {}});
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    // Keys written in the map win over merged ones, wherever they appear.
    for (Value::Member& m : frame.merged) {
      if (frame.node.find(m.key) == nullptr) frame.node.as_object().push_back(std::move(m));
    }
    add(std::move(frame.node), frame.anchor);
  }

  void add(Value v, YAML::anchor_t anchor) {
    if (error) return;
    if (++nodes_ > kMaxNodes) return fail_at(v.pos(), "more than " + std::to_string(kMaxNodes) + " nodes");
    if (anchor != 0) anchors_[anchor] = Anchored{v, count_nodes(v)};
    if (stack_.empty()) {
      root_ = std::move(v);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_array()) {
      top.node.push_back(std::move(v));
    } else if (!top.pending_key) {
      if (!v.is_scalar() || v.is_null()) return fail_at(v.pos(), "mapping keys must be non-empty scalars");
      top.pending_key = std::move(v);
    } else {
      add_member(top, std::move(v));
    }
  }

  void add_member(Frame& top, Value v) {
    Value key = std::move(*top.pending_key);
    top.pending_key.reset();
    std::string name = key.scalar_text();
    if (name == "<<" && key.is_string()) return merge(top.merged, v);
    if (const Value::Member* existing = top.node.find_member(name)) {
      return fail_at(key.pos(), "duplicate key \"" + name + "\" (first at line " +
                                    std::to_string(existing->key_pos.line) + ")");
    }
    top.node.as_object().push_back(Value::Member{std::move(name), std::move(v), key.pos()});
  }

  // YAML 1.1 merge key: collect the merged maps' members; the first map
  // that sets a key wins.
  void merge(Value::Object& merged, const Value& source) {
    if (source.is_array()) {
      for (const Value& item : source.as_array()) merge(merged, item);
      return;
    }
    if (!source.is_object()) return fail_at(source.pos(), "merge key \"<<\" needs a mapping");
    for (const Value::Member& m : source.as_object()) {
      bool seen = false;
      for (const Value::Member& existing : merged) seen = seen || existing.key == m.key;
      if (!seen) merged.push_back(m);
    }
  }

  std::vector<Frame> stack_;
  Value root_;
  struct Anchored {
    Value value;
    std::size_t size;
  };
  static std::size_t count_nodes(const Value& v) {
    std::size_t n = 1;
    if (v.is_array()) {
      for (const Value& item : v.as_array()) n += count_nodes(item);
    } else if (v.is_object()) {
      for (const Value::Member& m : v.as_object()) n += count_nodes(m.value);
    }
    return n;
  }

  std::map<YAML::anchor_t, Anchored> anchors_;
  std::size_t nodes_ = 0;
};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::size_t indent_of(std::string_view line) { return line.find_first_not_of(' '); }

bool is_blank_or_comment(std::string_view line) {
  std::size_t i = indent_of(line);
  return i == std::string_view::npos || line[i] == '#' || line[i] == '\r';
}

std::string_view strip_comment(std::string_view line) {
  std::size_t hash = line.find(" #");
  if (hash != std::string_view::npos) line = line.substr(0, hash);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

// yaml-cpp stops where the text stops making sense, which for the commonest
// indentation mistakes is a line or two after the cause: a block scalar
// (`key: |`) whose text is not indented under the key, or a list under
// `key:` that starts left of the key. Finds such a cause just above
// `error_line` and returns where it is and what is wrong.
std::optional<SyntaxError> indentation_cause(std::string_view text, int error_line) {
  std::vector<std::string_view> lines = split_lines(text);
  constexpr int kLookBack = 6;
  for (int i = std::min<int>(error_line, lines.size()) - 1; i >= 1 && i >= error_line - kLookBack; --i) {
    std::string_view key_line = strip_comment(lines[i - 1]);
    std::size_t indent = indent_of(key_line);
    if (indent == std::string_view::npos) continue;
    std::size_t key_col = indent;
    if (key_line.substr(indent, 2) == "- ") key_col += 2;
    std::size_t colon = key_line.find(':', key_col);
    if (colon == std::string_view::npos) continue;
    std::string_view rest = key_line.substr(colon + 1);
    bool block_scalar = rest.size() >= 2 && rest[0] == ' ' && (rest[1] == '|' || rest[1] == '>');
    bool empty_value = rest.empty();
    if (!block_scalar && !empty_value) continue;
    int j = i + 1;
    while (j <= static_cast<int>(lines.size()) && is_blank_or_comment(lines[j - 1])) ++j;
    if (j > static_cast<int>(lines.size())) continue;
    std::size_t next_indent = indent_of(lines[j - 1]);
    std::string quoted = "\"" + std::string(key_line.substr(key_col)) + "\" on line " + std::to_string(i);
    std::string key = std::string(key_line.substr(key_col, colon - key_col));
    if (block_scalar && next_indent <= key_col) {
      return SyntaxError{SourcePos{j, static_cast<int>(next_indent) + 1},
                         "the text of the block scalar " + quoted + " must be indented more than \"" + key + "\""};
    }
    if (empty_value && lines[j - 1].substr(next_indent, 2) == "- " && next_indent < key_col) {
      return SyntaxError{SourcePos{j, static_cast<int>(next_indent) + 1},
                         "the list under " + quoted + " must be indented at least as far as \"" + key + "\""};
    }
  }
  return std::nullopt;
}

}  // namespace

ParsedText parse_yaml(std::string_view text) {
  if (std::optional<SyntaxError> bad = find_invalid_utf8(text)) return ParsedText{{}, std::move(bad)};
  std::istringstream stream{std::string(text)};
  ValueBuilder builder;
  try {
    YAML::Parser parser(stream);
    while (!builder.error && parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    if (!builder.error) {
      SyntaxError error{to_pos(e.mark), e.msg};
      if (std::optional<SyntaxError> cause = indentation_cause(text, error.pos.line)) {
        error = SyntaxError{cause->pos, e.msg + " (" + cause->message + ")"};
      }
      builder.error = std::move(error);
    }
  }
  return ParsedText{std::move(builder.documents), std::move(builder.error)};
}

ParsedText parse_manifest_text(std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
    return parse_json(text);
  }
  return parse_yaml(text);
}

}  // namespace herd::api
