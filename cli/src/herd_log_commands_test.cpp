#include "herd/cli/herd_log_commands.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace herd::cli {
namespace {

class HerdLogCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/herd-logcmd-XXXXXX";
    dir_ = mkdtemp(dir);
    log_ = LogLocation{"file://" + dir_ + "/log", dir_ + "/secret.key"};
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  struct Out {
    int code;
    std::string out, err;
  };
  Out import(const std::string& path) {
    std::ostringstream out, err;
    int code = run_log_import(log_, ImportOptions{{path}, "user:test"}, out, err);
    return {code, out.str(), err.str()};
  }
  Out replay(bool snapshot = false) {
    std::ostringstream out, err;
    int code = run_log_replay(log_, snapshot, out, err);
    return {code, out.str(), err.str()};
  }
  Out tail(std::optional<std::string> kind, const std::string& output = "text") {
    std::ostringstream out, err;
    TailOptions options;
    options.kind = std::move(kind);
    options.output = output;
    int code = run_log_tail(log_, options, out, err);
    return {code, out.str(), err.str()};
  }
  static std::string digest_of(const std::string& replay_out) {
    std::size_t at = replay_out.find("digest: ");
    return at == std::string::npos ? "" : replay_out.substr(at + 8, 64);
  }

  std::string dir_;
  LogLocation log_;
};

const std::string kExamples = HERD_SOURCE_DIR "/examples/seed";

TEST_F(HerdLogCommands, ImportThenReplayCountsObjectsPerKindAndPrintsADigest) {
  Out imported = import(kExamples);
  ASSERT_EQ(imported.code, 0) << imported.err;
  EXPECT_NE(imported.out.find("deployments/sise-deploy created"), std::string::npos) << imported.out;
  Out r = replay();
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("events: 12\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("objects: 12\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  Pod                     3\n"), std::string::npos) << r.out;
  EXPECT_EQ(digest_of(r.out).size(), 64u);
}

TEST_F(HerdLogCommands, ReimportIsUnchangedAndAChangeBecomesAnUpdate) {
  ASSERT_EQ(import(kExamples).code, 0);
  std::string before = digest_of(replay().out);
  Out again = import(kExamples + "/service-registry.yaml");
  EXPECT_EQ(again.out, "services/registry unchanged\n");
  EXPECT_EQ(digest_of(replay().out), before);
}

TEST_F(HerdLogCommands, TailPrintsOneLinePerEventAndFiltersByKind) {
  ASSERT_EQ(import(kExamples).code, 0);
  Out all = tail(std::nullopt);
  ASSERT_EQ(all.code, 0) << all.err;
  EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '\n'), 12);
  Out deployments = tail(std::string("Deployment"));
  EXPECT_EQ(std::count(deployments.out.begin(), deployments.out.end(), '\n'), 1);
  EXPECT_NE(deployments.out.find("ObjectCreated"), std::string::npos);
  EXPECT_NE(deployments.out.find("Deployment default/sise-deploy"), std::string::npos);
  EXPECT_NE(deployments.out.find("user:test"), std::string::npos);
  Out json = tail(std::string("Deployment"), "json");
  EXPECT_EQ(json.out.rfind("{\"v\":1,", 0), 0u) << json.out;
}

TEST_F(HerdLogCommands, SnapshotThenReplayGivesTheSameDigest) {
  ASSERT_EQ(import(kExamples).code, 0);
  Out first = replay(/*snapshot=*/true);
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("snapshot: written (12 objects)"), std::string::npos) << first.out;
  Out second = replay();
  EXPECT_NE(second.out.find("after a snapshot of 12 objects"), std::string::npos) << second.out;
  EXPECT_EQ(digest_of(second.out), digest_of(first.out));
}

TEST_F(HerdLogCommands, SecretValuesAreNotInTheLogFilesButReplayReadsThem) {
  ASSERT_EQ(import(kExamples + "/secret-mariadb-secrets.yaml").code, 0);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_ + "/log")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("cG9ydHVz"), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find("portus"), std::string::npos) << entry.path();
  }
  EXPECT_EQ(replay().code, 0);
  std::filesystem::remove(dir_ + "/secret.key");
  log_.encryption_key = dir_ + "/other.key";
  Out without = replay();
  EXPECT_EQ(without.code, 1);
  EXPECT_NE(without.err.find("sealed with key"), std::string::npos) << without.err;
}

TEST_F(HerdLogCommands, BadUriIsAClearError) {
  log_.uri = "s3://bucket";
  Out r = replay();
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("expected file:///DIR or kafka://HOST:PORT"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace herd::cli
