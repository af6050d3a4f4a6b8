#include "logs/line_splitter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace herd::runtime::logs {
namespace {

// "<stream> <tag> <content>" per record, the timestamp dropped.
std::vector<std::string> records_of(const std::string& out) {
  std::vector<std::string> records;
  size_t start = 0;
  for (size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1) {
    auto record = parse_cri_record(std::string_view(out).substr(start, nl - start));
    EXPECT_TRUE(record.ok());
    records.push_back(std::string(log_stream_name(record->stream)) +
                      (record->partial ? " P " : " F ") + std::string(record->content));
  }
  EXPECT_EQ(start, out.size()) << "output ends inside a record";
  return records;
}

TEST(LineSplitter, OneRecordPerLineAcrossReads) {
  LineSplitter splitter(LogStream::kStdout);
  std::string out;
  Clock::TimePoint now{};
  splitter.feed("one\ntw", now, out);
  splitter.feed("o\r\nthree\r", now, out);
  splitter.feed("\n\nlast", now, out);
  EXPECT_EQ(records_of(out), (std::vector<std::string>{"stdout F one", "stdout F two",
                                                       "stdout F three", "stdout F "}));
  splitter.finish(now, out);
  EXPECT_EQ(records_of(out).back(), "stdout F last");
  size_t size = out.size();
  splitter.finish(now, out);
  EXPECT_EQ(out.size(), size) << "nothing left after finish";
}

TEST(LineSplitter, CutsLongLinesIntoPartialsOf16KiB) {
  LineSplitter splitter(LogStream::kStderr);
  std::string out;
  std::string line =
      std::string(kMaxRecordContent, 'a') + std::string(kMaxRecordContent, 'b') + "cc";
  splitter.feed(line.substr(0, 1000), {}, out);
  splitter.feed(line.substr(1000) + "\nnext\n", {}, out);
  auto records = records_of(out);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0], "stderr P " + std::string(kMaxRecordContent, 'a'));
  EXPECT_EQ(records[1], "stderr P " + std::string(kMaxRecordContent, 'b'));
  EXPECT_EQ(records[2], "stderr F cc");
  EXPECT_EQ(records[3], "stderr F next");
}

}  // namespace
}  // namespace herd::runtime::logs
