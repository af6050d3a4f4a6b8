#include "volume/volume_path.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::volume {
namespace {

TEST(CheckFilePath, AcceptsRelativeAndNestedPaths) {
  EXPECT_TRUE(check_file_path("app.properties").ok());
  EXPECT_TRUE(check_file_path("conf/nested/app.yaml").ok());
  EXPECT_TRUE(check_file_path(".hidden").ok());
  EXPECT_TRUE(check_file_path("a..b").ok());
}

TEST(CheckFilePath, RejectsTraversalAndAbsolutePaths) {
  EXPECT_EQ(check_file_path("../etc/passwd").message(),
            "invalid path: must not contain '..': ../etc/passwd");
  EXPECT_EQ(check_file_path("a/../../b").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_file_path("/etc/passwd").message(),
            "invalid path: must be relative path: /etc/passwd");
  EXPECT_EQ(check_file_path("").message(), "invalid path: must not be empty");
}

TEST(CheckFilePath, RejectsTheWritersOwnNamesAndOddComponents) {
  EXPECT_EQ(check_file_path("..data").message(), "invalid path: must not start with '..': ..data");
  EXPECT_EQ(check_file_path("..2026_01_01/x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_file_path("a//b").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_file_path("a/./b").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_file_path("a/").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_file_path(std::string(256, 'x')).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_file_path(std::string(4097, 'x')).code(), StatusCode::kInvalidArgument);
}

TEST(CheckSubPath, AllowsEmptyAndRelativeRejectsTraversal) {
  EXPECT_TRUE(check_sub_path("").ok());
  EXPECT_TRUE(check_sub_path("data/logs").ok());
  EXPECT_TRUE(check_sub_path("..data").ok());  // a name, not a step up
  EXPECT_EQ(check_sub_path("a/../../etc").message(),
            "subPath \"a/../../etc\" must not contain '..'");
  EXPECT_EQ(check_sub_path("/etc").message(), "subPath \"/etc\" must be a relative path");
}

TEST(CheckDirName, AcceptsUidsRejectsSeparatorsAndDots) {
  EXPECT_TRUE(check_dir_name("pod uid", "3f2c-11aa_b.c").ok());
  EXPECT_EQ(check_dir_name("pod uid", "a/b").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_dir_name("pod uid", "..").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_dir_name("pod uid", "").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_dir_name("volume name", "a b").message(),
            "volume name \"a b\" is not usable as a directory name (1-255 letters, digits, '-', "
            "'_', '.')");
}

TEST(PathComponents, SkipsEmptyComponents) {
  EXPECT_EQ(path_components("/a//b/c/"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(path_components("").empty());
}

TEST(IsWithin, ComparesWholeComponents) {
  EXPECT_TRUE(is_within("/var/pods/x", "/var/pods"));
  EXPECT_TRUE(is_within("/var/pods", "/var/pods"));
  EXPECT_FALSE(is_within("/var/pods-evil", "/var/pods"));
  EXPECT_FALSE(is_within("/var", "/var/pods"));
  EXPECT_TRUE(is_within("/etc", "/"));
}

}  // namespace
}  // namespace herd::runtime::volume
