#pragma once

// Internal: decoding many stored envelopes at once, spread over threads.
// Replay reads thousands of events per call and spends most of its time in
// decode_event; the envelopes are independent, so each thread takes a
// contiguous share.

#include <cstddef>
#include <string_view>
#include <vector>

#include "herd/base/status.hpp"
#include "herd/events/event.hpp"

namespace herd::events {

/// Fewest envelopes worth a thread of their own: below this, starting one
/// costs more than it saves (a 1 KiB envelope decodes in a few µs).
inline constexpr std::size_t kMinEnvelopesPerThread = 512;

/// What decode_batch did: `decoded` envelopes from the start decoded, then
/// either the end (OK) or the first that failed and why.
struct BatchDecoded {
  std::size_t decoded = 0;
  Status status;
};

/// Decodes `payloads` in order into `events` (resized to payloads.size();
/// only the first `decoded` are set). Uses the calling thread and up to
/// `max_threads - 1` more (0: the hardware's concurrency), one per
/// kMinEnvelopesPerThread payloads; if a thread cannot be started, its share
/// is decoded on the calling thread. The payloads must stay valid until it
/// returns. Thread-safe.
BatchDecoded decode_batch(const std::vector<std::string_view>& payloads, std::vector<Event>& events,
                          unsigned max_threads = 0);

}  // namespace herd::events
