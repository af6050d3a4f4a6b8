#include "volume/atomic_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "volume/volume_testing.hpp"

namespace herd::runtime::volume {
namespace {

using testing::contents;
using testing::exists;
using testing::link_target;
using testing::mode_of;
using testing::TempDir;

// The "..<timestamp>" data directories in `dir`.
std::vector<std::string> data_dirs(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("..") && name != "..data") names.push_back(name);
  }
  return names;
}

TEST(AtomicWriter, WritesFilesBehindDataLinkWithTheirModes) {
  TempDir dir;
  ASSERT_TRUE(write_payload(dir.path(), {{"app.conf", {"port=80\n", 0644}},
                                         {"conf/nested/key.pem", {"KEY", 0400}},
                                         {"run.sh", {"#!/bin/sh\n", 0755}}})
                  .ok());
  const std::string& d = dir.path();
  EXPECT_EQ(contents(d + "/app.conf"), "port=80\n");
  EXPECT_EQ(contents(d + "/conf/nested/key.pem"), "KEY");
  EXPECT_EQ(mode_of(d + "/app.conf"), 0644);
  EXPECT_EQ(mode_of(d + "/conf/nested/key.pem"), 0400);
  EXPECT_EQ(mode_of(d + "/run.sh"), 0755);
  // The kubelet's layout: top-level links into ..data, ..data into a timestamped dir.
  EXPECT_EQ(link_target(d + "/app.conf"), "..data/app.conf");
  EXPECT_EQ(link_target(d + "/conf"), "..data/conf");
  const std::vector<std::string> dirs = data_dirs(d);
  ASSERT_EQ(dirs.size(), 1u);
  EXPECT_EQ(link_target(d + "/..data"), dirs[0]);
  EXPECT_TRUE(dirs[0].starts_with("..20")) << dirs[0];
  EXPECT_EQ(mode_of(d + "/" + dirs[0]), 0755);
  EXPECT_EQ(mode_of(d + "/..data/conf/nested"), 0755);
}

TEST(AtomicWriter, UnchangedPayloadIsNotRewritten) {
  TempDir dir;
  const Payload payload{{"a", {"1", 0644}}};
  ASSERT_TRUE(write_payload(dir.path(), payload).ok());
  const std::string before = link_target(dir.path() + "/..data");
  Result<std::optional<StagedPayload>> staged = stage_payload(dir.path(), payload);
  ASSERT_TRUE(staged.ok());
  EXPECT_FALSE(staged->has_value());
  EXPECT_EQ(link_target(dir.path() + "/..data"), before);
}

TEST(AtomicWriter, ModeChangeAloneRewrites) {
  TempDir dir;
  ASSERT_TRUE(write_payload(dir.path(), {{"a", {"1", 0644}}}).ok());
  ASSERT_TRUE(write_payload(dir.path(), {{"a", {"1", 0600}}}).ok());
  EXPECT_EQ(mode_of(dir.path() + "/a"), 0600);
}

TEST(AtomicWriter, OldContentVisibleUntilPublishNewAfter) {
  TempDir dir;
  const std::string& d = dir.path();
  ASSERT_TRUE(write_payload(d, {{"a", {"old-a", 0644}}, {"b", {"old-b", 0644}}}).ok());
  const std::string old_dir = link_target(d + "/..data");

  Result<std::optional<StagedPayload>> staged =
      stage_payload(d, {{"a", {"new-a", 0644}}, {"c", {"new-c", 0644}}});
  ASSERT_TRUE(staged.ok()) << staged.status().to_string();
  ASSERT_TRUE(staged->has_value());
  // Staged but not published: readers still see every old file and no new one.
  EXPECT_EQ(contents(d + "/a"), "old-a");
  EXPECT_EQ(contents(d + "/b"), "old-b");
  EXPECT_FALSE(exists(d + "/c"));

  ASSERT_TRUE(publish_payload(d, **staged).ok());
  EXPECT_EQ(contents(d + "/a"), "new-a");
  EXPECT_EQ(contents(d + "/c"), "new-c");
  EXPECT_FALSE(exists(d + "/b"));  // a key gone from the object goes from the volume
  EXPECT_FALSE(exists(d + "/" + old_dir));
  EXPECT_EQ(data_dirs(d).size(), 1u);
}

TEST(AtomicWriter, AnOpenFileKeepsItsOldContentAcrossAnUpdate) {
  TempDir dir;
  ASSERT_TRUE(write_payload(dir.path(), {{"a", {"old", 0644}}}).ok());
  std::ifstream reader(dir.path() + "/a");
  ASSERT_TRUE(write_payload(dir.path(), {{"a", {"new", 0644}}}).ok());
  std::string seen;
  reader >> seen;
  EXPECT_EQ(seen, "old");
  EXPECT_EQ(contents(dir.path() + "/a"), "new");
}

TEST(AtomicWriter, PublishRemovesDataDirsACrashLeftStaged) {
  TempDir dir;
  ASSERT_TRUE(write_payload(dir.path(), {{"a", {"1", 0644}}}).ok());
  Result<std::optional<StagedPayload>> abandoned = stage_payload(dir.path(), {{"a", {"2", 0644}}});
  ASSERT_TRUE(abandoned.ok() && abandoned->has_value());
  ASSERT_TRUE(write_payload(dir.path(), {{"a", {"3", 0644}}}).ok());
  EXPECT_EQ(data_dirs(dir.path()).size(), 1u);
  EXPECT_EQ(contents(dir.path() + "/a"), "3");
}

TEST(AtomicWriter, EmptyPayloadLeavesAnEmptyVolume) {
  TempDir dir;
  ASSERT_TRUE(write_payload(dir.path(), {{"a", {"1", 0644}}}).ok());
  ASSERT_TRUE(write_payload(dir.path(), {}).ok());
  EXPECT_FALSE(exists(dir.path() + "/a"));
  EXPECT_TRUE(exists(dir.path() + "/..data"));
}

TEST(AtomicWriter, LeavesForeignEntriesAlone) {
  TempDir dir;
  ASSERT_TRUE(write_payload(dir.path(), {{"a", {"1", 0644}}}).ok());
  testing::write_text(dir.path() + "/mine", "x");  // not the writer's: e.g. a subPath directory
  ASSERT_TRUE(write_payload(dir.path(), {{"b", {"2", 0644}}}).ok());
  EXPECT_EQ(contents(dir.path() + "/mine"), "x");
}

TEST(CheckPayload, RejectsTraversalConflictsAndWideModes) {
  EXPECT_EQ(check_payload({{"../x", {"", 0644}}}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_payload({{"/x", {"", 0644}}}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(check_payload({{"a", {"", 0644}}, {"a/b", {"", 0644}}}).message(),
            "invalid path: a/b is below the file a");
  EXPECT_EQ(check_payload({{"a", {"", 04755}}}).code(), StatusCode::kInvalidArgument);
}

TEST(AtomicWriter, RefusedPayloadWritesNothing) {
  TempDir dir;
  EXPECT_FALSE(write_payload(dir.path(), {{"../escape", {"x", 0644}}}).ok());
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
  EXPECT_FALSE(exists(dir.path() + "/../escape"));
}

}  // namespace
}  // namespace herd::runtime::volume
