#include <utility>

#include "herd/runtime/oci_spec.hpp"
#include "oci/env_expansion.hpp"

namespace herd::runtime {

// The kubelet expands $(VAR) in command and args (ExpandContainerCommandAndArgs)
// and hands them to containerd's CRI plugin, which combines them with the
// image as Docker does (WithProcessArgs, after moby's daemon/commit.go).
Result<std::vector<std::string>> container_args(const ImageConfig& image,
                                                const api::Container& container,
                                                const ContainerEnv& env) {
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    for (const EnvVarValue& var : env.declared) {
      if (var.name == name) {
        return var.value;
      }
    }
    return std::nullopt;
  };
  std::vector<std::string> args;
  if (!container.command.empty()) {
    for (const std::string& word : container.command) {
      args.push_back(oci::expand_env_refs(word, lookup));
    }
  } else {
    const bool empty_entrypoint = image.entrypoint.size() == 1 && image.entrypoint[0].empty();
    if (!empty_entrypoint) {
      args = image.entrypoint;
    }
    if (container.args.empty()) {
      args.insert(args.end(), image.cmd.begin(), image.cmd.end());
    }
  }
  for (const std::string& word : container.args) {
    args.push_back(oci::expand_env_refs(word, lookup));
  }
  if (args.empty()) {
    return Status::invalid_argument("no command specified");
  }
  return args;
}

}  // namespace herd::runtime
