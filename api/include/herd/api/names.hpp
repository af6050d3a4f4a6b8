#pragma once

// Name, label and identifier checks, as Kubernetes' apimachinery
// pkg/util/validation does them, with the same wording in the messages.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace herd::api {

/// Longest DNS (RFC 1123) label: object names of most kinds, namespaces.
inline constexpr std::size_t kDns1123LabelMaxLength = 63;
/// Longest DNS (RFC 1123) subdomain: names of most other kinds, key prefixes.
inline constexpr std::size_t kDns1123SubdomainMaxLength = 253;
/// Longest name part of a qualified name (label or annotation key).
inline constexpr std::size_t kQualifiedNameMaxLength = 63;
/// Longest label value.
inline constexpr std::size_t kLabelValueMaxLength = 63;
/// Longest port name (IANA_SVC_NAME).
inline constexpr std::size_t kPortNameMaxLength = 15;

// Every check below is a pure function, safe from any thread. It returns the
// problems found, worded as Kubernetes words them (e.g. "must be no more than
// 253 characters"); an empty vector means the value is valid. Callers turn
// the strings into field errors ("metadata.name: Invalid value: ...").
// None of them uses std::regex: they are character loops, linear in the input.

/// Checks a lowercase RFC 1123 subdomain: at most 253 characters, dot-separated
/// labels of [a-z0-9-] that start and end with an alphanumeric character
/// (regex `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`).
/// The length and the format problems are reported independently.
[[nodiscard]] std::vector<std::string> is_dns1123_subdomain(std::string_view value);

/// Checks a lowercase RFC 1123 label: at most 63 characters of [a-z0-9-],
/// starting and ending with an alphanumeric character. A value that would be a
/// valid subdomain gets "must not contain dots" instead of the format message.
[[nodiscard]] std::vector<std::string> is_dns1123_label(std::string_view value);

/// Checks a qualified name (label and annotation keys): an optional prefix that
/// is a DNS subdomain followed by '/', then a name of at most 63 characters
/// matching `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`. Problems with the
/// prefix start with "prefix part ", problems with the name with "name part ".
/// More than one '/' gives a single message describing the whole format.
[[nodiscard]] std::vector<std::string> is_qualified_name(std::string_view value);

/// Checks a label value: empty, or at most 63 characters matching
/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
[[nodiscard]] std::vector<std::string> is_valid_label_value(std::string_view value);

/// Checks a C identifier, `[A-Za-z_][A-Za-z0-9_]*` (no length limit).
/// Kubernetes uses it for some keys; environment variable names use
/// is_env_var_name instead.
[[nodiscard]] std::vector<std::string> is_c_identifier(std::string_view value);

/// Checks an environment variable name with the strict rule Kubernetes 1.32
/// applies when RelaxedEnvironmentVariableValidation is off:
/// `[-._a-zA-Z][-._a-zA-Z0-9]*`, and additionally not ".", not "..", and not
/// starting with "..".
[[nodiscard]] std::vector<std::string> is_env_var_name(std::string_view value);

/// Checks a port name (IANA_SVC_NAME, RFC 6335, lowercase only): 1 to 15
/// characters of [a-z0-9-], at least one letter, no leading or trailing '-',
/// no "--". Every rule that fails adds its own message.
[[nodiscard]] std::vector<std::string> is_port_name(std::string_view value);

/// Checks a name that must be usable as one URL path segment (Kubernetes'
/// IsValidPathSegmentName; RBAC object names, Event names, Ingress resource
/// backends). "." and ".." give the single message "may not be '.'" (or '..');
/// otherwise each of '/' and '%' the value contains gives its own message,
/// "may not contain '/'" and "may not contain '%'".
/// The empty string passes: callers check presence themselves.
[[nodiscard]] std::vector<std::string> is_path_segment_name(std::string_view value);

/// Checks a ConfigMap or Secret key (Kubernetes' IsConfigMapKey): at most 253
/// characters of `[-._a-zA-Z0-9]+` (so not empty), and not ".", not "..", and
/// not starting with ".." (keys become file names in a volume).
[[nodiscard]] std::vector<std::string> is_config_key(std::string_view value);

/// Checks a TCP/UDP port number: 1 to 65535 inclusive.
[[nodiscard]] std::vector<std::string> is_valid_port_number(int64_t port);

}  // namespace herd::api
