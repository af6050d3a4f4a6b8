#pragma once

// Label selectors: the API shape (meta/v1 LabelSelector) and the compiled
// Selector that matches label sets, as Kubernetes' pkg/labels does.
//
// Kubernetes' rule, which callers must apply themselves: a *missing* selector
// (an absent optional field) matches nothing, while an *empty* one,
// `LabelSelector{}`, matches everything. So a caller holding
// `std::optional<LabelSelector>` uses Selector::nothing() for std::nullopt and
// Selector::from_label_selector(*s) otherwise (which returns everything() for
// an empty selector). This mirrors metav1.LabelSelectorAsSelector.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::api {

/// An object's labels: key -> value. Sorted, so iteration is deterministic.
using Labels = std::map<std::string, std::string>;

/// One matchExpressions entry of a LabelSelector (wire names: key, operator,
/// values). A plain aggregate of the object model; nothing is validated here.
struct LabelSelectorRequirement {
  std::string key;
  std::string op;  ///< "In", "NotIn", "Exists" or "DoesNotExist" (wire name "operator").
  std::vector<std::string> values;  ///< Non-empty for In/NotIn, empty otherwise.
  bool operator==(const LabelSelectorRequirement&) const = default;
};

/// meta/v1 LabelSelector: every match_labels pair and every expression must
/// hold (AND). A plain aggregate of the object model; see the file comment
/// for what an empty versus a missing selector means.
struct LabelSelector {
  Labels match_labels;
  std::vector<LabelSelectorRequirement> match_expressions;
  bool operator==(const LabelSelector&) const = default;
};

/// Validates `selector` as Kubernetes' ValidateLabelSelector does: known
/// operator, 1+ values for In/NotIn and none for Exists/DoesNotExist, keys
/// that are qualified names, values that are valid label values. Returns one
/// string per problem, "<sub-path>: <detail>" in field.Error style, e.g.
///   matchExpressions[0].values: Required value: must be specified when ...
///   matchLabels: Invalid value: "-x": a valid label must be ...
/// The sub-path is relative, so callers prepend their own ("spec.selector." + p).
/// Empty means valid. Pure; any thread.
[[nodiscard]] std::vector<std::string> validate_label_selector(const LabelSelector& selector);

/// Operators of a compiled requirement. The string syntax has more than
/// LabelSelector: "=", "==", "!=", and ">"/"<" (integer comparison, as
/// Kubernetes' Gt/Lt).
enum class SelectorOperator {
  kIn,            ///< key in (a,b): key present with one of the values.
  kNotIn,         ///< key notin (a,b): key absent, or present with none of the values.
  kEquals,        ///< key=a: like In with one value.
  kDoubleEquals,  ///< key==a: same as kEquals; kept so to_string() echoes it.
  kNotEquals,     ///< key!=a: like NotIn with one value.
  kExists,        ///< key: key present.
  kDoesNotExist,  ///< !key: key absent.
  kGreaterThan,   ///< key>5: key present and its value, as int64, is greater.
  kLessThan,      ///< key<5: key present and its value, as int64, is smaller.
};

/// One validated requirement of a Selector. `values` is sorted.
struct SelectorRequirement {
  std::string key;
  SelectorOperator op = SelectorOperator::kExists;
  std::vector<std::string> values;
  bool operator==(const SelectorRequirement&) const = default;

  /// Whether `labels` satisfies this requirement (see SelectorOperator).
  bool matches(const Labels& labels) const;
  /// Kubernetes' Requirement.String(): "a=b", "a==b", "a!=b", "a in (x,y)",
  /// "a notin (x)", "a", "!a", "a>5", "a<5"; several values are sorted and
  /// joined by ','.
  std::string to_string() const;
};

/// A compiled label selector: an AND of requirements, sorted by key.
///
/// Immutable value type; cheap to copy for small selectors; safe to share
/// between threads. Build it with one of the static functions: there is no
/// default constructor, so every holder decides between everything() and
/// nothing() explicitly.
class Selector {
 public:
  /// Parses the string syntax of `kubectl -l` and `?labelSelector=`:
  ///   selector    ::= "" | requirement ("," requirement)*
  ///   requirement ::= "!" KEY | KEY | KEY ("=" | "==" | "!=" | ">" | "<") VALUE?
  ///                 | KEY ("in" | "notin") "(" VALUE? ("," VALUE?)* ")"
  /// e.g. "app=web,tier!=db,env in (a,b),env notin (c),canary,!canary".
  /// Whitespace (space, tab, CR, LF) between tokens is ignored. An omitted
  /// VALUE is the empty string ("a=" and "a in ()" mean value ""). Values of
  /// one requirement are de-duplicated. "" parses to everything().
  /// Returns kInvalidArgument naming the offending token and its 0-based byte
  /// offset ("found ')' at offset 7, expected: identifier"), or the key or
  /// value that is not a qualified name / valid label value, or a
  /// non-integer operand of ">"/"<".
  static Result<Selector> parse(std::string_view text);

  /// Compiles a LabelSelector as Kubernetes' LabelSelectorAsSelector does:
  /// match_labels become "=" requirements, expressions map In/NotIn/Exists/
  /// DoesNotExist one to one, and an empty selector gives everything().
  /// Values are sorted and de-duplicated (matching is unaffected).
  /// Returns kInvalidArgument with the validate_label_selector problems
  /// joined by "; " when it is not valid.
  static Result<Selector> from_label_selector(const LabelSelector& selector);

  /// Matches every label set (also what "" and LabelSelector{} compile to).
  static Selector everything();
  /// Matches no label set, not even the empty one. Use it for a missing
  /// selector. Its to_string() is "" like everything(); tell them apart with
  /// matches_nothing().
  static Selector nothing();
  /// ReplicationController-style selector: key=value for every pair, in key
  /// order. An empty map gives everything(). Does not validate (like
  /// Kubernetes' SelectorFromSet): use it for label sets already validated.
  static Selector from_labels(const Labels& labels);

  /// Whether every requirement holds for `labels`; always false for nothing().
  bool matches(const Labels& labels) const;
  /// True when the selector matches everything (no requirements); false for
  /// nothing().
  bool empty() const { return !nothing_ && requirements_.empty(); }
  /// True only for nothing().
  bool matches_nothing() const { return nothing_; }
  /// The requirements, sorted by key (stable: equal keys keep input order).
  const std::vector<SelectorRequirement>& requirements() const { return requirements_; }
  /// The canonical string form: requirements sorted by key, joined by ','
  /// (Kubernetes' Selector.String()). For a selector built from valid keys
  /// and values, parse(to_string()) gives an equal selector. "" for both
  /// everything() and nothing().
  std::string to_string() const;

  bool operator==(const Selector&) const = default;

 private:
  Selector(std::vector<SelectorRequirement> requirements, bool nothing)
      : requirements_(std::move(requirements)), nothing_(nothing) {}

  std::vector<SelectorRequirement> requirements_;
  bool nothing_ = false;
};

}  // namespace herd::api
