#include "herdctl/kubeconfig.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "herd/api/codec.hpp"

namespace herd::cli::herdctl {
namespace {

// A kubeconfig field's problem, named by file and field path.
Status malformed(const std::string& file, const std::string& path, const std::string& what) {
  return Status::invalid_argument(file + ": " + path + ": " + what);
}

// The string at `key` of `object` ("" when absent); an error when it is
// there but not a string.
Result<std::string> optional_string(const api::Value& object, std::string_view key, const std::string& file,
                                    const std::string& path) {
  const api::Value* v = object.find(key);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return malformed(file, path + std::string(key), "not a string");
  return v->as_string();
}

// The named entries of a `clusters:` or `contexts:` list: each entry's name
// and its `inner` object, handed to `take`.
template <class Take>
Status for_each_named(const api::Value& doc, std::string_view list, std::string_view inner, const std::string& file,
                      Take take) {
  const api::Value* entries = doc.find(list);
  if (entries == nullptr || entries->is_null()) return Status();
  if (!entries->is_array()) return malformed(file, std::string(list), "not a list");
  for (std::size_t i = 0; i < entries->as_array().size(); ++i) {
    const api::Value& entry = entries->as_array()[i];
    std::string path = std::string(list) + "[" + std::to_string(i) + "].";
    if (!entry.is_object()) return malformed(file, path.substr(0, path.size() - 1), "not a mapping");
    HERD_ASSIGN_OR_RETURN(std::string name, optional_string(entry, "name", file, path));
    if (name.empty()) return malformed(file, path + "name", "missing");
    const api::Value* body = entry.find(inner);
    if (body == nullptr || body->is_null()) continue;
    if (!body->is_object()) return malformed(file, path + std::string(inner), "not a mapping");
    HERD_RETURN_IF_ERROR(take(name, *body, path + std::string(inner) + "."));
  }
  return Status();
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::not_found("kubeconfig " + path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  for (std::string part; std::getline(in, part, ':');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

// The merged kubeconfig of `files`; files that do not exist are skipped
// unless `required`.
Result<Kubeconfig> load(const std::vector<std::string>& files, bool required) {
  Kubeconfig merged;
  for (const std::string& file : files) {
    if (!required && !std::filesystem::exists(file)) continue;
    HERD_ASSIGN_OR_RETURN(std::string text, read_file(file));
    HERD_ASSIGN_OR_RETURN(Kubeconfig config, parse_kubeconfig(text, file));
    merged.merge(config);
  }
  return merged;
}

}  // namespace

void Kubeconfig::merge(const Kubeconfig& other) {
  if (current_context.empty()) current_context = other.current_context;
  cluster_servers.insert(other.cluster_servers.begin(), other.cluster_servers.end());
  contexts.insert(other.contexts.begin(), other.contexts.end());
}

Result<Kubeconfig> parse_kubeconfig(std::string_view text, const std::string& file_name) {
  api::ParsedText parsed = api::parse_yaml(text);
  if (parsed.error) {
    return Status::invalid_argument(file_name + ":" + std::to_string(parsed.error->pos.line) + ":" +
                                    std::to_string(parsed.error->pos.column) + ": " + parsed.error->message);
  }
  Kubeconfig config;
  if (parsed.documents.empty() || parsed.documents[0].is_null()) return config;
  const api::Value& doc = parsed.documents[0];
  if (!doc.is_object()) return Status::invalid_argument(file_name + ": not a kubeconfig (a YAML mapping)");
  HERD_ASSIGN_OR_RETURN(config.current_context, optional_string(doc, "current-context", file_name, ""));
  HERD_RETURN_IF_ERROR(
      for_each_named(doc, "clusters", "cluster", file_name,
                     [&](const std::string& name, const api::Value& cluster, const std::string& path) -> Status {
                       Result<std::string> server = optional_string(cluster, "server", file_name, path);
                       if (!server.ok()) return server.status();
                       config.cluster_servers.emplace(name, *server);
                       return Status();
                     }));
  HERD_RETURN_IF_ERROR(
      for_each_named(doc, "contexts", "context", file_name,
                     [&](const std::string& name, const api::Value& context, const std::string& path) -> Status {
                       Kubeconfig::Context c;
                       HERD_ASSIGN_OR_RETURN(c.cluster, optional_string(context, "cluster", file_name, path));
                       HERD_ASSIGN_OR_RETURN(c.namespace_, optional_string(context, "namespace", file_name, path));
                       config.contexts.emplace(name, c);
                       return Status();
                     }));
  return config;
}

Result<ClusterTarget> resolve_target(const ConnectionFlags& flags, const std::optional<std::string>& kubeconfig_env,
                                     const std::string& home) {
  std::vector<std::string> files;
  bool required = !flags.kubeconfig.empty();
  if (required) {
    files.push_back(flags.kubeconfig);
  } else if (kubeconfig_env && !kubeconfig_env->empty()) {
    files = split_list(*kubeconfig_env);
  } else if (!home.empty()) {
    files.push_back(home + "/.kube/config");
  }
  HERD_ASSIGN_OR_RETURN(Kubeconfig config, load(files, required));
  ClusterTarget target;
  std::string context_name = flags.context.empty() ? config.current_context : flags.context;
  const Kubeconfig::Context* context = nullptr;
  if (!context_name.empty()) {
    auto it = config.contexts.find(context_name);
    if (it != config.contexts.end()) {
      context = &it->second;
    } else if (!flags.context.empty() || flags.server.empty()) {
      return Status::invalid_argument("context \"" + context_name + "\" does not exist");
    }
  }
  if (context != nullptr && !context->namespace_.empty()) target.namespace_ = context->namespace_;
  if (!flags.namespace_.empty()) target.namespace_ = flags.namespace_;
  target.server = flags.server;
  if (target.server.empty() && context != nullptr) {
    auto it = config.cluster_servers.find(context->cluster);
    if (it == config.cluster_servers.end()) {
      return Status::invalid_argument("context \"" + context_name + "\": cluster \"" + context->cluster +
                                      "\" does not exist");
    }
    target.server = it->second;
  }
  if (target.server.empty()) {
    return Status::invalid_argument(
        "no server to connect to: give --server, or a kubeconfig "
        "(--kubeconfig, KUBECONFIG or ~/.kube/config; "
        "`herd up` writes one into its data directory)");
  }
  return target;
}

}  // namespace herd::cli::herdctl
