#pragma once

// herd-bench api's disk probe: what durability alone costs on the log's
// disk at the paced rate. Every create herd answers has been fdatasync'ed
// (with others, by the log's group commit); the baseline server writes
// nothing. A plain loop on the same directory, timed like the paced creates,
// shows how much of herd's figure is the disk's.

#include <cstddef>
#include <string>

#include "api_load.hpp"

namespace herd::bench {

/// Appends `record_bytes` to a new file `path` with one write() and one
/// fdatasync() per record, record i due at i / `rate` s, for `seconds`; each
/// is timed from its due time. The caller deletes the file. A failing call
/// ends the probe with LoadResult::first_error set.
LoadResult probe_disk(const std::string& path, double rate, int seconds, std::size_t record_bytes);

}  // namespace herd::bench
