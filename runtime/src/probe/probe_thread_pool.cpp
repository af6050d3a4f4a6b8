#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "herd/base/check.hpp"
#include "herd/runtime/prober.hpp"

namespace herd::runtime {

struct ProbeThreadPool::State {
  std::mutex mu;
  std::condition_variable wake;
  std::deque<std::function<void()>> queue;  // guarded by mu
  bool stopping = false;                    // guarded by mu
  std::vector<std::thread> threads;

  void loop() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mu);
        wake.wait(lock, [this] { return stopping || !queue.empty(); });
        if (stopping) {
          return;
        }
        job = std::move(queue.front());
        queue.pop_front();
      }
      job();
    }
  }
};

ProbeThreadPool::ProbeThreadPool(int threads) : state_(std::make_unique<State>()) {
  HERD_CHECK(threads >= 1) << "ProbeThreadPool needs a thread, got " << threads;
  for (int i = 0; i < threads; ++i) {
    state_->threads.emplace_back([state = state_.get()] { state->loop(); });
  }
}

ProbeThreadPool::~ProbeThreadPool() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(state_->mu);
    state_->stopping = true;
    dropped.swap(state_->queue);
  }
  state_->wake.notify_all();
  for (std::thread& thread : state_->threads) {
    thread.join();
  }
  // `dropped` goes last, outside the lock: its jobs may hold what they captured.
}

ProbeExecutor ProbeThreadPool::executor() {
  return [state = state_.get()](std::function<void()> job) {
    {
      std::lock_guard lock(state->mu);
      if (state->stopping) {
        return;
      }
      state->queue.push_back(std::move(job));
    }
    state->wake.notify_one();
  };
}

}  // namespace herd::runtime
