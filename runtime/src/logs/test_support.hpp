#pragma once

// Helpers the container log tests share (test targets only).

#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>

#include "herd/runtime/container_logs.hpp"

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

/// The request for container "app" of pod "web" (uid "uid-1").
ContainerLogRequest app_request();

/// The whole output of a read, or "error: <status>".
std::string read_all(const ContainerLogs& logs, const ContainerLogRequest& request);

/// A follow (request.follow is set) on its own thread; the test looks at
/// what it delivered so far and, once it returned, at its Status.
class Follower {
 public:
  /// `logs` must outlive the follower.
  Follower(const ContainerLogs& logs, ContainerLogRequest request);
  std::string text();
  std::optional<Status> result();
  /// Requests the stop (the destructor does too, then joins).
  void stop() { thread_.request_stop(); }

 private:
  std::mutex mu_;
  std::string text_;
  std::optional<Status> result_;
  std::jthread thread_;  // last: joined before the members it uses go
};

}  // namespace herd::runtime::logs::testing
