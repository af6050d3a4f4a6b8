#include "oci/linux_resources.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::oci {
namespace {

api::ResourceRequirements resources(api::ResourceList limits, api::ResourceList requests) {
  return {std::move(limits), std::move(requests)};
}
api::Quantity q(std::string_view text) { return api::Quantity::parse(text).value(); }

TEST(LinuxResources, HalfACpuIsAQuotaOf50000Per100000) {
  CpuMemoryLimits limits = cpu_memory_limits(resources({{"cpu", q("500m")}}, {}));
  EXPECT_EQ(limits.cpu_quota_micros, 50000);
  EXPECT_EQ(limits.cpu_period_micros, 100000);
  EXPECT_EQ(limits.cpu_shares, 512) << "no request: the limit is requested";
}

TEST(LinuxResources, MemoryLimitInBytes) {
  EXPECT_EQ(cpu_memory_limits(resources({{"memory", q("64Mi")}}, {})).memory_limit_bytes, 67108864);
  EXPECT_EQ(cpu_memory_limits(resources({{"memory", q("1G")}}, {})).memory_limit_bytes, 1000000000);
  EXPECT_EQ(cpu_memory_limits(resources({{"memory", q("0.5")}}, {})).memory_limit_bytes, 1)
      << "rounded up";
}

TEST(LinuxResources, NothingSetIsUnlimitedWithMinimalShares) {
  EXPECT_EQ(cpu_memory_limits({}), (CpuMemoryLimits{std::nullopt, std::nullopt, std::nullopt, 2}));
}

TEST(LinuxResources, SharesFromTheRequest) {
  EXPECT_EQ(cpu_memory_limits(resources({{"cpu", q("2")}}, {{"cpu", q("250m")}})).cpu_shares, 256);
  EXPECT_EQ(milli_cpu_to_shares(0), 2);
  EXPECT_EQ(milli_cpu_to_shares(1), 2);
  EXPECT_EQ(milli_cpu_to_shares(100), 102);
  EXPECT_EQ(milli_cpu_to_shares(1000), 1024);
  EXPECT_EQ(milli_cpu_to_shares(1'000'000), 262144);
  EXPECT_EQ(milli_cpu_to_shares(INT64_MAX), 262144);
}

TEST(LinuxResources, QuotaHasAFloorOf1ms) {
  EXPECT_EQ(milli_cpu_to_quota(0), std::nullopt);
  EXPECT_EQ(milli_cpu_to_quota(5), 1000);
  EXPECT_EQ(milli_cpu_to_quota(10), 1000);
  EXPECT_EQ(milli_cpu_to_quota(11), 1100);
  EXPECT_EQ(milli_cpu_to_quota(2500), 250000);
  EXPECT_GT(*milli_cpu_to_quota(INT64_MAX), 0) << "no overflow";
}

}  // namespace
}  // namespace herd::runtime::oci
