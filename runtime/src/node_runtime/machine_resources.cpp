// The Node's capacity from the machine itself: the CPUs this process may run
// on (sched_getaffinity, so a cpuset-limited herd reports what it can use)
// and MemTotal of /proc/meminfo.

#include <sched.h>

#include <fstream>
#include <string>
#include <thread>

#include "herd/base/logging.hpp"
#include "herd/runtime/containerd_runtime.hpp"

namespace herd::runtime {
namespace {

int usable_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) return CPU_COUNT(&set);
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// MemTotal in KiB; 0 when /proc/meminfo says nothing.
int64_t mem_total_kib() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  int64_t value = 0;
  std::string unit;
  while (in >> key >> value >> unit) {
    if (key == "MemTotal:") return value;
  }
  return 0;
}

}  // namespace

NodeResources machine_resources() {
  NodeResources r;
  r.cpu = api::Quantity::from_int(usable_cpus());
  int64_t kib = mem_total_kib();
  if (kib == 0) {
    HERD_LOG(kWarning, "node") << "/proc/meminfo has no MemTotal: the node reports 0 memory";
  }
  Result<api::Quantity> memory = api::Quantity::parse(std::to_string(kib) + "Ki");
  r.memory = memory.ok() ? *memory : api::Quantity::from_int(0);
  r.pods = 110;
  return r;
}

}  // namespace herd::runtime
