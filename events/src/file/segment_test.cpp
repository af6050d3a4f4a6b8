// Segment and its sparse index: appends, seeks, and the index rebuilt from
// the data when its file is missing or damaged.

#include "file/segment.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "file/file_test_util.hpp"
#include "file/record_format.hpp"
#include "file/segment_index.hpp"

namespace herd::events::file::testing {
namespace {

// Appends `count` records "r<offset>" padded to ~100 bytes, `per_append` at a time.
void fill(Segment& segment, int count, int per_append) {
  for (int i = 0; i < count; i += per_append) {
    std::string records;
    std::vector<uint32_t> sizes;
    for (int j = i; j < std::min(count, i + per_append); ++j) {
      std::string payload = "r" + std::to_string(segment.base_offset() + j);
      payload.resize(100, '.');
      append_record(records, payload);
      sizes.push_back(static_cast<uint32_t>(payload.size() + kRecordHeaderSize));
    }
    ASSERT_TRUE(segment.append(records, sizes).ok());
  }
}

std::vector<std::string> read_payloads(const Segment& segment, int64_t from, int64_t to) {
  std::vector<std::string> out;
  Status status = segment.read(from, to, [&](int64_t offset, std::string_view payload) {
    EXPECT_EQ(payload.substr(0, payload.find('.')), "r" + std::to_string(offset));
    out.emplace_back(payload);
    return true;
  });
  EXPECT_TRUE(status.ok()) << status.to_string();
  return out;
}

class SegmentTest : public ::testing::Test {
 protected:
  SegmentTest() { std::filesystem::create_directories(dir_.path() + "/segments"); }
  std::string segments() const { return dir_.path() + "/segments"; }
  SegmentOptions options_{.index_interval_bytes = 512, .torn_window_bytes = 1 << 20};
  TempDir dir_;
};

TEST_F(SegmentTest, IndexEntriesAreSpacedByTheIntervalAndSeekCorrectly) {
  auto segment = Segment::create(segments(), 1000, options_);
  ASSERT_TRUE(segment.ok());
  fill(**segment, 200, 7);
  EXPECT_EQ((*segment)->next_offset(), 1200);
  std::vector<IndexEntry> index = (*segment)->index_entries();
  ASSERT_GE(index.size(), 30u);
  EXPECT_EQ(index.front(), (IndexEntry{1000, 0}));
  for (std::size_t i = 1; i < index.size(); ++i) {
    EXPECT_GE(index[i].position - index[i - 1].position, 512u);
    EXPECT_LT(index[i].position - index[i - 1].position, 512u + 108u);
  }
  for (int64_t from = 1000; from < 1200; from += 13) {
    std::vector<std::string> got = read_payloads(**segment, from, from + 5);
    ASSERT_EQ(got.size(), 5u);
  }
  EXPECT_TRUE(read_payloads(**segment, 1200, 1300).empty());
  EXPECT_EQ(read_payloads(**segment, 0, 1003).size(), 3u) << "reads before the base start at it";
}

TEST_F(SegmentTest, IndexFileHoldsTheEntriesAsWritten) {
  auto segment = Segment::create(segments(), 0, options_);
  ASSERT_TRUE(segment.ok());
  fill(**segment, 100, 3);
  bool complete = false;
  std::vector<IndexEntry> on_disk =
      SparseIndex::decode(read_file(segment_path(dir_.path(), 0, ".idx")), &complete);
  EXPECT_TRUE(complete);
  EXPECT_EQ(on_disk, (*segment)->index_entries());
}

TEST_F(SegmentTest, SealedSegmentRebuildsAMissingOrDamagedIndex) {
  std::vector<IndexEntry> original;
  {
    auto segment = Segment::create(segments(), 0, options_);
    ASSERT_TRUE(segment.ok());
    fill(**segment, 150, 10);
    original = (*segment)->index_entries();
  }
  const std::string idx = segment_path(dir_.path(), 0, ".idx");
  const std::string good = read_file(idx);
  std::string flipped = good;
  flipped[kIndexEntrySize * 3 + 5] ^= 0x10;
  std::string beyond = good;  // a last entry past the end of the data
  beyond += SparseIndex::encode_entry({150, 1u << 20});
  std::string into_record = good;  // a last entry that points inside a record
  into_record.replace(into_record.size() - kIndexEntrySize, kIndexEntrySize,
                      SparseIndex::encode_entry({original.back().offset,
                                                 original.back().position + 8}));
  for (const auto& [what, content] : std::vector<std::pair<std::string, std::string>>{
           {"missing", ""}, {"flipped", flipped}, {"truncated", good.substr(0, 50)},
           {"beyond", beyond}, {"into record", into_record}, {"garbage", std::string(200, 'x')}}) {
    SCOPED_TRACE(what);
    if (what == "missing") {
      std::filesystem::remove(idx);
    } else {
      write_file(idx, content);
    }
    auto sealed = Segment::open_sealed(segments(), 0, 150, options_);
    ASSERT_TRUE(sealed.ok()) << sealed.status().to_string();
    EXPECT_EQ((*sealed)->index_entries(), original);
    EXPECT_EQ(read_payloads(**sealed, 0, 150).size(), 150u);
    EXPECT_EQ(read_file(idx), good) << "index file not rewritten";
  }
}

TEST_F(SegmentTest, SealedSegmentWithTheWrongCountIsCorrupt) {
  {
    auto segment = Segment::create(segments(), 0, options_);
    ASSERT_TRUE(segment.ok());
    fill(**segment, 20, 20);
  }
  auto too_many = Segment::open_sealed(segments(), 0, 25, options_);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.status().code(), StatusCode::kCorrupt);
  auto too_few = Segment::open_sealed(segments(), 0, 15, options_);
  EXPECT_EQ(too_few.status().code(), StatusCode::kCorrupt);
  EXPECT_TRUE(Segment::open_sealed(segments(), 0, 20, options_).ok());
}

TEST_F(SegmentTest, RecoverLastOfAnEmptyFileIsEmpty) {
  { ASSERT_TRUE(Segment::create(segments(), 42, options_).ok()); }
  auto segment = Segment::recover_last(segments(), 42, options_);
  ASSERT_TRUE(segment.ok());
  EXPECT_EQ((*segment)->next_offset(), 42);
  EXPECT_EQ((*segment)->size_bytes(), 0u);
  fill(**segment, 3, 3);
  EXPECT_EQ(read_payloads(**segment, 42, 45).size(), 3u);
}

TEST_F(SegmentTest, RemoveFilesKeepsOpenReadersWorking) {
  auto segment = Segment::create(segments(), 0, options_);
  ASSERT_TRUE(segment.ok());
  fill(**segment, 10, 10);
  ASSERT_TRUE((*segment)->remove_files().ok());
  EXPECT_FALSE(std::filesystem::exists(segment_path(dir_.path(), 0)));
  EXPECT_EQ(read_payloads(**segment, 0, 10).size(), 10u);
}

}  // namespace
}  // namespace herd::events::file::testing
