#pragma once

// ProbeAction: one attempt of a probe's check (httpGet, tcpSocket, exec,
// grpc), already bound to its container: host, port and command resolved.
// The workers know only this interface; tests give them fakes.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "herd/api/container.hpp"
#include "herd/base/result.hpp"
#include "herd/runtime/prober.hpp"

namespace herd::runtime::probe {

/// How one attempt went, before thresholds (the kubelet's probe.Result).
struct ProbeOutcome {
  enum class Kind {
    kSuccess,
    kWarning,  ///< Counts as a success, with something to say (a redirect not followed).
    kFailure,
    kError,  ///< The check could not be made; counts neither way.
  };
  Kind kind = Kind::kSuccess;
  /// Why, for anything but kSuccess: "HTTP probe failed with statuscode: 500".
  std::string output;

  static ProbeOutcome success() { return {}; }
  static ProbeOutcome warning(std::string why) { return {Kind::kWarning, std::move(why)}; }
  static ProbeOutcome failure(std::string why) { return {Kind::kFailure, std::move(why)}; }
  static ProbeOutcome error(std::string why) { return {Kind::kError, std::move(why)}; }
};

class ProbeAction {
 public:
  virtual ~ProbeAction() = default;
  /// Makes one attempt, giving up after about `timeout`. Called on a probe
  /// thread, never concurrently for one action.
  virtual ProbeOutcome run(std::chrono::milliseconds timeout) = 0;
};

/// Builds the action of `probe` (exactly one handler set) for `container`
/// running as `target`. Never fails: what cannot be resolved (a named port
/// the container lacks) becomes an action whose every attempt errors, as the
/// kubelet's do.
using ProbeActionFactory = std::function<std::unique_ptr<ProbeAction>(
    const api::Probe& probe, const api::Container& container, const ProbeTarget& target)>;

/// The real actions: sockets for httpGet and tcpSocket, `exec` (may be null:
/// exec attempts then error) for exec; grpc attempts error (not implemented).
/// `exec` must outlive the actions.
ProbeActionFactory real_probe_actions(ExecRunner* exec);

/// The port a probe names: a number, or the name of one of `container`'s
/// ports (its containerPort), or a number written as a string, as the
/// kubelet's ResolveContainerPort. kInvalidArgument:
///   port "web" not found in container "app"      invalid port number: 70000
Result<int> resolve_port(const api::IntOrString& port, const api::Container& container);

}  // namespace herd::runtime::probe
