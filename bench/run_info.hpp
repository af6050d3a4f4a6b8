#pragma once

// What every herd-bench command prints about its run and names its data by:
// the run id, the time, how busy the machine was.

#include <filesystem>
#include <string>
#include <string_view>

namespace herd::bench {

/// "herdbench-20260315-101502-4242": names a run's directory or topics.
std::string run_id();

/// "2026-03-15 10:15 UTC".
std::string utc_now();

/// "2 cores, load 0.85": how busy the machine is now.
std::string machine();

/// Creates DIR/<run_id()> into `out`; on failure prints why to stderr and
/// returns false.
bool create_run_dir(const std::string& dir, std::filesystem::path& out);

inline bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace herd::bench
