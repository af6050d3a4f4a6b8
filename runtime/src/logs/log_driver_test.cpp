// herd-log-driver as a real child process, started the way containerd's
// shim starts it (test_driver_process.hpp).

#include "logs/log_driver.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "logs/cri_log_format.hpp"
#include "logs/rotating_log_file.hpp"
#include "logs/test_driver_process.hpp"
#include "logs/test_support.hpp"
#include "logs/writer_lock.hpp"

namespace herd::runtime::logs {
namespace {

using namespace std::chrono_literals;
using namespace testing;

// The records of a file, "<stream> <tag> <content>"; fails on a line that is
// not a record with a plausible time.
std::vector<std::string> records_in(const std::filesystem::path& path) {
  std::vector<std::string> records;
  std::istringstream in(slurp(path));
  auto now = std::chrono::system_clock::now();
  for (std::string line; std::getline(in, line);) {
    auto record = parse_cri_record(line);
    EXPECT_TRUE(record.ok()) << line;
    if (!record.ok()) {
      continue;
    }
    EXPECT_EQ(record->timestamp.size(), 30u) << "fixed width: " << record->timestamp;
    EXPECT_LT(now - record->time, std::chrono::minutes(1));
    records.push_back(std::string(log_stream_name(record->stream)) +
                      (record->partial ? " P " : " F ") + std::string(record->content));
  }
  return records;
}

class LogDriverTest : public ::testing::Test {
 protected:
  TestDir dir_;
  std::filesystem::path path_ = dir_.path() / "web" / "0.log";
};

TEST_F(LogDriverTest, WritesCriRecordsAndExitsWhenBothStreamsEnd) {
  // Arguments come in whatever order Go's map gives, with or without "--".
  TestDriverProcess driver({"max-files", "3", "--path", path_.string()});
  ASSERT_TRUE(driver.wait_ready());
  EXPECT_TRUE(driver.running()) << "fd 5 closed by the running driver, not by its exit";
  EXPECT_TRUE(std::filesystem::exists(path_)) << "the file exists once ready";
  EXPECT_EQ(writer_state(path_), WriterState::kRunning);

  driver.write_stdout("hello\nwor");
  driver.write_stderr("oops\r\n");
  ASSERT_TRUE(eventually([&] { return records_in(path_).size() == 2; }))
      << "lines reach the file without waiting for more output";
  driver.write_stdout("ld\n");
  driver.close_stdout();
  EXPECT_FALSE(driver.wait_exit(200ms).has_value()) << "stderr is still open";
  driver.write_stderr("no newline at the end");
  driver.close_stderr();
  EXPECT_EQ(driver.wait_exit(), 0);

  auto records = records_in(path_);
  std::sort(records.begin(), records.end());  // the two streams interleave freely
  EXPECT_EQ(records, (std::vector<std::string>{"stderr F no newline at the end", "stderr F oops",
                                               "stdout F hello", "stdout F world"}));
  EXPECT_EQ(writer_state(path_), WriterState::kFinished);
}

TEST_F(LogDriverTest, SplitsLongLinesIntoPartialRecords) {
  TestDriverProcess driver({"--path", path_.string()});
  ASSERT_TRUE(driver.wait_ready());
  std::string line = std::string(kMaxRecordContent, 'x') + std::string(100, 'y');
  std::thread writer([&] {
    driver.write_stdout(line + "\n");
    driver.close_stdout();
  });
  driver.close_stderr();
  writer.join();
  ASSERT_EQ(driver.wait_exit(), 0);
  EXPECT_EQ(records_in(path_),
            (std::vector<std::string>{"stdout P " + std::string(kMaxRecordContent, 'x'),
                                      "stdout F " + std::string(100, 'y')}));
}

TEST_F(LogDriverTest, RotatesBySizeAndKeepsMaxFiles) {
  TestDriverProcess driver({"--max-size", "400", "--path", path_.string(), "--max-files", "3"});
  ASSERT_TRUE(driver.wait_ready());
  driver.close_stderr();
  // 40 records of 50 bytes ("<30-byte time> stdout F line 0012" and LF):
  // 8 fit in 400 bytes, so 5 files were written and the 3 newest kept.
  for (int i = 0; i < 40; ++i) {
    char line[16];
    std::snprintf(line, sizeof line, "line %04d\n", i);
    driver.write_stdout(line);
  }
  driver.close_stdout();
  ASSERT_EQ(driver.wait_exit(), 0);
  auto current = records_in(path_);
  auto first = records_in(rotated_log_path(path_, 1));
  auto second = records_in(rotated_log_path(path_, 2));
  EXPECT_FALSE(std::filesystem::exists(rotated_log_path(path_, 3)));
  for (const auto& file : {path_, rotated_log_path(path_, 1), rotated_log_path(path_, 2)}) {
    EXPECT_LE(std::filesystem::file_size(file), 400u) << file;
  }
  ASSERT_EQ(current.size(), 8u);
  ASSERT_EQ(first.size(), 8u);
  ASSERT_EQ(second.size(), 8u);
  EXPECT_EQ(second.front(), "stdout F line 0016");
  EXPECT_EQ(first.front(), "stdout F line 0024");
  EXPECT_EQ(current.back(), "stdout F line 0039");
}

TEST_F(LogDriverTest, CopiesWhatThePipesHoldOnSigterm) {
  TestDriverProcess driver({"--path", path_.string()});
  ASSERT_TRUE(driver.wait_ready());
  driver.write_stdout("before\nunfinished");
  driver.signal(SIGTERM);  // the streams stay open: the shim sends SIGTERM when it gives up
  EXPECT_EQ(driver.wait_exit(), 0);
  EXPECT_EQ(records_in(path_),
            (std::vector<std::string>{"stdout F before", "stdout F unfinished"}));
  EXPECT_EQ(writer_state(path_), WriterState::kFinished);
}

TEST_F(LogDriverTest, RefusesBadArgumentsWithUsage) {
  TestDriverProcess missing({"--max-size", "10"});
  EXPECT_EQ(missing.wait_exit(), 2);
  TestDriverProcess unknown({"--path", path_.string(), "--colour", "red"});
  EXPECT_EQ(unknown.wait_exit(), 2);
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST(LogDriverArgs, ParsesPairsInAnyOrder) {
  auto options =
      parse_log_driver_args({"--max-files", "2", "path", "/l/0.log", "--max-size", "99"});
  ASSERT_TRUE(options.ok()) << options.status().to_string();
  EXPECT_EQ(options->path, "/l/0.log");
  EXPECT_EQ(options->limits.max_size, 99);
  EXPECT_EQ(options->limits.max_files, 2);
  auto defaults = parse_log_driver_args({"--path", "/l/0.log"});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->limits.max_size, 10 * 1024 * 1024);
  EXPECT_EQ(defaults->limits.max_files, 5);
  EXPECT_EQ(parse_log_driver_args({"--path"}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parse_log_driver_args({"--path", "relative.log"}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(parse_log_driver_args({"--path", "/x", "--max-size", "10k"}).status().message(),
            "--max-size wants a positive integer, got \"10k\"; usage: herd-log-driver --path "
            "<file> [--max-size <bytes>] [--max-files <n>]");
  EXPECT_EQ(parse_log_driver_args({"--path", "/x", "--max-files", "0"}).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace herd::runtime::logs
