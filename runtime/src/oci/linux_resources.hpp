#pragma once

// A container's cgroup limits from its Kubernetes resources, with the
// kubelet's arithmetic (pkg/kubelet/cm/helpers_linux.go). Pure.

#include <cstdint>
#include <optional>

#include "herd/api/container.hpp"

namespace herd::runtime::oci {

/// The CFS period the kubelet uses: 100ms.
inline constexpr int64_t kCpuPeriodMicros = 100'000;
/// The smallest quota the kubelet sets: 1ms.
inline constexpr int64_t kMinCpuQuotaMicros = 1'000;
/// cpu.shares bounds (the kernel's).
inline constexpr int64_t kMinCpuShares = 2;
inline constexpr int64_t kMaxCpuShares = 262'144;

struct CpuMemoryLimits {
  std::optional<int64_t> memory_limit_bytes;  ///< None: unlimited.
  std::optional<int64_t> cpu_quota_micros;    ///< Set together with the period.
  std::optional<int64_t> cpu_period_micros;
  int64_t cpu_shares = kMinCpuShares;
  bool operator==(const CpuMemoryLimits&) const = default;
};

/// cpu.shares for a request of `milli_cpu`: milliCPU * 1024 / 1000 within
/// [2, 262144]; no request (0) is 2, as the kubelet sets it.
int64_t milli_cpu_to_shares(int64_t milli_cpu);

/// CFS quota for a limit of `milli_cpu` per kCpuPeriodMicros: milliCPU * 100
/// (500m is 50000), at least kMinCpuQuotaMicros; nullopt for no limit (0).
std::optional<int64_t> milli_cpu_to_quota(int64_t milli_cpu);

/// The limits of `resources`: memory from limits.memory (bytes, rounded
/// up); quota and period from limits.cpu; shares from requests.cpu, or
/// limits.cpu when no request is given (the kubelet's default).
CpuMemoryLimits cpu_memory_limits(const api::ResourceRequirements& resources);

}  // namespace herd::runtime::oci
