#include "herd/server/response_stream.hpp"

#include <utility>

namespace herd::server {

ResponseStream::ResponseStream(std::size_t max_buffered_bytes, std::chrono::milliseconds max_duration)
    : max_buffered_bytes_(max_buffered_bytes), max_duration_(max_duration) {}

bool ResponseStream::push(std::string chunk) {
  std::function<void()> wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (closed_ || finished_) return false;
    if (queued_.size() + chunk.size() > max_buffered_bytes_) {
      closed_ = true;
    } else {
      queued_ += chunk;
    }
    wake = wake_;
  }
  if (wake) wake();
  std::lock_guard<std::mutex> lock(mu_);
  return !closed_;
}

void ResponseStream::finish() {
  std::function<void()> wake;
  {
    std::lock_guard<std::mutex> lock(mu_);
    finished_ = true;
    wake = wake_;
  }
  if (wake) wake();
}

bool ResponseStream::closed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return closed_ || finished_;
}

void ResponseStream::on_close(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!closed_) {
      on_close_ = std::move(fn);
      return;
    }
  }
  fn();
}

void ResponseStream::set_wake(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(mu_);
  wake_ = std::move(wake);
}

ResponseStream::Taken ResponseStream::take() {
  std::lock_guard<std::mutex> lock(mu_);
  Taken taken;
  taken.closed = closed_;
  taken.finished = finished_;
  if (!closed_) taken.data = std::move(queued_);
  queued_.clear();
  return taken;
}

void ResponseStream::close() {
  std::function<void()> on_close;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    wake_ = nullptr;
    on_close = std::move(on_close_);
    on_close_ = nullptr;
  }
  if (on_close) on_close();
}

}  // namespace herd::server
