#include "logs/line_splitter.hpp"

namespace herd::runtime::logs {

void LineSplitter::feed(std::string_view data, Clock::TimePoint now, std::string& out) {
  while (!data.empty()) {
    size_t room = kMaxRecordContent - pending_.size();
    size_t newline = data.substr(0, room).find('\n');
    if (newline != std::string_view::npos) {
      if (pending_.empty()) {
        emit(data.substr(0, newline), false, now, out);  // the common case: no copy
      } else {
        pending_.append(data.substr(0, newline));
        emit(pending_, false, now, out);
        pending_.clear();
      }
      data.remove_prefix(newline + 1);
      continue;
    }
    size_t take = std::min(room, data.size());
    pending_.append(data.substr(0, take));
    data.remove_prefix(take);
    if (pending_.size() == kMaxRecordContent) {
      emit(pending_, true, now, out);
      pending_.clear();
    }
  }
}

void LineSplitter::finish(Clock::TimePoint now, std::string& out) {
  if (!pending_.empty()) {
    emit(pending_, false, now, out);
    pending_.clear();
  }
}

void LineSplitter::emit(std::string_view content, bool partial, Clock::TimePoint now,
                        std::string& out) const {
  if (!partial && !content.empty() && content.back() == '\r') {
    content.remove_suffix(1);
  }
  append_cri_record(out, now, stream_, partial, content);
}

}  // namespace herd::runtime::logs
