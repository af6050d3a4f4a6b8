#include "network/cni_cache.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "herd/api/codec.hpp"
#include "herd/base/base64.hpp"

namespace herd::runtime::network {
namespace {

constexpr std::string_view kKind = "cniCacheV1";

// CNI_ARGS "A=1;B=2" as libcni's [["A","1"],["B","2"]], and back.
api::Value args_to_pairs(std::string_view args) {
  api::Value pairs = api::Value::array();
  while (!args.empty()) {
    const std::string_view item = args.substr(0, args.find(';'));
    args.remove_prefix(std::min(args.size(), item.size() + 1));
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    const std::string_view value = eq == std::string_view::npos ? "" : item.substr(eq + 1);
    pairs.push_back(api::Value::array({api::Value::string(std::string(item.substr(0, eq))),
                                       api::Value::string(std::string(value))}));
  }
  return pairs;
}

Result<std::string> pairs_to_args(const api::Value& pairs) {
  std::string args;
  for (const api::Value& pair : pairs.as_array()) {
    if (!pair.is_array() || pair.as_array().size() != 2 || !pair.as_array()[0].is_string() ||
        !pair.as_array()[1].is_string()) {
      return Status::corrupt("cniArgs entry is not a pair of strings");
    }
    if (!args.empty()) args += ';';
    args += pair.as_array()[0].as_string() + "=" + pair.as_array()[1].as_string();
  }
  return args;
}

Result<std::string> required_string(const api::Value& object, std::string_view key) {
  const api::Value* value = object.find(key);
  if (value == nullptr || !value->is_string()) {
    return Status::corrupt("cached CNI result has no \"" + std::string(key) + "\" string");
  }
  return value->as_string();
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

std::string encode_cache_entry(const CacheEntry& entry) {
  api::Value object = api::Value::object();
  object.set("kind", api::Value::string(std::string(kKind)));
  object.set("containerId", api::Value::string(entry.container_id));
  object.set("config", api::Value::string(base64_encode(entry.config)));
  object.set("ifName", api::Value::string(entry.if_name));
  object.set("networkName", api::Value::string(entry.network_name));
  object.set("cniArgs", args_to_pairs(entry.cni_args));
  object.set("capabilityArgs", entry.capability_args);
  object.set("result", entry.result);
  return api::to_json(object);
}

Result<CacheEntry> decode_cache_entry(std::string_view text) {
  Result<api::Value> parsed = api::parse_json_value(text);
  if (!parsed.ok()) return Status::corrupt("cached CNI result is not JSON: " + parsed.status().message());
  const api::Value& object = *parsed;
  HERD_ASSIGN_OR_RETURN(std::string kind, required_string(object, "kind"));
  if (kind != kKind) return Status::corrupt("cached CNI result has kind \"" + kind + "\", not cniCacheV1");
  CacheEntry entry;
  HERD_ASSIGN_OR_RETURN(entry.container_id, required_string(object, "containerId"));
  HERD_ASSIGN_OR_RETURN(entry.if_name, required_string(object, "ifName"));
  HERD_ASSIGN_OR_RETURN(entry.network_name, required_string(object, "networkName"));
  HERD_ASSIGN_OR_RETURN(std::string config, required_string(object, "config"));
  Result<std::string> decoded = base64_decode(config);
  if (!decoded.ok()) return Status::corrupt("cached CNI config: " + decoded.status().message());
  entry.config = *std::move(decoded);
  if (const api::Value* pairs = object.find("cniArgs"); pairs != nullptr && pairs->is_array()) {
    HERD_ASSIGN_OR_RETURN(entry.cni_args, pairs_to_args(*pairs));
  }
  if (const api::Value* args = object.find("capabilityArgs"); args != nullptr && args->is_object()) {
    entry.capability_args = *args;
  }
  const api::Value* result = object.find("result");
  if (result == nullptr || !result->is_object()) return Status::corrupt("cached CNI result has no \"result\" object");
  entry.result = *result;
  return entry;
}

std::string ResultCache::path(const std::string& network, const std::string& container_id,
                              const std::string& if_name) const {
  return dir_ + "/" + network + "-" + container_id + "-" + if_name;
}

Status ResultCache::write(const CacheEntry& entry) const {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return Status::unavailable("creating " + dir_ + ": " + ec.message());
  const std::string target = path(entry.network_name, entry.container_id, entry.if_name);
  const std::string temp = target + ".tmp";
  const std::string text = encode_cache_entry(entry);
  const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::unavailable("writing " + temp + ": " + errno_text());
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && fsync(fd) == 0;
  const std::string error = errno_text();
  close(fd);
  if (!written || rename(temp.c_str(), target.c_str()) != 0) {
    unlink(temp.c_str());
    return Status::unavailable("writing " + target + ": " + (written ? errno_text() : error));
  }
  return Status();
}

Result<std::optional<CacheEntry>> ResultCache::read(const std::string& network, const std::string& container_id,
                                                    const std::string& if_name) const {
  const std::string file = path(network, container_id, if_name);
  const int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<CacheEntry>();
    return Status::unavailable("reading " + file + ": " + errno_text());
  }
  std::string text;
  char buffer[8192];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  const std::string error = errno_text();
  close(fd);
  if (n < 0) return Status::unavailable("reading " + file + ": " + error);
  Result<CacheEntry> entry = decode_cache_entry(text);
  if (!entry.ok()) return entry.status().with_context(file);
  return std::optional<CacheEntry>(*std::move(entry));
}

Status ResultCache::remove(const std::string& network, const std::string& container_id,
                           const std::string& if_name) const {
  const std::string file = path(network, container_id, if_name);
  if (unlink(file.c_str()) != 0 && errno != ENOENT) {
    return Status::unavailable("removing " + file + ": " + errno_text());
  }
  return Status();
}

Result<std::vector<std::string>> ResultCache::container_ids(const std::string& network,
                                                            const std::string& if_name) const {
  std::vector<std::string> ids;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir_, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) return ids;
    return Status::unavailable("listing " + dir_ + ": " + ec.message());
  }
  const std::string prefix = network + "-";
  const std::string suffix = "-" + if_name;
  for (const auto& file : it) {
    const std::string name = file.path().filename().string();
    if (name.size() > prefix.size() + suffix.size() && name.starts_with(prefix) && name.ends_with(suffix)) {
      ids.push_back(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace herd::runtime::network
