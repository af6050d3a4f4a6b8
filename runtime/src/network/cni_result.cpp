#include "network/cni_result.hpp"

#include <optional>

#include "herd/api/codec.hpp"
#include "network/ipv4.hpp"

namespace herd::runtime::network {
namespace {

std::string plugin_label(std::string_view plugin, std::string_view command) {
  return "CNI plugin \"" + std::string(plugin) + "\" " + std::string(command);
}

// The spec's well-known error codes.
std::string_view code_meaning(int64_t code) {
  switch (code) {
    case 1: return "incompatible CNI version";
    case 2: return "unsupported field in network configuration";
    case 3: return "container unknown or does not exist";
    case 4: return "invalid necessary environment variables";
    case 5: return "I/O failure";
    case 6: return "failed to decode content";
    case 7: return "invalid network config";
    case 11: return "try again later";
    case 999: return "plugin internal error";  // libcni's ErrInternal
    default: return code >= 100 ? "plugin-specific error" : "unknown error";
  }
}

StatusCode code_status(int64_t code) {
  switch (code) {
    case 1: return StatusCode::kUnimplemented;
    case 2: case 4: case 6: case 7: return StatusCode::kInvalidArgument;
    case 3: return StatusCode::kNotFound;
    default: return StatusCode::kUnavailable;
  }
}

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

std::string string_or_empty(const api::Value& object, std::string_view key) {
  const api::Value* value = object.find(key);
  return value != nullptr && value->is_string() ? value->as_string() : "";
}

// The IPv4 address of one "ips" entry; nullopt for IPv6 or malformed entries.
std::optional<PodAddress> ipv4_entry(const api::Value& entry) {
  Result<std::string> address = address_of_cidr(string_or_empty(entry, "address"));
  if (!address.ok()) return std::nullopt;
  return PodAddress{*address, string_or_empty(entry, "gateway")};
}

bool on_interface(const api::Value& entry, const api::Value* interfaces, std::string_view if_name) {
  const api::Value* index = entry.find("interface");
  if (index == nullptr || !index->is_int() || interfaces == nullptr || !interfaces->is_array() ||
      index->as_int() < 0 || static_cast<std::size_t>(index->as_int()) >= interfaces->as_array().size()) {
    return false;
  }
  const api::Value& interface = interfaces->as_array()[static_cast<std::size_t>(index->as_int())];
  return interface.is_object() && string_or_empty(interface, "name") == if_name;
}

}  // namespace

Result<PodAddress> pod_address(const api::Value& result, std::string_view if_name) {
  const api::Value* ips = result.find("ips");
  if (ips == nullptr || !ips->is_array()) {
    return Status::corrupt("CNI result has no \"ips\": " + api::to_json(result));
  }
  const api::Value* interfaces = result.find("interfaces");
  std::optional<PodAddress> fallback;
  for (const api::Value& entry : ips->as_array()) {
    std::optional<PodAddress> address = entry.is_object() ? ipv4_entry(entry) : std::nullopt;
    if (!address) continue;
    if (on_interface(entry, interfaces, if_name)) return *address;
    if (!fallback && address->ip.rfind("127.", 0) != 0) fallback = address;
  }
  if (fallback) return *fallback;
  return Status::corrupt("CNI result has no IPv4 address for " + std::string(if_name) + ": " +
                         api::to_json(result));
}

Result<api::Value> parse_plugin_result(std::string_view plugin, std::string_view command,
                                       std::string_view stdout_data) {
  Result<api::Value> value = api::parse_json_value(stdout_data);
  if (!value.ok() || !value->is_object()) {
    return Status::corrupt(plugin_label(plugin, command) + " printed no JSON result object: \"" +
                           std::string(trim(stdout_data).substr(0, 300)) + "\"");
  }
  return value;
}

Status plugin_failure(std::string_view plugin, std::string_view command, const ExecOutput& output) {
  const std::string label = plugin_label(plugin, command) + " failed";
  Result<api::Value> error = api::parse_json_value(output.stdout_data);
  const api::Value* code = error.ok() ? error->find("code") : nullptr;
  if (code != nullptr && code->is_int()) {
    std::string message = label + " (CNI error " + std::to_string(code->as_int()) + ", " +
                          std::string(code_meaning(code->as_int())) + "): " + string_or_empty(*error, "msg");
    if (const std::string details = string_or_empty(*error, "details"); !details.empty()) {
      message += ": " + details;
    }
    return Status(code_status(code->as_int()), std::move(message));
  }
  std::string message = label + " with exit code " + std::to_string(output.exit_code);
  std::string_view err = trim(output.stderr_data);
  std::string_view out = trim(output.stdout_data);
  if (err.size() > 500) err = err.substr(err.size() - 500);
  if (!err.empty()) message += ": " + std::string(err);
  if (!out.empty()) message += " (stdout: \"" + std::string(out.substr(0, 300)) + "\")";
  return Status::unavailable(std::move(message));
}

}  // namespace herd::runtime::network
