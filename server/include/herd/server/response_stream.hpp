#pragma once

// ResponseStream: the body of a response that is sent while it is being made
// (a watch). A producer pushes chunks from any thread; the server writes them
// as HTTP/1.1 chunks as soon as it can, and ends the response when the
// producer finishes, when the client goes away, or at the stream's deadline.
//
// The buffer is bounded: a client that stops reading makes push() fail once
// max_buffered_bytes wait, and the connection is then closed (Kubernetes ends
// a watch whose client does not keep up the same way).
//
// Thread-safe.

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace herd::server {

class ResponseStream {
 public:
  explicit ResponseStream(std::size_t max_buffered_bytes = 16 * 1024 * 1024,
                          std::chrono::milliseconds max_duration = std::chrono::minutes(30));

  // Producer side.

  /// Queues `chunk`. False when the stream is closed, or is now closed
  /// because too much waits: the producer should stop.
  bool push(std::string chunk);
  /// No more chunks: the response ends after the queued ones.
  void finish();
  /// True once the stream is closed (client gone, buffer over its limit,
  /// server stopping) or finished.
  bool closed() const;
  /// Runs `fn` once when the stream is closed by the server side (client
  /// gone, deadline, server stopping), never from inside push(): producers
  /// use it to stop producing. Runs at once if already closed.
  void on_close(std::function<void()> fn);

  // Server side.

  struct Taken {
    std::string data;       ///< Everything queued, concatenated.
    bool finished = false;  ///< The producer finished (after `data`).
    bool closed = false;    ///< Closed: write nothing more, drop the connection.
  };
  /// Sets what is called (from the producer's thread) when there is
  /// something to take.
  void set_wake(std::function<void()> wake);
  Taken take();
  /// Closes from the server side and runs the on_close callback.
  void close();
  std::chrono::milliseconds max_duration() const { return max_duration_; }

 private:
  const std::size_t max_buffered_bytes_;
  const std::chrono::milliseconds max_duration_;
  mutable std::mutex mu_;
  std::string queued_;
  bool finished_ = false;
  bool closed_ = false;
  std::function<void()> wake_;
  std::function<void()> on_close_;
};

}  // namespace herd::server
