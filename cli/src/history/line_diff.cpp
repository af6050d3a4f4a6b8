#include "history/line_diff.hpp"

#include <algorithm>
#include <vector>

namespace herd::cli {
namespace {

constexpr std::size_t kContext = 3;

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// One line of the edit script: ' ' kept, '-' only before, '+' only after.
struct Edit {
  char op;
  std::string_view line;
};

std::vector<Edit> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<uint32_t>> lcs(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<Edit> script;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      script.push_back({' ', a[i++]});
      ++j;
    } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
      script.push_back({'+', b[j++]});
    } else {
      script.push_back({'-', a[i++]});
    }
  }
  return script;
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after) {
  std::vector<std::string_view> a = lines_of(before);
  std::vector<std::string_view> b = lines_of(after);
  std::vector<Edit> script = edit_script(a, b);
  std::string out;
  std::size_t k = 0;
  while (k < script.size()) {
    if (script[k].op == ' ') {
      ++k;
      continue;
    }
    // A hunk: context before, changes (joined while kept runs are short), context after.
    std::size_t start = k >= kContext ? k - kContext : 0;
    std::size_t end = k;
    while (end < script.size()) {
      std::size_t kept = 0;
      while (end + kept < script.size() && script[end + kept].op == ' ') ++kept;
      if (end + kept == script.size() || kept > 2 * kContext) {
        end += std::min(kept, kContext);
        break;
      }
      end += kept;
      while (end < script.size() && script[end].op != ' ') ++end;
    }
    std::size_t a_start = 0;
    std::size_t b_start = 0;
    for (std::size_t e = 0; e < start; ++e) {
      a_start += script[e].op != '+';
      b_start += script[e].op != '-';
    }
    std::size_t a_count = 0;
    std::size_t b_count = 0;
    std::string body;
    for (std::size_t e = start; e < end; ++e) {
      a_count += script[e].op != '+';
      b_count += script[e].op != '-';
      body += script[e].op;
      body += script[e].line;
      body += '\n';
    }
    out += "@@ -" + std::to_string(a_count == 0 ? a_start : a_start + 1) + "," + std::to_string(a_count) + " +" +
           std::to_string(b_count == 0 ? b_start : b_start + 1) + "," + std::to_string(b_count) + " @@\n" + body;
    k = end;
  }
  return out;
}

}  // namespace herd::cli
