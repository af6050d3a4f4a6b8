#pragma once

// Where herdctl connects and which namespace it uses, found the way kubectl
// finds them: --server and --namespace flags first, else the kubeconfig's
// current context (or --context): its cluster's server and its namespace,
// else "default". The kubeconfig is --kubeconfig, else $KUBECONFIG (a
// colon-separated list whose files are merged, the first to set a value
// winning, as kubectl merges them), else ~/.kube/config. Parsed with herd's
// own YAML parser; users' credentials are not read (herd has no
// authentication yet).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::cli::herdctl {

/// The parts of a kubeconfig herdctl uses; several files merge into one.
struct Kubeconfig {
  struct Context {
    std::string cluster;
    std::string namespace_;
  };
  std::string current_context;
  std::map<std::string, std::string> cluster_servers;  ///< cluster name -> server URL
  std::map<std::string, Context> contexts;

  /// Adds what `other` sets and this one does not (kubectl's merge rule).
  void merge(const Kubeconfig& other);
};

/// Parses a kubeconfig text. kInvalidArgument naming `file_name` and the
/// field (e.g. "~/.kube/config: clusters[0].cluster.server: not a string")
/// for YAML that is not one.
Result<Kubeconfig> parse_kubeconfig(std::string_view text, const std::string& file_name);

/// The connection flags every online command takes.
struct ConnectionFlags {
  std::string server;      ///< --server
  std::string kubeconfig;  ///< --kubeconfig
  std::string context;     ///< --context
  std::string namespace_;  ///< -n/--namespace
};

/// Where to connect, resolved.
struct ClusterTarget {
  std::string server;
  std::string namespace_ = "default";
};

/// Resolves `flags` against the kubeconfig files: `kubeconfig_env` is
/// $KUBECONFIG (nullopt when unset), `home` is $HOME. A missing default
/// file is no error when --server is given. kInvalidArgument when no server
/// can be found, a named context or cluster does not exist, or a file is
/// malformed; kNotFound when a file named by --kubeconfig cannot be read.
Result<ClusterTarget> resolve_target(const ConnectionFlags& flags, const std::optional<std::string>& kubeconfig_env,
                                     const std::string& home);

}  // namespace herd::cli::herdctl
