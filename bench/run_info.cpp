#include "run_info.hpp"

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <thread>

#include "report.hpp"

namespace herd::bench {

std::string run_id() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  return "herdbench-" + std::string(stamp) + "-" + std::to_string(::getpid());
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
  return text;
}

std::string machine() {
  double load[1] = {0};
  std::string text = std::to_string(std::thread::hardware_concurrency()) + " cores";
  if (::getloadavg(load, 1) == 1) {
    text += ", load " + format_number(load[0], 2);
  }
  return text;
}

bool create_run_dir(const std::string& dir, std::filesystem::path& out) {
  out = std::filesystem::path(dir) / run_id();
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::cerr << "herd-bench: creating " << out.string() << ": " << ec.message() << "\n";
    return false;
  }
  return true;
}

}  // namespace herd::bench
