#include "herdctl/resources.hpp"

#include <cctype>
#include <sstream>

namespace herd::cli::herdctl {
namespace {

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::stringstream in{std::string(text)};
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

}  // namespace

Result<const api::KindInfo*> resolve_kind(std::string_view word) {
  const api::KindInfo* kind = api::find_kind_by_name(word);
  if (kind == nullptr) {
    return Status::invalid_argument("the server doesn't have a resource type \"" + std::string(word) + "\"");
  }
  return kind;
}

Result<std::vector<const api::KindInfo*>> resolve_kinds(std::string_view words) {
  std::vector<const api::KindInfo*> kinds;
  for (const std::string& word : split(words, ',')) {
    if (word.empty()) continue;
    HERD_ASSIGN_OR_RETURN(const api::KindInfo* kind, resolve_kind(word));
    kinds.push_back(kind);
  }
  if (kinds.empty()) return Status::invalid_argument("no resource type given in \"" + std::string(words) + "\"");
  return kinds;
}

Result<std::vector<ResourceRef>> parse_resource_args(const std::vector<std::string>& args) {
  if (args.empty()) {
    return Status::invalid_argument(
        "you must specify the type of resource, "
        "e.g. deployments, or KIND/NAME");
  }
  std::vector<ResourceRef> refs;
  if (args[0].find('/') != std::string::npos) {
    for (const std::string& arg : args) {
      std::size_t slash = arg.find('/');
      if (slash == std::string::npos || slash + 1 == arg.size()) {
        return Status::invalid_argument(
            "there is no need to specify a resource type as a separate "
            "argument when "
            "passing arguments in resource/name form (e.g. 'herdctl get "
            "resource/name' "
            "instead of 'herdctl get resource resource/name'): \"" +
            arg + "\"");
      }
      HERD_ASSIGN_OR_RETURN(const api::KindInfo* kind, resolve_kind(arg.substr(0, slash)));
      refs.push_back({kind, arg.substr(slash + 1)});
    }
    return refs;
  }
  HERD_ASSIGN_OR_RETURN(std::vector<const api::KindInfo*> kinds, resolve_kinds(args[0]));
  for (const api::KindInfo* kind : kinds) {
    if (args.size() == 1) refs.push_back({kind, ""});
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i].find('/') != std::string::npos) {
        return Status::invalid_argument(
            "arguments in resource/name form must "
            "have a single resource and name: \"" +
            args[i] + "\"");
      }
      refs.push_back({kind, args[i]});
    }
  }
  return refs;
}

std::string request_namespace(const api::KindInfo& kind, const std::string& namespace_, bool all_namespaces) {
  return kind.namespaced && !all_namespaces ? namespace_ : "";
}

std::string collection_path(const api::KindInfo& kind, const std::string& namespace_) {
  std::string path = kind.group.empty() ? "/api/" + std::string(kind.version)
                                        : "/apis/" + std::string(kind.group) + "/" + std::string(kind.version);
  if (kind.namespaced && !namespace_.empty()) path += "/namespaces/" + encode(namespace_);
  return path + "/" + std::string(kind.plural);
}

std::string object_path(const api::KindInfo& kind, const std::string& namespace_, const std::string& name,
                        const std::string& subresource) {
  std::string path = collection_path(kind, namespace_) + "/" + encode(name);
  return subresource.empty() ? path : path + "/" + subresource;
}

std::string with_query(const std::string& path, const std::map<std::string, std::string>& params) {
  std::string out = path;
  char separator = '?';
  for (const auto& [key, value] : params) {
    if (value.empty()) continue;
    out += separator + key + "=" + encode(value);
    separator = '&';
  }
  return out;
}

std::string kind_label(const api::KindInfo& kind) {
  std::string label;
  for (char c : kind.kind) label.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return kind.group.empty() ? label : label + "." + std::string(kind.group);
}

std::string qualified_name(const api::KindInfo& kind, const std::string& name) { return kind_label(kind) + "/" + name; }

std::string quoted_name(const api::KindInfo& kind, const std::string& name) {
  return kind_label(kind) + " \"" + name + "\"";
}

}  // namespace herd::cli::herdctl
