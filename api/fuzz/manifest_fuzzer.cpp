// Fuzzes the manifest decoder with arbitrary text: it must never crash, and
// every object it accepts must survive encode -> YAML -> decode unchanged.

#include <cstdio>
#include <cstdlib>

#include "round_trip_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string problem = herd::api::fuzz::check_round_trip({reinterpret_cast<const char*>(data), size});
  if (!problem.empty()) {
    std::fprintf(stderr, "%s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
