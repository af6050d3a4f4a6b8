#pragma once

// Helpers for the Kafka backend's tests (only *_test.cpp include this). The
// tests need a real broker: scripts/test starts one and exports its address
// as HERD_KAFKA_BOOTSTRAP; by hand:
//
//   scripts/kafka up                       # prints 127.0.0.1:PORT last
//   export HERD_KAFKA_BOOTSTRAP=127.0.0.1:PORT
//
// Without it every test FAILS (never skips): a green run must mean the
// backend was tested. Each log gets a unique topic prefix, so runs and tests
// never see each other's records.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "herd/events/event_log.hpp"
#include "herd/events/log_factory.hpp"
#include "kafka/kafka_admin.hpp"
#include "kafka/kafka_event_log.hpp"

namespace herd::events::kafka::testing {

inline constexpr const char* kBootstrapVariable = "HERD_KAFKA_BOOTSTRAP";

/// The broker address from HERD_KAFKA_BOOTSTRAP, or "" (the caller fails).
inline std::string bootstrap() {
  const char* value = std::getenv(kBootstrapVariable);
  return value == nullptr ? "" : value;
}

/// The failure message when HERD_KAFKA_BOOTSTRAP is unset.
inline std::string missing_broker_message() {
  return std::string(kBootstrapVariable) +
         " is not set: these tests need a real Kafka broker. Run `scripts/kafka up` and "
         "`export " +
         kBootstrapVariable + "=<the address it prints last>` (scripts/test does both).";
}

/// A topic prefix no other run or test uses: "herdtest<random hex><n>".
inline std::string unique_prefix() {
  static const uint64_t run =
      std::random_device{}() ^ (static_cast<uint64_t>(std::random_device{}()) << 32);
  static std::atomic<int> n{0};
  char buf[40];
  std::snprintf(buf, sizeof buf, "herdtest%012llx%d",
                static_cast<unsigned long long>(run & 0xffffffffffffull), ++n);
  return buf;
}

/// Options for a test log under `prefix`.
inline LogOptions test_options(const std::string& prefix, std::chrono::milliseconds broker_timeout =
                                                              std::chrono::seconds(30)) {
  LogOptions options;
  options.topic_prefix = prefix;
  options.broker_timeout = broker_timeout;
  return options;
}

/// Opens a KafkaEventLog on the test broker; nullptr (and a test failure)
/// when it cannot.
inline std::unique_ptr<KafkaEventLog> open_test_log(const LogOptions& options) {
  auto log = KafkaEventLog::open(bootstrap(), options);
  if (!log.ok()) {
    ADD_FAILURE() << "KafkaEventLog::open(" << bootstrap() << "): " << log.status().to_string();
    return nullptr;
  }
  return std::move(log).value();
}

/// Deletes the topics under `prefix` (best effort: a failure is only logged).
/// HERD_KAFKA_KEEP_TOPICS=1 keeps them, to read a failed test's log with kcat.
inline void delete_test_topics(const std::string& prefix) {
  if (const char* keep = std::getenv("HERD_KAFKA_KEEP_TOPICS"); keep != nullptr && *keep == '1') {
    std::fprintf(stderr, "keeping topics %s.* (HERD_KAFKA_KEEP_TOPICS)\n", prefix.c_str());
    return;
  }
  auto admin = KafkaAdmin::open(bootstrap(), test_options(prefix, std::chrono::seconds(10)));
  if (!admin.ok()) return;
  Status deleted = admin.value()->delete_topics_with_prefix(prefix + ".");
  if (!deleted.ok())
    std::fprintf(stderr, "cleanup of %s.*: %s\n", prefix.c_str(), deleted.to_string().c_str());
}

/// Runs `command` with /bin/sh; returns its exit code (-1 if it could not
/// run) and appends its stdout to `*out` when given.
inline int run_command(const std::string& command, std::string* out = nullptr) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  std::array<char, 65536> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) {
    if (out != nullptr) out->append(buf.data(), n);
  }
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// `scripts/kafka <args>` of this source tree.
inline std::string kafka_script(const std::string& args) {
  return std::string(HERD_SOURCE_DIR) + "/scripts/kafka " + args;
}

/// A fixture whose tests fail at once without a broker, with a fresh prefix.
class KafkaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (bootstrap().empty()) {
      FAIL() << missing_broker_message();
    }
    prefix_ = unique_prefix();
  }
  void TearDown() override {
    if (!prefix_.empty()) delete_test_topics(prefix_);
  }
  std::string prefix_;
};

}  // namespace herd::events::kafka::testing
