#include "logs/rotating_log_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "logs/test_support.hpp"

namespace herd::runtime::logs {
namespace {

using testing::slurp;
using testing::TestDir;

class RotatingLogFileTest : public ::testing::Test {
 protected:
  TestDir test_dir_;
  std::filesystem::path dir_ = test_dir_.path() / "logs";
};

TEST_F(RotatingLogFileTest, RotatesBeforeARecordWouldPassMaxSizeAndKeepsMaxFiles) {
  auto path = dir_ / "c" / "0.log";  // the directories are created
  auto file = RotatingLogFile::open(path, {.max_size = 10, .max_files = 3});
  ASSERT_TRUE(file.ok()) << file.status().to_string();
  ASSERT_TRUE((*file)->append("aaaa\nbbbb\n").ok());  // 10 bytes: fits exactly
  ASSERT_TRUE((*file)->append("cc\n").ok());          // would be 13: rotates first
  EXPECT_EQ(slurp(rotated_log_path(path, 1)), "aaaa\nbbbb\n");
  EXPECT_EQ(slurp(path), "cc\n");
  // One append that spans two rotations; a record never splits.
  ASSERT_TRUE((*file)->append("dddddd\neeeeeeeeeeeeeeee\nf\n").ok());
  EXPECT_EQ(slurp(path), "f\n");
  EXPECT_EQ(slurp(rotated_log_path(path, 1)), "eeeeeeeeeeeeeeee\n") << "larger than max: alone";
  EXPECT_EQ(slurp(rotated_log_path(path, 2)), "cc\ndddddd\n");
  EXPECT_FALSE(std::filesystem::exists(rotated_log_path(path, 3)))
      << "max_files counts the current";
  EXPECT_EQ((*file)->size(), 2);
}

TEST_F(RotatingLogFileTest, OneFileDropsTheOldLines) {
  auto path = dir_ / "0.log";
  auto file = RotatingLogFile::open(path, {.max_size = 4, .max_files = 1});
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->append("abc\nxyz\n").ok());
  EXPECT_EQ(slurp(path), "xyz\n");
  EXPECT_FALSE(std::filesystem::exists(rotated_log_path(path, 1)));
}

TEST_F(RotatingLogFileTest, AppendsToAnExistingFileAndCountsItsSize) {
  auto path = dir_ / "0.log";
  std::filesystem::create_directories(dir_);
  std::ofstream(path) << "old\n";
  auto file = RotatingLogFile::open(path, {.max_size = 6, .max_files = 2});
  ASSERT_TRUE(file.ok());
  EXPECT_EQ((*file)->size(), 4);
  ASSERT_TRUE((*file)->append("new\n").ok());
  EXPECT_EQ(slurp(path), "new\n");
  EXPECT_EQ(slurp(rotated_log_path(path, 1)), "old\n");
}

TEST_F(RotatingLogFileTest, RefusesBadLimits) {
  EXPECT_EQ(RotatingLogFile::open(dir_ / "0.log", {.max_size = 0, .max_files = 2}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(RotatingLogFile::open(dir_ / "0.log", {.max_size = 1, .max_files = 0}).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace herd::runtime::logs
