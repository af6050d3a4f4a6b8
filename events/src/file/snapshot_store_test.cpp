#include "file/snapshot_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "file/file_test_util.hpp"

namespace herd::events::file::testing {
namespace {

std::size_t count_snap_files(const std::string& dir) {
  std::size_t n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    n += entry.path().extension() == ".snap" ? 1 : 0;
  }
  return n;
}

TEST(SnapshotStore, EncodeDecodeRoundTrip) {
  StoredSnapshot snapshot{1234, {"{\"a\":1}", "", std::string(100'000, 'z')}};
  Result<StoredSnapshot> back = SnapshotStore::decode(SnapshotStore::encode(snapshot));
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(back->offset, 1234);
  EXPECT_EQ(back->objects, snapshot.objects);
}

TEST(SnapshotStore, EveryTruncationAndFlipIsCorrupt) {
  std::string bytes = SnapshotStore::encode(StoredSnapshot{7, {"{\"x\":true}", "{}"}});
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_EQ(SnapshotStore::decode(bytes.substr(0, n)).status().code(), StatusCode::kCorrupt) << n;
    std::string flipped = bytes;
    flipped[n] ^= 0x04;
    EXPECT_FALSE(SnapshotStore::decode(flipped).ok()) << "flip at " << n;
  }
}

TEST(SnapshotStore, LatestWinsAndOnlyTwoAreKept) {
  TempDir dir;
  SnapshotStore store(dir.path());
  auto none = store.latest();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  for (int64_t offset : {10, 20, 30, 40}) {
    ASSERT_TRUE(store.write(StoredSnapshot{offset, {std::to_string(offset)}}).ok());
    auto latest = store.latest();
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ(latest->value().offset, offset);
    EXPECT_EQ(latest->value().objects, std::vector<std::string>{std::to_string(offset)});
  }
  EXPECT_EQ(count_snap_files(dir.path()), 2u);
  // A later snapshot at an earlier cursor replaces the ones after it (30
  // and 40); 20, the one before it, was already gone.
  ASSERT_TRUE(store.write(StoredSnapshot{25, {"again"}}).ok());
  EXPECT_EQ(store.latest().value()->offset, 25);
  EXPECT_EQ(count_snap_files(dir.path()), 1u);
}

TEST(SnapshotStore, LeftoverTemporaryFilesAreRemoved) {
  TempDir dir;
  write_file(dir.path() + "/00000000000000000005.snap.tmp", "half written");
  SnapshotStore store(dir.path());
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/00000000000000000005.snap.tmp"));
  EXPECT_FALSE(store.latest().value().has_value());
}

TEST(SnapshotStore, FileWhoseOffsetDisagreesWithItsNameIsSkipped) {
  TempDir dir;
  SnapshotStore store(dir.path());
  ASSERT_TRUE(store.write(StoredSnapshot{3, {"three"}}).ok());
  write_file(dir.path() + "/00000000000000000009.snap",
             SnapshotStore::encode(StoredSnapshot{8, {"renamed"}}));
  EXPECT_EQ(store.latest().value()->offset, 3);
}

}  // namespace
}  // namespace herd::events::file::testing
