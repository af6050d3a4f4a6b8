#pragma once

// Kubernetes' `$(VAR)` expansion (k8s.io/kubernetes third_party/forked/golang/
// expansion), used for env values, command and args. Pure, thread-safe.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace herd::runtime::oci {

/// Looks a variable up by name; nullopt when it is not defined.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// Expands `input` as Kubernetes does:
///  - `$(NAME)` becomes NAME's value when `lookup` knows it, else stays `$(NAME)`;
///  - `$$` becomes `$` (so `$$(NAME)` is the literal `$(NAME)`);
///  - a `$` before anything else, a `$(` never closed and a trailing `$` stay as written.
/// Expansion is not recursive: a value that itself holds `$(X)` is copied as is.
std::string expand_env_refs(std::string_view input, const EnvLookup& lookup);

}  // namespace herd::runtime::oci
