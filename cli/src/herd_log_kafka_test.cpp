// End to end through `herd log` on a real Kafka broker (integration): the
// same manifests written to the embedded log and to Kafka replay to the same
// digest, and kcat reading herd's topics finds envelopes but no Secret value.
// scripts/test starts the broker and exports HERD_KAFKA_BOOTSTRAP.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <sstream>

#include "herd/cli/herd_log_commands.hpp"

namespace herd::cli {
namespace {

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  pclose(pipe);
  return out;
}

class HerdLogOnKafka : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* bootstrap = std::getenv("HERD_KAFKA_BOOTSTRAP");
    ASSERT_NE(bootstrap, nullptr) << "start a broker with scripts/kafka up and export HERD_KAFKA_BOOTSTRAP "
                                     "(scripts/test does both)";
    bootstrap_ = bootstrap;
    prefix_ = "herdcli" + std::to_string(std::random_device{}());
    char dir[] = "/tmp/herd-kafkacli-XXXXXX";
    dir_ = mkdtemp(dir);
    kafka_ = LogLocation{"kafka://" + bootstrap_ + "?topic-prefix=" + prefix_, dir_ + "/secret.key"};
    file_ = LogLocation{"file://" + dir_ + "/log", dir_ + "/secret.key"};
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string replay(const LogLocation& log, bool snapshot = false) {
    std::ostringstream out, err;
    EXPECT_EQ(run_log_replay(log, snapshot, out, err), 0) << err.str();
    return out.str();
  }
  void import(const LogLocation& log, const std::string& path) {
    std::ostringstream out, err;
    ASSERT_EQ(run_log_import(log, ImportOptions{{path}, "user:test"}, out, err), 0) << err.str();
  }
  static std::string digest_line(const std::string& replay_out) {
    std::size_t at = replay_out.find("digest: ");
    return at == std::string::npos ? "" : replay_out.substr(at, 8 + 64);
  }
  std::string kcat(const std::string& topic) {
    return run("kcat -b " + bootstrap_ + " -C -t " + topic + " -o beginning -e -q -f '%k\\t%s\\n' 2>&1");
  }

  std::string bootstrap_, prefix_, dir_;
  LogLocation kafka_, file_;
};

TEST_F(HerdLogOnKafka, BothBackendsReplayTheSameEventsToTheSameDigest) {
  import(file_, HERD_SOURCE_DIR "/examples/seed");
  import(file_, HERD_SOURCE_DIR "/examples/kinds");
  import(file_, HERD_SOURCE_DIR "/examples/seed");  // unchanged: no new events
  std::ostringstream out, err;
  ASSERT_EQ(run_log_copy(file_, kafka_, out, err), 0) << err.str();
  EXPECT_EQ(out.str(), "copied 31 events\n");
  std::string file_replay = replay(file_);
  std::string kafka_replay = replay(kafka_);
  EXPECT_NE(file_replay.find("objects: 31"), std::string::npos) << file_replay;
  EXPECT_EQ(digest_line(file_replay).size(), 72u);
  EXPECT_EQ(digest_line(kafka_replay), digest_line(file_replay)) << kafka_replay << "\n" << file_replay;

  // A snapshot in Kafka's compacted topic; replay from it gives the same state.
  std::string with_snapshot = replay(kafka_, /*snapshot=*/true);
  EXPECT_NE(with_snapshot.find("snapshot: written (31 objects)"), std::string::npos) << with_snapshot;
  std::string from_snapshot = replay(kafka_);
  EXPECT_NE(from_snapshot.find("after a snapshot of 31 objects"), std::string::npos) << from_snapshot;
  EXPECT_EQ(digest_line(from_snapshot), digest_line(file_replay));
}

TEST_F(HerdLogOnKafka, KcatReadsEnvelopesKeyedByObjectAndNoSecretValue) {
  import(kafka_, HERD_SOURCE_DIR "/examples/seed");
  std::string deployments = kcat(prefix_ + ".events.Deployment");
  EXPECT_NE(deployments.find("Deployment/default/sise-deploy\t{\"v\":1,\"id\":\""), std::string::npos) << deployments;
  EXPECT_NE(deployments.find("\"type\":\"ObjectCreated\""), std::string::npos);

  std::string secrets = kcat(prefix_ + ".events.Secret");
  EXPECT_NE(secrets.find("Secret/default/mariadb-secrets\t"), std::string::npos) << secrets;
  EXPECT_NE(secrets.find("\"sealed\":\"herd-aes256gcm:1:"), std::string::npos) << secrets;
  EXPECT_EQ(secrets.find("cG9ydHVz"), std::string::npos) << secrets;
  EXPECT_EQ(secrets.find("portus"), std::string::npos) << secrets;

  replay(kafka_, /*snapshot=*/true);
  std::istringstream snapshots(kcat(prefix_ + ".snapshots"));
  int secret_records = 0;
  for (std::string line; std::getline(snapshots, line);) {
    if (line.rfind("Secret/", 0) != 0) continue;  // other objects may say "portus" (a NetworkPolicy's name)
    ++secret_records;
    EXPECT_NE(line.find("\"sealed\":\"herd-aes256gcm:1:"), std::string::npos) << line;
    EXPECT_EQ(line.find("cG9ydHVz"), std::string::npos) << line;
    EXPECT_EQ(line.find("portus"), std::string::npos) << line;
  }
  EXPECT_EQ(secret_records, 1);
}

TEST_F(HerdLogOnKafka, TailFollowsOneKind) {
  import(kafka_, HERD_SOURCE_DIR "/examples/seed");
  std::ostringstream out, err;
  TailOptions options;
  options.kind = "Service";
  ASSERT_EQ(run_log_tail(kafka_, options, out, err), 0) << err.str();
  std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  EXPECT_NE(text.find("ObjectCreated"), std::string::npos);
  EXPECT_NE(text.find("Service default/registry"), std::string::npos);
}

}  // namespace
}  // namespace herd::cli
