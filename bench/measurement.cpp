#include "measurement.hpp"

#include <algorithm>
#include <cmath>

#include <sys/resource.h>

namespace herd::bench {
namespace {

// Nearest rank: the smallest sample with at least p of all samples at or
// below it. Requires: `sorted` is sorted and not empty.
double percentile(const std::vector<double>& sorted, double p) {
  auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double cpu_seconds_of(int who) {
  rusage usage{};
  if (getrusage(who, &usage) != 0) {
    return 0;
  }
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

double own_cpu_seconds() { return cpu_seconds_of(RUSAGE_SELF); }

double children_cpu_seconds() { return cpu_seconds_of(RUSAGE_CHILDREN); }

Latency latency_of(std::vector<double> samples_ms) {
  if (samples_ms.empty()) {
    return Latency{};
  }
  std::sort(samples_ms.begin(), samples_ms.end());
  return Latency{true, percentile(samples_ms, 0.50), percentile(samples_ms, 0.99)};
}

}  // namespace herd::bench
