#include "logs/log_emitter.hpp"

namespace herd::runtime::logs {
namespace {

// Output gathered before it is handed to the sink without waiting for flush().
constexpr size_t kChunkSize = 64 * 1024;
// A line longer than this (a program that never writes LF) is delivered in
// pieces instead of being held in memory whole.
constexpr size_t kMaxHeldLine = 1024 * 1024;

}  // namespace

LogEmitter::LogEmitter(const ContainerLogRequest& request, const LogSink& sink)
    : request_(request), sink_(sink) {}

void LogEmitter::add_record(std::string_view line) {
  if (done_) {
    return;
  }
  auto record = parse_cri_record(line);
  if (!record.ok()) {
    return;  // the kubelet skips what it cannot parse too
  }
  OpenLine& open = lines_[static_cast<size_t>(record->stream)];
  if (!open.open) {
    open.open = true;
    open.time = record->time;
    open.wanted = !request_.since_time || record->time >= *request_.since_time;
  }
  open.text.append(record->content);
  if (!record->partial) {
    emit(open, true, true);
  } else if (open.text.size() >= kMaxHeldLine) {
    emit(open, false, false);
  }
}

void LogEmitter::finish_lines() {
  for (OpenLine& open : lines_) {
    if (open.open) {
      emit(open, true, false);  // the line never ended: print it as it is
    }
  }
  flush();
}

void LogEmitter::emit(OpenLine& line, bool closes, bool newline) {
  if (line.wanted) {
    if (request_.timestamps && !line.started) {
      append_output(format_cri_timestamp(line.time) + " ");
    }
    append_output(line.text);
    if (newline) {
      append_output("\n");
    }
  }
  line.text.clear();
  line.started = !closes;
  line.open = !closes;
  if (out_.size() >= kChunkSize) {
    flush();
  }
}

void LogEmitter::append_output(std::string_view text) {
  if (done_) {
    return;
  }
  if (request_.limit_bytes) {
    auto room = static_cast<size_t>(*request_.limit_bytes - written_);
    if (text.size() >= room) {
      text = text.substr(0, room);
      done_ = true;
    }
  }
  out_.append(text);
  written_ += static_cast<int64_t>(text.size());
}

void LogEmitter::flush() {
  if (out_.empty() || !status_.ok()) {
    return;
  }
  status_ = sink_(out_);
  out_.clear();
  if (!status_.ok()) {
    done_ = true;
  }
}

}  // namespace herd::runtime::logs
