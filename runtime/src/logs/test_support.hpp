#pragma once

// Helpers the container log tests share (test targets only).

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

namespace herd::runtime::logs::testing {

/// Polls `done` every few milliseconds until it holds (true) or `timeout`
/// passes (false).
template <class Predicate>
bool eventually(Predicate done, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

/// A file's whole contents ("" when it cannot be read).
std::string slurp(const std::filesystem::path& path);

/// A fresh, empty directory for the running test, removed when destroyed.
class TestDir {
 public:
  TestDir();
  ~TestDir();
  TestDir(const TestDir&) = delete;
  TestDir& operator=(const TestDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace herd::runtime::logs::testing
