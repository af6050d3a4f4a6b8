#pragma once

// Reading objects as the server sends them (JSON Values) without decoding
// them into the typed model: a field by path, with a default when it is
// absent or of another type, and the few renderings several commands share
// (label selectors, label maps). herdctl reads what a server sent, which may
// have fields this build does not know; these never fail.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "herd/api/value.hpp"

namespace herd::cli::herdctl {

/// The Value at `path` (object keys) under `value`, or nullptr.
const api::Value* at(const api::Value& value, std::initializer_list<std::string_view> path);

/// The string at `path`, or `fallback` when absent or not a string.
std::string text_at(const api::Value& value, std::initializer_list<std::string_view> path,
                    const std::string& fallback = "");

/// The integer at `path`, or `fallback` when absent or not an integer.
int64_t int_at(const api::Value& value, std::initializer_list<std::string_view> path, int64_t fallback = 0);

/// A LabelSelector as the labelSelector query parameter writes it:
/// "app=web,tier in (a,b),!canary"; "" for an empty or absent one.
std::string selector_string(const api::Value* selector);

/// A string map as "k1=v1,k2=v2" (in its order); "" when empty or absent.
std::string pairs_string(const api::Value* map, std::string_view separator = ",");

}  // namespace herd::cli::herdctl
