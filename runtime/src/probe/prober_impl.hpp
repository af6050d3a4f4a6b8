#pragma once

// The Prober with its actions injected: make_prober() passes the real ones,
// tests pass fakes.

#include <memory>

#include "herd/runtime/prober.hpp"
#include "probe/probe_action.hpp"

namespace herd::runtime::probe {

/// A Prober whose workers get their actions from `actions`.
std::unique_ptr<Prober> make_prober(ProberDeps deps, ProbeActionFactory actions);

}  // namespace herd::runtime::probe
