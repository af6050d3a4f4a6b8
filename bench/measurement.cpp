#include "measurement.hpp"

#include <algorithm>
#include <cmath>

namespace herd::bench {
namespace {

// Nearest rank: the smallest sample with at least p of all samples at or
// below it. Requires: `sorted` is sorted and not empty.
double percentile(const std::vector<double>& sorted, double p) {
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

Latency latency_of(std::vector<double> samples_ms) {
  if (samples_ms.empty()) {
    return Latency{};
  }
  std::sort(samples_ms.begin(), samples_ms.end());
  return Latency{true, percentile(samples_ms, 0.50), percentile(samples_ms, 0.99)};
}

}  // namespace herd::bench
