#include "oci/linux_resources.hpp"

#include <algorithm>

namespace herd::runtime::oci {
namespace {

const api::Quantity* find(const api::ResourceList& list, const char* name) {
  auto it = list.find(name);
  return it == list.end() ? nullptr : &it->second;
}

}  // namespace

// 250m: 250 * 1024 / 1000 = 256 shares; 1m: 1 share, raised to 2.
int64_t milli_cpu_to_shares(int64_t milli_cpu) {
  if (milli_cpu <= 0) {
    return kMinCpuShares;
  }
  if (milli_cpu > INT64_MAX / 1024) {  // would overflow; far above the maximum anyway
    return kMaxCpuShares;
  }
  return std::clamp(milli_cpu * 1024 / 1000, kMinCpuShares, kMaxCpuShares);
}

// 500m over 100000us: 500 * 100000 / 1000 = 50000us; 5m would be 500us,
// raised to 1000us.
std::optional<int64_t> milli_cpu_to_quota(int64_t milli_cpu) {
  if (milli_cpu <= 0) {
    return std::nullopt;
  }
  constexpr int64_t kMaxMilli = INT64_MAX / kCpuPeriodMicros;
  const int64_t quota = std::min(milli_cpu, kMaxMilli) * kCpuPeriodMicros / 1000;
  return std::max(quota, kMinCpuQuotaMicros);
}

CpuMemoryLimits cpu_memory_limits(const api::ResourceRequirements& resources) {
  CpuMemoryLimits out;
  if (const api::Quantity* memory = find(resources.limits, "memory");
      memory != nullptr && memory->sign() > 0) {
    out.memory_limit_bytes = memory->value();
  }
  const api::Quantity* cpu_limit = find(resources.limits, "cpu");
  if (cpu_limit != nullptr) {
    out.cpu_quota_micros = milli_cpu_to_quota(cpu_limit->milli_value());
    if (out.cpu_quota_micros.has_value()) {
      out.cpu_period_micros = kCpuPeriodMicros;
    }
  }
  const api::Quantity* cpu_request = find(resources.requests, "cpu");
  if (cpu_request == nullptr) {
    cpu_request = cpu_limit;
  }
  out.cpu_shares = milli_cpu_to_shares(cpu_request ? cpu_request->milli_value() : 0);
  return out;
}

}  // namespace herd::runtime::oci
