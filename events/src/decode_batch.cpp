#include "decode_batch.hpp"

#include <algorithm>
#include <system_error>
#include <thread>

namespace herd::events {
namespace {

// One thread's contiguous share, [first, last), and where it stopped.
struct Share {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t failed = 0;  // last when every envelope decoded
  Status status;
};

void decode_share(const std::vector<std::string_view>& payloads, std::vector<Event>& events, Share& share) {
  share.failed = share.last;
  for (std::size_t i = share.first; i < share.last; ++i) {
    Result<Event> event = decode_event(payloads[i]);
    if (!event.ok()) {
      share.failed = i;
      share.status = event.status();
      return;
    }
    events[i] = std::move(event).value();
  }
}

}  // namespace

BatchDecoded decode_batch(const std::vector<std::string_view>& payloads, std::vector<Event>& events,
                          unsigned max_threads) {
  const std::size_t n = payloads.size();
  events.resize(n);
  if (max_threads == 0) max_threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = std::clamp<std::size_t>(n / kMinEnvelopesPerThread, 1, max_threads);
  std::vector<Share> shares(threads);
  for (std::size_t t = 0; t < threads; ++t) {
    shares[t].first = n * t / threads;
    shares[t].last = n * (t + 1) / threads;
  }
  std::vector<std::thread> helpers;
  helpers.reserve(threads - 1);
  std::size_t started = 1;  // shares[0] is the calling thread's
  for (; started < threads; ++started) {
    try {
      helpers.emplace_back(decode_share, std::cref(payloads), std::ref(events), std::ref(shares[started]));
    } catch (const std::system_error&) {
      break;  // no thread to be had (a resource limit): this thread does the rest
    }
  }
  decode_share(payloads, events, shares[0]);
  for (std::size_t t = started; t < threads; ++t) decode_share(payloads, events, shares[t]);
  for (std::thread& helper : helpers) helper.join();
  for (const Share& share : shares) {
    if (share.failed < share.last) return BatchDecoded{share.failed, share.status};
  }
  return BatchDecoded{n, Status()};
}

}  // namespace herd::events
