#pragma once

// A unified diff of two texts, line by line (what `herdctl diff` prints):
// hunks with three lines of context, as `diff -u` writes them.

#include <string>
#include <string_view>

namespace herd::cli {

/// The hunks ("@@ -a,b +c,d @@" and the lines) that turn `before` into
/// `after`; "" when they are equal. Both texts are split on '\n'. Quadratic
/// in the number of lines: for objects, not for logs.
std::string unified_diff(std::string_view before, std::string_view after);

}  // namespace herd::cli
