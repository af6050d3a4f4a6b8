#include "herd/api/label_selector.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <set>
#include <system_error>
#include <utility>

#include "herd/api/names.hpp"

// The string syntax is Kubernetes' labels.Parse grammar (see Selector::parse).
// The lexer splits on whitespace and on the special characters = ! ( ) , > <;
// everything else is an identifier. "!=" and "==" are the only two-character
// tokens. "in" and "notin" are keywords only where an operator is expected,
// so "in in (in)" is the key "in" with the value "in".

namespace herd::api {
namespace {

enum class Tok {
  kEnd, kIdentifier, kOpenPar, kClosePar, kComma, kNot,
  kEquals, kDoubleEquals, kNotEquals, kGreater, kLess,
};

struct Token {
  Tok kind;
  std::string_view text;
  std::size_t offset;
};

constexpr std::string_view kSpaces = " \t\r\n";
constexpr std::string_view kSpecials = "=!(),><";
constexpr std::string_view kDelimiters = " \t\r\n=!(),><";
constexpr Tok kSpecialKinds[] = {Tok::kEquals, Tok::kNot,     Tok::kOpenPar, Tok::kClosePar,
                                 Tok::kComma,  Tok::kGreater, Tok::kLess};

// Always ends with a kEnd token, so the parser can peek without bounds checks.
std::vector<Token> lex(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (true) {
    pos = std::min(s.find_first_not_of(kSpaces, pos), s.size());
    if (pos == s.size()) {
      tokens.push_back({Tok::kEnd, {}, pos});
      return tokens;
    }
    const std::size_t start = pos;
    if (std::size_t special = kSpecials.find(s[pos]); special != std::string_view::npos) {
      Tok kind = kSpecialKinds[special];
      if (pos + 1 < s.size() && s[pos + 1] == '=' && (kind == Tok::kNot || kind == Tok::kEquals)) {
        kind = kind == Tok::kNot ? Tok::kNotEquals : Tok::kDoubleEquals;
        ++pos;
      }
      ++pos;
      tokens.push_back({kind, s.substr(start, pos - start), start});
      continue;
    }
    pos = std::min(s.find_first_of(kDelimiters, pos), s.size());
    tokens.push_back({Tok::kIdentifier, s.substr(start, pos - start), start});
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out.append(i > 0 ? sep : std::string_view()).append(parts[i]);
  }
  return out;
}

// Go's %q, enough for keys and values: quotes and escapes (bytes >= 0x80
// are passed through, where Go would escape invalid UTF-8).
std::string quote(std::string_view s) {
  static constexpr std::string_view kNamed = "\a\b\f\n\r\t\v";
  static constexpr std::string_view kLetters = "abfnrtv";
  std::string out = "\"";
  for (char c : s) {
    std::size_t named = kNamed.find(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (named != std::string_view::npos) {
      out += '\\';
      out += kLetters[named];
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// Go's strconv.ParseInt(s, 10, 64): from_chars plus an optional leading '+'.
bool parse_int64(std::string_view s, int64_t& out) {
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') {
    s.remove_prefix(1);
  }
  auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out);
  return error == std::errc() && end == s.data() + s.size();
}

std::vector<std::string> sorted_unique(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

void sort_by_key(std::vector<SelectorRequirement>& requirements) {
  std::stable_sort(requirements.begin(), requirements.end(),
                   [](const SelectorRequirement& a, const SelectorRequirement& b) {
                     return a.key < b.key;
                   });
}

// Recursive-descent parser over the token list, mirroring Kubernetes' Parser.
// "in" and "notin" are ordinary identifiers except where parse_operator()
// expects an operator.
class Parser {
 public:
  explicit Parser(std::string_view text) : tokens_(lex(text)) {}

  Result<std::vector<SelectorRequirement>> parse();

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& next() { return tokens_[pos_ + 1 < tokens_.size() ? pos_++ : pos_]; }
  bool peek_starts_requirement() const {
    return peek().kind == Tok::kIdentifier || peek().kind == Tok::kNot;
  }

  static Status unexpected(const Token& t, std::string_view expected);
  Result<SelectorRequirement> parse_requirement();
  Result<SelectorOperator> parse_operator();
  Result<std::vector<std::string>> parse_values();
  Result<std::vector<std::string>> parse_exact_value();
  static Status check_requirement(const SelectorRequirement& r);

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

Status Parser::unexpected(const Token& t, std::string_view expected) {
  std::string found = t.kind == Tok::kEnd ? "end of string" : "'" + std::string(t.text) + "'";
  return Status::invalid_argument("found " + found + " at offset " + std::to_string(t.offset) +
                                  ", expected: " + std::string(expected));
}

Result<std::vector<SelectorRequirement>> Parser::parse() {
  std::vector<SelectorRequirement> requirements;
  if (peek().kind == Tok::kEnd) {
    return requirements;
  }
  if (!peek_starts_requirement()) {
    return unexpected(peek(), "!, identifier, or 'end of string'");
  }
  while (true) {
    Result<SelectorRequirement> r = parse_requirement();
    if (!r.ok()) {
      return r.status().with_context("unable to parse requirement");
    }
    requirements.push_back(std::move(r).value());
    const Token& after = next();
    if (after.kind == Tok::kEnd) {
      return requirements;
    }
    if (after.kind != Tok::kComma) {
      return unexpected(after, "',' or 'end of string'");
    }
    if (!peek_starts_requirement()) {
      return unexpected(peek(), "identifier after ','");
    }
  }
}

Result<SelectorRequirement> Parser::parse_requirement() {
  SelectorRequirement r;
  const Token* t = &next();
  bool negated = t->kind == Tok::kNot;
  if (negated) {
    t = &next();
  }
  if (t->kind != Tok::kIdentifier) {
    return unexpected(*t, "identifier");
  }
  r.key = std::string(t->text);
  if (std::vector<std::string> errs = is_qualified_name(r.key); !errs.empty()) {
    return Status::invalid_argument("invalid label key " + quote(r.key) + " at offset " +
                                    std::to_string(t->offset) + ": " + join(errs, "; "));
  }
  if (negated || peek().kind == Tok::kEnd || peek().kind == Tok::kComma) {
    r.op = negated ? SelectorOperator::kDoesNotExist : SelectorOperator::kExists;
    return r;
  }
  HERD_ASSIGN_OR_RETURN(r.op, parse_operator());
  bool set_based = r.op == SelectorOperator::kIn || r.op == SelectorOperator::kNotIn;
  HERD_ASSIGN_OR_RETURN(r.values, set_based ? parse_values() : parse_exact_value());
  HERD_RETURN_IF_ERROR(check_requirement(r));
  return r;
}

Result<SelectorOperator> Parser::parse_operator() {
  const Token& t = next();
  switch (t.kind) {
    case Tok::kEquals: return SelectorOperator::kEquals;
    case Tok::kDoubleEquals: return SelectorOperator::kDoubleEquals;
    case Tok::kNotEquals: return SelectorOperator::kNotEquals;
    case Tok::kGreater: return SelectorOperator::kGreaterThan;
    case Tok::kLess: return SelectorOperator::kLessThan;
    case Tok::kIdentifier:
      if (t.text == "in") return SelectorOperator::kIn;
      if (t.text == "notin") return SelectorOperator::kNotIn;
      [[fallthrough]];
    default: return unexpected(t, "in, notin, =, ==, !=, gt, lt");
  }
}

// "(" items ")" where items are separated by ',' and each is one identifier
// or nothing (the empty value): "()" is {""}, "(a,,b)" is {"", a, b}.
Result<std::vector<std::string>> Parser::parse_values() {
  const Token& open = next();
  if (open.kind != Tok::kOpenPar) {
    return unexpected(open, "'('");
  }
  std::set<std::string> values;
  bool have_item = false;  // the current item already has its identifier
  while (true) {
    const Token& t = next();
    if (t.kind == Tok::kIdentifier && !have_item) {
      values.insert(std::string(t.text));
      have_item = true;
    } else if (t.kind == Tok::kComma || t.kind == Tok::kClosePar) {
      if (!have_item) {
        values.insert("");
      }
      if (t.kind == Tok::kClosePar) {
        return std::vector<std::string>(values.begin(), values.end());
      }
      have_item = false;
    } else {
      return unexpected(t, have_item ? "',' or ')'" : "',', ')' or identifier");
    }
  }
}

Result<std::vector<std::string>> Parser::parse_exact_value() {
  if (peek().kind == Tok::kEnd || peek().kind == Tok::kComma) {
    return std::vector<std::string>{""};
  }
  const Token& t = next();
  if (t.kind != Tok::kIdentifier) {
    return unexpected(t, "identifier");
  }
  return std::vector<std::string>{std::string(t.text)};
}

// Kubernetes' NewRequirement checks on values.
Status Parser::check_requirement(const SelectorRequirement& r) {
  bool numeric = r.op == SelectorOperator::kGreaterThan || r.op == SelectorOperator::kLessThan;
  for (const std::string& value : r.values) {
    int64_t ignored = 0;
    if (numeric && !parse_int64(value, ignored)) {
      return Status::invalid_argument("invalid value " + quote(value) + " for key " +
                                      quote(r.key) +
                                      ": for 'Gt', 'Lt' operators, the value must be an integer");
    }
    if (std::vector<std::string> errs = is_valid_label_value(value); !errs.empty()) {
      return Status::invalid_argument("invalid label value " + quote(value) + " for key " +
                                      quote(r.key) + ": " + join(errs, "; "));
    }
  }
  return Status();
}

std::string invalid_value(std::string_view path, std::string_view value, std::string_view msg) {
  return std::string(path) + ": Invalid value: " + quote(value) + ": " + std::string(msg);
}

void validate_requirement(const LabelSelectorRequirement& r, const std::string& path,
                          std::vector<std::string>& problems) {
  if (r.op == "In" || r.op == "NotIn") {
    if (r.values.empty()) {
      problems.push_back(path + ".values: Required value: must be specified when `operator` "
                                "is 'In' or 'NotIn'");
    }
  } else if (r.op == "Exists" || r.op == "DoesNotExist") {
    if (!r.values.empty()) {
      problems.push_back(path + ".values: Forbidden: may not be specified when `operator` is "
                                "'Exists' or 'DoesNotExist'");
    }
  } else {
    problems.push_back(invalid_value(path + ".operator", r.op, "not a valid selector operator"));
  }
  for (const std::string& msg : is_qualified_name(r.key)) {
    problems.push_back(invalid_value(path + ".key", r.key, msg));
  }
  for (std::size_t i = 0; i < r.values.size(); ++i) {
    for (const std::string& msg : is_valid_label_value(r.values[i])) {
      problems.push_back(
          invalid_value(path + ".values[" + std::to_string(i) + "]", r.values[i], msg));
    }
  }
}

// key=value for every pair, in key order.
std::vector<SelectorRequirement> equalities(const Labels& labels) {
  std::vector<SelectorRequirement> requirements;
  for (const auto& [key, value] : labels) {
    requirements.push_back({key, SelectorOperator::kEquals, {value}});
  }
  return requirements;
}

SelectorOperator operator_from_api(std::string_view op) {
  if (op == "In") return SelectorOperator::kIn;
  if (op == "NotIn") return SelectorOperator::kNotIn;
  if (op == "Exists") return SelectorOperator::kExists;
  return SelectorOperator::kDoesNotExist;  // validated before we get here
}

}  // namespace

std::vector<std::string> validate_label_selector(const LabelSelector& selector) {
  std::vector<std::string> problems;
  for (const auto& [key, value] : selector.match_labels) {
    for (const std::string& msg : is_qualified_name(key)) {
      problems.push_back(invalid_value("matchLabels", key, msg));
    }
    for (const std::string& msg : is_valid_label_value(value)) {
      problems.push_back(invalid_value("matchLabels", value, msg));
    }
  }
  for (std::size_t i = 0; i < selector.match_expressions.size(); ++i) {
    validate_requirement(selector.match_expressions[i],
                         "matchExpressions[" + std::to_string(i) + "]", problems);
  }
  return problems;
}

bool SelectorRequirement::matches(const Labels& labels) const {
  auto it = labels.find(key);
  const bool present = it != labels.end();
  auto has_value = [&] {
    return present && std::find(values.begin(), values.end(), it->second) != values.end();
  };
  switch (op) {
    case SelectorOperator::kIn:
    case SelectorOperator::kEquals:
    case SelectorOperator::kDoubleEquals: return has_value();
    case SelectorOperator::kNotIn:
    case SelectorOperator::kNotEquals: return !has_value();
    case SelectorOperator::kExists: return present;
    case SelectorOperator::kDoesNotExist: return !present;
    case SelectorOperator::kGreaterThan:
    case SelectorOperator::kLessThan: break;
  }
  int64_t actual = 0;
  int64_t bound = 0;
  if (!present || values.size() != 1 || !parse_int64(it->second, actual) ||
      !parse_int64(values[0], bound)) {
    return false;
  }
  return op == SelectorOperator::kGreaterThan ? actual > bound : actual < bound;
}

std::string SelectorRequirement::to_string() const {
  // Spelling of each SelectorOperator, in declaration order.
  static constexpr std::string_view kSpelling[] = {" in (", " notin (", "=", "==", "!=",
                                                   "",      "",         ">", "<"};
  if (op == SelectorOperator::kExists || op == SelectorOperator::kDoesNotExist) {
    return op == SelectorOperator::kDoesNotExist ? "!" + key : key;
  }
  std::vector<std::string> sorted = values;  // already sorted when a Selector built it
  std::sort(sorted.begin(), sorted.end());
  bool set_based = op == SelectorOperator::kIn || op == SelectorOperator::kNotIn;
  return key + std::string(kSpelling[static_cast<int>(op)]) + join(sorted, ",") +
         (set_based ? ")" : "");
}

Result<Selector> Selector::parse(std::string_view text) {
  Parser parser(text);
  HERD_ASSIGN_OR_RETURN(std::vector<SelectorRequirement> requirements, parser.parse());
  sort_by_key(requirements);
  return Selector(std::move(requirements), false);
}

Result<Selector> Selector::from_label_selector(const LabelSelector& selector) {
  if (std::vector<std::string> problems = validate_label_selector(selector); !problems.empty()) {
    return Status::invalid_argument(join(problems, "; "));
  }
  std::vector<SelectorRequirement> requirements = equalities(selector.match_labels);
  for (const LabelSelectorRequirement& r : selector.match_expressions) {
    requirements.push_back({r.key, operator_from_api(r.op), sorted_unique(r.values)});
  }
  sort_by_key(requirements);
  return Selector(std::move(requirements), false);
}

Selector Selector::everything() { return Selector({}, false); }

Selector Selector::nothing() { return Selector({}, true); }

Selector Selector::from_labels(const Labels& labels) {
  return Selector(equalities(labels), false);  // std::map: already in key order
}

bool Selector::matches(const Labels& labels) const {
  if (nothing_) {
    return false;
  }
  return std::all_of(requirements_.begin(), requirements_.end(),
                     [&](const SelectorRequirement& r) { return r.matches(labels); });
}

std::string Selector::to_string() const {
  std::vector<std::string> parts;
  parts.reserve(requirements_.size());
  for (const SelectorRequirement& r : requirements_) {
    parts.push_back(r.to_string());
  }
  return join(parts, ",");
}

}  // namespace herd::api
