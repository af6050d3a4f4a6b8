#include "herd/api/names.hpp"

#include <initializer_list>

// The regular expressions below are only quoted in messages, exactly as
// Kubernetes quotes them; matching is done by hand-written loops so the
// checks stay linear and cheap under fuzzing.

namespace herd::api {
namespace {

constexpr std::string_view kDns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
constexpr std::string_view kDns1123LabelErrMsg =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character";
constexpr std::string_view kDns1123SubdomainFmt =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr std::string_view kDns1123SubdomainErrMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character";
constexpr std::string_view kQualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr std::string_view kQualifiedNameErrMsg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character";
constexpr std::string_view kLabelValueFmt = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
constexpr std::string_view kLabelValueErrMsg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character";
constexpr std::string_view kCIdentifierFmt = "[A-Za-z_][A-Za-z0-9_]*";
constexpr std::string_view kCIdentifierErrMsg =
    "a valid C identifier must start with alphabetic character or '_', followed by a string of "
    "alphanumeric characters or '_'";
constexpr std::string_view kEnvVarNameFmt = "[-._a-zA-Z][-._a-zA-Z0-9]*";
constexpr std::string_view kEnvVarNameErrMsg =
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', "
    "or '.', and must not start with a digit";
constexpr std::string_view kConfigKeyFmt = "[-._a-zA-Z0-9]+";
constexpr std::string_view kConfigKeyErrMsg =
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower_alnum(char c) { return is_lower(c) || is_digit(c); }
bool is_alnum(char c) { return is_lower(c) || is_upper(c) || is_digit(c); }

std::string max_len_error(std::size_t length) {
  return "must be no more than " + std::to_string(length) + " characters";
}

// Kubernetes' RegexError. Its loop appends "'<example>', " and joins with " or ", so two
// examples read "(e.g. 'a',  or 'b', regex used ...)" with a double space; we keep that
// byte for byte so messages match what kubectl users see and search for.
std::string regex_error(std::string_view msg, std::string_view fmt,
                        std::initializer_list<std::string_view> examples) {
  std::string out(msg);
  out += " (e.g. ";
  bool first = true;
  for (std::string_view example : examples) {
    if (!first) {
      out += " or ";
    }
    first = false;
    out += "'";
    out += example;
    out += "', ";
  }
  out += "regex used for validation is '";
  out += fmt;
  out += "')";
  return out;
}

// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
bool matches_dns1123_label(std::string_view s) {
  if (s.empty() || !is_lower_alnum(s.front()) || !is_lower_alnum(s.back())) {
    return false;
  }
  for (char c : s) {
    if (!is_lower_alnum(c) && c != '-') {
      return false;
    }
  }
  return true;
}

// Labels joined by single dots; no empty label, so no leading/trailing dot.
bool matches_dns1123_subdomain(std::string_view s) {
  while (true) {
    std::size_t dot = s.find('.');
    if (!matches_dns1123_label(s.substr(0, dot))) {
      return false;
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    s.remove_prefix(dot + 1);
  }
}

// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
bool matches_qualified_name_part(std::string_view s) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) {
    return false;
  }
  for (char c : s) {
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

bool matches_c_identifier(std::string_view s) {
  if (s.empty() || is_digit(s.front())) {
    return false;
  }
  for (char c : s) {
    if (!is_alnum(c) && c != '_') {
      return false;
    }
  }
  return true;
}

bool matches_env_var_name(std::string_view s) {
  if (s.empty() || is_digit(s.front())) {
    return false;
  }
  for (char c : s) {
    if (!is_alnum(c) && c != '-' && c != '.' && c != '_') {
      return false;
    }
  }
  return true;
}

// Kubernetes' hasChDirPrefix: such names could escape a directory when the
// same string is used as a file name (projected volumes, ConfigMap keys).
void add_chdir_prefix_problem(std::string_view value, std::vector<std::string>& errs) {
  if (value == ".") {
    errs.push_back("must not be '.'");
  } else if (value == "..") {
    errs.push_back("must not be '..'");
  } else if (value.substr(0, 2) == "..") {
    errs.push_back("must not start with '..'");
  }
}

}  // namespace

std::vector<std::string> is_dns1123_subdomain(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kDns1123SubdomainMaxLength) {
    errs.push_back(max_len_error(kDns1123SubdomainMaxLength));
  }
  if (!matches_dns1123_subdomain(value)) {
    errs.push_back(regex_error(kDns1123SubdomainErrMsg, kDns1123SubdomainFmt, {"example.com"}));
  }
  return errs;
}

std::vector<std::string> is_dns1123_label(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kDns1123LabelMaxLength) {
    errs.push_back(max_len_error(kDns1123LabelMaxLength));
  }
  if (!matches_dns1123_label(value)) {
    if (matches_dns1123_subdomain(value)) {
      // A valid subdomain but not a label: the only difference is the dots.
      errs.push_back("must not contain dots");
    } else {
      errs.push_back(regex_error(kDns1123LabelErrMsg, kDns1123LabelFmt, {"my-name", "123-abc"}));
    }
  }
  return errs;
}

std::vector<std::string> is_qualified_name(std::string_view value) {
  std::vector<std::string> errs;
  std::string_view name = value;
  std::size_t slash = value.find('/');
  if (slash != std::string_view::npos) {
    if (value.find('/', slash + 1) != std::string_view::npos) {
      errs.push_back("a qualified name " +
                     regex_error(kQualifiedNameErrMsg, kQualifiedNameFmt,
                                 {"MyName", "my.name", "123-abc"}) +
                     " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    std::string_view prefix = value.substr(0, slash);
    name = value.substr(slash + 1);
    if (prefix.empty()) {
      errs.push_back("prefix part must be non-empty");
    } else {
      for (std::string& msg : is_dns1123_subdomain(prefix)) {
        errs.push_back("prefix part " + msg);
      }
    }
  }
  if (name.empty()) {
    errs.push_back("name part must be non-empty");
  } else if (name.size() > kQualifiedNameMaxLength) {
    errs.push_back("name part " + max_len_error(kQualifiedNameMaxLength));
  }
  if (!matches_qualified_name_part(name)) {
    errs.push_back("name part " + regex_error(kQualifiedNameErrMsg, kQualifiedNameFmt,
                                              {"MyName", "my.name", "123-abc"}));
  }
  return errs;
}

std::vector<std::string> is_valid_label_value(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kLabelValueMaxLength) {
    errs.push_back(max_len_error(kLabelValueMaxLength));
  }
  if (!value.empty() && !matches_qualified_name_part(value)) {
    errs.push_back(
        regex_error(kLabelValueErrMsg, kLabelValueFmt, {"MyValue", "my_value", "12345"}));
  }
  return errs;
}

std::vector<std::string> is_c_identifier(std::string_view value) {
  if (matches_c_identifier(value)) {
    return {};
  }
  return {regex_error(kCIdentifierErrMsg, kCIdentifierFmt, {"my_name", "MY_NAME", "MyName"})};
}

std::vector<std::string> is_env_var_name(std::string_view value) {
  std::vector<std::string> errs;
  if (!matches_env_var_name(value)) {
    errs.push_back(regex_error(kEnvVarNameErrMsg, kEnvVarNameFmt,
                               {"my.env-name", "MY_ENV.NAME", "MyEnvName1"}));
  }
  add_chdir_prefix_problem(value, errs);
  return errs;
}

std::vector<std::string> is_port_name(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kPortNameMaxLength) {
    errs.push_back(max_len_error(kPortNameMaxLength));
  }
  bool charset_ok = !value.empty();
  bool has_letter = false;
  for (char c : value) {
    charset_ok = charset_ok && (is_lower_alnum(c) || c == '-');
    has_letter = has_letter || is_lower(c);
  }
  if (!charset_ok) {
    errs.push_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  }
  if (!has_letter) {
    errs.push_back("must contain at least one letter (a-z)");
  }
  if (value.find("--") != std::string_view::npos) {
    errs.push_back("must not contain consecutive hyphens");
  }
  if (!value.empty() && (value.front() == '-' || value.back() == '-')) {
    errs.push_back("must not begin or end with a hyphen");
  }
  return errs;
}

std::vector<std::string> is_path_segment_name(std::string_view value) {
  if (value == "." || value == "..") {
    return {"may not be '" + std::string(value) + "'"};
  }
  std::vector<std::string> errs;
  for (char c : {'/', '%'}) {
    if (value.find(c) != std::string_view::npos) {
      errs.push_back(std::string("may not contain '") + c + "'");
    }
  }
  return errs;
}

std::vector<std::string> is_config_key(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kDns1123SubdomainMaxLength) {
    errs.push_back(max_len_error(kDns1123SubdomainMaxLength));
  }
  bool chars_ok = !value.empty();
  for (char c : value) {
    chars_ok = chars_ok && (is_alnum(c) || c == '-' || c == '.' || c == '_');
  }
  if (!chars_ok) {
    errs.push_back(
        regex_error(kConfigKeyErrMsg, kConfigKeyFmt, {"key.name", "KEY_NAME", "key-name"}));
  }
  add_chdir_prefix_problem(value, errs);
  return errs;
}

std::vector<std::string> is_valid_port_number(int64_t port) {
  if (port >= 1 && port <= 65535) {
    return {};
  }
  return {"must be between 1 and 65535, inclusive"};
}

}  // namespace herd::api
