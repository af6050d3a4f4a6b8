#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "herd/runtime/container_logs.hpp"
#include "logs/cri_log_format.hpp"
#include "logs/rotating_log_file.hpp"
#include "logs/test_driver_process.hpp"
#include "logs/test_support.hpp"
#include "logs/writer_lock.hpp"

namespace herd::runtime {
namespace {

using namespace std::chrono_literals;
using logs::LogStream;
using namespace logs::testing;

// 2024-05-06T07:00:<second>Z
Clock::TimePoint at_second(int second) {
  return std::chrono::time_point_cast<Clock::TimePoint::duration>(
      std::chrono::sys_days(std::chrono::year(2024) / 5 / 6) + 7h + std::chrono::seconds(second));
}

std::string out(int second, std::string_view content, bool partial = false) {
  std::string record;
  logs::append_cri_record(record, at_second(second), LogStream::kStdout, partial, content);
  return record;
}

std::string err(int second, std::string_view content, bool partial = false) {
  std::string record;
  logs::append_cri_record(record, at_second(second), LogStream::kStderr, partial, content);
  return record;
}

class ContainerLogsTest : public ::testing::Test {
 protected:
  std::filesystem::path log_path(int restart, int rotated = 0) {
    return logs::rotated_log_path(container_log_path(pods_dir_, "uid-1", "app", restart), rotated);
  }
  void write_file(const std::filesystem::path& path, const std::string& records) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::app) << records;
  }
  ContainerLogRequest request() { return app_request(); }
  std::string read(const ContainerLogRequest& r) { return read_all(*logs_, r); }

  TestDir dir_;
  std::filesystem::path pods_dir_ = dir_.path() / "pods";
  std::unique_ptr<ContainerLogs> logs_ = make_file_container_logs(pods_dir_);
};

TEST_F(ContainerLogsTest, ReadsTheCurrentInstanceAcrossItsRotatedFiles) {
  write_file(log_path(0), out(1, "old instance"));
  write_file(log_path(1, 2), out(2, "one") + err(3, "two"));
  write_file(log_path(1, 1), out(4, "three"));
  write_file(log_path(1), out(5, "four") + out(6, " five  "));
  EXPECT_EQ(read(request()), "one\ntwo\nthree\nfour\n five  \n");
}

TEST_F(ContainerLogsTest, JoinsPartialLinesOfEachStream) {
  write_file(log_path(0), out(1, "long ", true) + err(2, "interleaved") + out(3, "line", true) +
                              out(4, "!") + err(5, "x", true) + err(6, "y"));
  EXPECT_EQ(read(request()), "interleaved\nlong line!\nxy\n");
  auto r = request();
  r.timestamps = true;  // a joined line carries the time of its first part
  EXPECT_EQ(read(r),
            "2024-05-06T07:00:02.000000000Z interleaved\n"
            "2024-05-06T07:00:01.000000000Z long line!\n"
            "2024-05-06T07:00:05.000000000Z xy\n");
}

TEST_F(ContainerLogsTest, PrintsAnUnfinishedLastLineAsItIs) {
  write_file(log_path(0), out(1, "done") + out(2, "still writ", true));
  EXPECT_EQ(read(request()), "done\nstill writ");
}

TEST_F(ContainerLogsTest, TailCountsJoinedLinesAcrossFiles) {
  write_file(log_path(0, 1), out(1, "a") + out(2, "b"));
  write_file(log_path(0), out(3, "c1", true) + out(4, "c2") + out(5, "d") + out(6, "e", true));
  auto r = request();
  for (auto [tail, want] : std::vector<std::pair<int, std::string>>{{0, ""},
                                                                    {1, "e"},
                                                                    {2, "d\ne"},
                                                                    {3, "c1c2\nd\ne"},
                                                                    {4, "b\nc1c2\nd\ne"},
                                                                    {5, "a\nb\nc1c2\nd\ne"},
                                                                    {100, "a\nb\nc1c2\nd\ne"}}) {
    r.tail_lines = tail;
    EXPECT_EQ(read(r), want) << "tail " << tail;
  }
}

TEST_F(ContainerLogsTest, TailReadsOnlyTheEndOfALongLog) {
  std::string records;
  for (int i = 0; i < 20000; ++i) {
    records += out(i % 60, "line " + std::to_string(i));
  }
  write_file(log_path(0), records);  // ~900 KB: several blocks back
  auto r = request();
  r.tail_lines = 3;
  EXPECT_EQ(read(r), "line 19997\nline 19998\nline 19999\n");
  r.tail_lines = 5000;
  std::string text = read(r);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 5000);
  EXPECT_TRUE(text.starts_with("line 15000\n"));
}

TEST_F(ContainerLogsTest, LimitBytesCutsTheOutput) {
  write_file(log_path(0), out(1, "12345") + out(2, "67890"));
  auto r = request();
  r.limit_bytes = 8;
  EXPECT_EQ(read(r), "12345\n67");
  r.timestamps = true;
  r.limit_bytes = 33;
  EXPECT_EQ(read(r), "2024-05-06T07:00:01.000000000Z 12");
}

TEST_F(ContainerLogsTest, SinceTimeSkipsEarlierLines) {
  write_file(log_path(0), out(1, "one") + out(2, "tw", true) + out(3, "o") + out(4, "three"));
  auto r = request();
  r.since_time = at_second(2);
  EXPECT_EQ(read(r), "two\nthree\n");
  r.since_time = at_second(3);  // a line counts from its first part
  EXPECT_EQ(read(r), "three\n");
  r.since_time = at_second(9);
  EXPECT_EQ(read(r), "");
}

TEST_F(ContainerLogsTest, PreviousReadsTheInstanceBefore) {
  write_file(log_path(0), out(1, "first run"));
  auto r = request();
  r.previous = true;
  EXPECT_EQ(read(r),
            "error: NotFound: previous terminated container \"app\" in pod \"web\" not found");
  write_file(log_path(1), out(2, "second run"));
  EXPECT_EQ(read(r), "first run\n");
  EXPECT_EQ(read(request()), "second run\n");
}

TEST_F(ContainerLogsTest, ContainerWithoutLogsIsNotFound) {
  EXPECT_EQ(read(request()), "error: NotFound: container \"app\" in pod \"web\" not found");
  std::filesystem::create_directories(container_log_dir(pods_dir_, "uid-1", "app"));
  EXPECT_EQ(read(request()), "error: NotFound: container \"app\" in pod \"web\" not found");
}

TEST_F(ContainerLogsTest, RefusesMalformedRequests) {
  auto r = request();
  r.container = "../../etc";
  EXPECT_TRUE(read(r).starts_with("error: InvalidArgument"));
  r = request();
  r.tail_lines = -1;
  EXPECT_EQ(read(r), "error: InvalidArgument: tailLines must be >= 0");
  r = request();
  r.limit_bytes = 0;
  EXPECT_EQ(read(r), "error: InvalidArgument: limitBytes must be > 0");
}

TEST_F(ContainerLogsTest, SkipsLinesThatAreNotRecords) {
  write_file(log_path(0), out(1, "good") + "garbage\n" + out(2, "also good"));
  EXPECT_EQ(read(request()), "good\nalso good\n");
}

TEST_F(ContainerLogsTest, ASinkErrorEndsTheRead) {
  write_file(log_path(0), out(1, "x"));
  Status status = logs_->read(
      request(), [](std::string_view) { return Status::unavailable("client went away"); });
  EXPECT_EQ(status, Status::unavailable("client went away"));
}

TEST_F(ContainerLogsTest, FollowDeliversNewLinesAcrossRotationsUntilTheWriterEnds) {
  auto path = log_path(0);
  std::filesystem::create_directories(path.parent_path());
  auto lock = logs::hold_writer_lock(path);
  ASSERT_TRUE(lock.ok());
  auto file = logs::RotatingLogFile::open(path, {.max_size = 200, .max_files = 4});
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->append(out(1, "before")).ok());
  auto r = request();
  r.tail_lines = 1;
  Follower follower(*logs_, r);
  ASSERT_TRUE(eventually([&] { return follower.text() == "before\n"; })) << follower.text();

  auto written = std::chrono::steady_clock::now();
  ASSERT_TRUE((*file)->append(out(2, "new line")).ok());
  ASSERT_TRUE(eventually([&] { return follower.text() == "before\nnew line\n"; }));
  auto latency = std::chrono::steady_clock::now() - written;
  EXPECT_LT(latency, 100ms) << "inotify wakes the follow";

  // Records of 43-44 bytes: a rotation every 4. Bursts of 8 rotate twice
  // while the follow may be anywhere; between bursts it catches up. (A
  // follow more than max_files - 1 rotations behind would miss the files
  // deleted meanwhile, as with the kubelet's rotation.)
  std::string want = "before\nnew line\n";
  for (int burst = 0; burst < 5; ++burst) {
    for (int i = 0; i < 8; ++i) {
      std::string line = "r" + std::to_string(burst * 8 + i);
      want += line + "\n";
      ASSERT_TRUE((*file)->append(out(3, line)).ok());
    }
    ASSERT_TRUE(eventually([&] { return follower.text() == want; })) << follower.text();
  }
  EXPECT_FALSE(follower.result().has_value()) << "the writer still runs";

  lock->reset();  // the driver exited
  ASSERT_TRUE(eventually([&] { return follower.result().has_value(); }));
  EXPECT_TRUE(follower.result()->ok()) << follower.result()->to_string();
  EXPECT_EQ(follower.text(), want);
}

TEST_F(ContainerLogsTest, FollowStopsWhenCancelled) {
  auto path = log_path(0);
  std::filesystem::create_directories(path.parent_path());
  auto lock = logs::hold_writer_lock(path);
  ASSERT_TRUE(lock.ok());
  write_file(path, out(1, "x"));
  Follower follower(*logs_, request());
  ASSERT_TRUE(eventually([&] { return follower.text() == "x\n"; }));
  EXPECT_FALSE(follower.result().has_value());
  auto asked = std::chrono::steady_clock::now();
  follower.stop();
  ASSERT_TRUE(eventually([&] { return follower.result().has_value(); }));
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 100ms) << "the stop wakes the wait";
  EXPECT_TRUE(follower.result()->ok());
}

TEST_F(ContainerLogsTest, FollowEndsWhenANewerInstanceStarts) {
  auto path = log_path(0);
  std::filesystem::create_directories(path.parent_path());
  auto lock = logs::hold_writer_lock(path);  // held throughout: the new instance decides
  ASSERT_TRUE(lock.ok());
  write_file(path, out(1, "run 0"));
  Follower follower(*logs_, request());
  ASSERT_TRUE(eventually([&] { return follower.text() == "run 0\n"; }));
  write_file(path, out(2, "last words"));
  write_file(log_path(1), out(3, "run 1"));
  ASSERT_TRUE(eventually([&] { return follower.result().has_value(); }));
  EXPECT_EQ(follower.text(), "run 0\nlast words\n");
}

TEST_F(ContainerLogsTest, FollowsTheRealDriverUntilItsStreamsEnd) {
  auto path = log_path(0);
  // Small files, but enough of them that none is deleted before the follow
  // reads it (see FollowDeliversNewLinesAcrossRotationsUntilTheWriterEnds).
  logs::TestDriverProcess driver(
      {"--path", path.string(), "--max-size", "300", "--max-files", "12"});
  ASSERT_TRUE(driver.wait_ready());
  Follower follower(*logs_, request());
  driver.write_stdout("hello from the container\n");
  ASSERT_TRUE(eventually([&] { return follower.text() == "hello from the container\n"; }));
  std::string want = "hello from the container\n";
  for (int i = 0; i < 30; ++i) {  // ~48-byte records: a rotation every 6 lines
    std::string line = "line " + std::to_string(i) + "\n";
    want += line;
    driver.write_stdout(line);
  }
  // > 16 KiB: a P record and an F record at EOF, each alone in a file.
  driver.write_stderr(std::string(20000, 'z'));
  want += std::string(20000, 'z') + "\n";
  driver.close_stdout();
  driver.close_stderr();
  ASSERT_EQ(driver.wait_exit(), 0);
  ASSERT_TRUE(eventually([&] { return follower.result().has_value(); })) << follower.text();
  EXPECT_TRUE(follower.result()->ok());
  // The two streams are separate pipes: the stderr line may come first.
  std::string text = follower.text();
  EXPECT_EQ(text.size(), want.size());
  EXPECT_NE(text.find(std::string(20000, 'z') + "\n"), std::string::npos);
  EXPECT_NE(text.find("line 28\nline 29\n"), std::string::npos);
}

TEST(ContainerLogLayout, PathsAndDriverUri) {
  EXPECT_EQ(container_log_path("/var/lib/herd/pods", "u-1", "app", 3),
            "/var/lib/herd/pods/u-1/logs/app/3.log");
  LogDriverConfig config{
      .binary = "/opt/herd bin/herd-log-driver", .max_size = 1024, .max_files = 2};
  EXPECT_EQ(log_driver_uri(config, "/pods/u+1/logs/app/0.log"),
            "binary:///opt/herd%20bin/herd-log-driver?--max-files=2&--max-size=1024"
            "&--path=/pods/u%2B1/logs/app/0.log");
}

TEST_F(ContainerLogsTest, RemoveOldLogsKeepsCurrentAndPrevious) {
  for (int restart = 0; restart < 4; ++restart) {
    write_file(log_path(restart), out(1, "x"));
  }
  write_file(log_path(1, 1), out(1, "x"));
  write_file(logs::writer_lock_path(log_path(0)), "");
  ASSERT_TRUE(remove_old_container_logs(pods_dir_, "uid-1", "app").ok());
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(log_path(0).parent_path())) {
    left.push_back(entry.path().filename().string());
  }
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{"2.log", "3.log"}));
  EXPECT_TRUE(remove_old_container_logs(pods_dir_, "uid-1", "nothing").ok());
}

}  // namespace
}  // namespace herd::runtime
