// yaml-cpp's event parser -> Value, with a position on every node.
// yaml-cpp reports syntax errors by throwing; this file is the one place
// they are caught and turned into a SyntaxError (STYLE.md 2.5).

#include <map>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

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
    nodes_ += 1;
    add(it->second, 0);
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
    stack_.push_back(Frame{std::move(node), anchor, std::nullopt});
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(frame.node), frame.anchor);
  }

  void add(Value v, YAML::anchor_t anchor) {
    if (error) return;
    if (++nodes_ > kMaxNodes) return fail_at(v.pos(), "more than " + std::to_string(kMaxNodes) + " nodes");
    if (anchor != 0) anchors_[anchor] = v;
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
    if (name == "<<" && key.is_string()) return merge(top.node, v);
    if (const Value::Member* existing = top.node.find_member(name)) {
      return fail_at(key.pos(), "duplicate key \"" + name + "\" (first at line " +
                                    std::to_string(existing->key_pos.line) + ")");
    }
    top.node.as_object().push_back(Value::Member{std::move(name), std::move(v), key.pos()});
  }

  // YAML 1.1 merge key: copy members of the merged map(s) that are not set.
  void merge(Value& target, const Value& source) {
    if (source.is_array()) {
      for (const Value& item : source.as_array()) merge(target, item);
      return;
    }
    if (!source.is_object()) return fail_at(source.pos(), "merge key \"<<\" needs a mapping");
    for (const Value::Member& m : source.as_object()) {
      if (target.find(m.key) == nullptr) target.as_object().push_back(m);
    }
  }

  std::vector<Frame> stack_;
  Value root_;
  std::map<YAML::anchor_t, Value> anchors_;
  std::size_t nodes_ = 0;
};

}  // namespace

ParsedText parse_yaml(std::string_view text) {
  std::istringstream stream{std::string(text)};
  ValueBuilder builder;
  try {
    YAML::Parser parser(stream);
    while (!builder.error && parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    if (!builder.error) builder.error = SyntaxError{to_pos(e.mark), e.msg};
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
