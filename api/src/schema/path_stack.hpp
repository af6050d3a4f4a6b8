#pragma once

// Internal: the field path of the node a schema walker is at, kept both as
// steps (for suggestions that navigate the model) and as text (for messages).

#include <string>
#include <string_view>
#include <vector>

#include "herd/api/field_errors.hpp"

namespace herd::api::schema {

struct PathStep {
  enum class Type { kField, kIndex, kKey };
  Type type;
  std::string name;  ///< Field name or map key.
  std::size_t index = 0;
};

class PathStack {
 public:
  void push_field(std::string_view name) { push({PathStep::Type::kField, std::string(name), 0}); }
  void push_index(std::size_t i) { push({PathStep::Type::kIndex, {}, i}); }
  void push_key(std::string_view key) { push({PathStep::Type::kKey, std::string(key), 0}); }
  void pop() {
    steps_.pop_back();
    text_.resize(lengths_.back());
    lengths_.pop_back();
  }
  const std::vector<PathStep>& steps() const { return steps_; }
  const std::string& text() const { return text_; }
  FieldPath field_path() const { return FieldPath(text_); }

 private:
  void push(PathStep step) {
    lengths_.push_back(text_.size());
    switch (step.type) {
      case PathStep::Type::kField:
        if (!text_.empty()) text_ += '.';
        text_ += step.name;
        break;
      case PathStep::Type::kIndex: text_ += '[' + std::to_string(step.index) + ']'; break;
      case PathStep::Type::kKey: text_ += '[' + step.name + ']'; break;
    }
    steps_.push_back(std::move(step));
  }

  std::vector<PathStep> steps_;
  std::vector<std::size_t> lengths_;
  std::string text_;
};

/// RAII push/pop.
class ScopedStep {
 public:
  ScopedStep(PathStack& stack, PathStep::Type type, std::string_view name, std::size_t index = 0)
      : stack_(stack) {
    switch (type) {
      case PathStep::Type::kField: stack.push_field(name); break;
      case PathStep::Type::kIndex: stack.push_index(index); break;
      case PathStep::Type::kKey: stack.push_key(name); break;
    }
  }
  ~ScopedStep() { stack_.pop(); }
  ScopedStep(const ScopedStep&) = delete;
  ScopedStep& operator=(const ScopedStep&) = delete;

 private:
  PathStack& stack_;
};

}  // namespace herd::api::schema
