#include "logs/test_support.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace herd::runtime::logs::testing {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TestDir::TestDir() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  path_ = std::filesystem::temp_directory_path() /
          ("herd-" + std::string(test->test_suite_name()) + "-" + test->name() + "-" +
           std::to_string(::getpid()));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TestDir::~TestDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

ContainerLogRequest app_request() {
  ContainerLogRequest r;
  r.pod_uid = "uid-1";
  r.pod_name = "web";
  r.container = "app";
  return r;
}

std::string read_all(const ContainerLogs& logs, const ContainerLogRequest& request) {
  std::string text;
  Status status = logs.read(request, [&text](std::string_view chunk) {
    text += chunk;
    return Status();
  });
  return status.ok() ? text : "error: " + status.to_string();
}

Follower::Follower(const ContainerLogs& logs, ContainerLogRequest request) {
  request.follow = true;
  thread_ = std::jthread([this, &logs, request](std::stop_token stop) {
    Status status = logs.read(
        request,
        [this](std::string_view chunk) {
          std::lock_guard lock(mu_);
          text_ += chunk;
          return Status();
        },
        stop);
    std::lock_guard lock(mu_);
    result_ = status;
  });
}

std::string Follower::text() {
  std::lock_guard lock(mu_);
  return text_;
}

std::optional<Status> Follower::result() {
  std::lock_guard lock(mu_);
  return result_;
}

}  // namespace herd::runtime::logs::testing
