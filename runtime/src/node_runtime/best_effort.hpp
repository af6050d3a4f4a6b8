#pragma once

// Cleanup steps whose failure must not stop the steps after them (a task
// already gone, a snapshot another step removed): the failure is logged with
// what was being done, then dropped.

#include <string_view>

#include "herd/base/logging.hpp"
#include "herd/base/status.hpp"

namespace herd::runtime {

inline void best_effort(const Status& status, std::string_view what) {
  if (!status.ok() && status.code() != StatusCode::kNotFound) {
    HERD_LOG(kWarning, "node") << what << ": " << status.message();
  }
}

}  // namespace herd::runtime
