#pragma once

// BackOff: how long a step waits before it is tried again, as the kubelet's
// flowcontrol.Backoff: the first wait is `initial`, each next one twice the
// last up to `max`. A container that ran for at least `reset_after` before it
// exited starts over at `initial` (it was healthy for a while).

#include <chrono>

namespace herd::runtime {

class BackOff {
 public:
  using Duration = std::chrono::milliseconds;

  BackOff(Duration initial, Duration max, Duration reset_after = Duration::max())
      : initial_(initial), max_(max), reset_after_(reset_after) {}

  /// The wait before the next try, after a try that lasted `ran`.
  Duration next(Duration ran = Duration::zero()) {
    if (ran >= reset_after_) last_ = Duration::zero();
    last_ = last_ == Duration::zero() ? initial_ : std::min(last_ * 2, max_);
    return last_;
  }

  /// The wait next() returned last; zero before the first.
  Duration last() const { return last_; }

  /// Forgets the tries so far (the step succeeded).
  void reset() { last_ = Duration::zero(); }

 private:
  Duration initial_;
  Duration max_;
  Duration reset_after_;
  Duration last_{0};
};

}  // namespace herd::runtime
