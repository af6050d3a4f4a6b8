// The layout functions of herd/runtime/container_logs.hpp: paths, the
// containerd log URI, and removing old instances.

#include <cstdio>
#include <string>
#include <system_error>
#include <vector>

#include "herd/runtime/container_logs.hpp"
#include "logs/log_chain.hpp"

namespace herd::runtime {
namespace {

// Percent-encodes all but RFC 3986's unreserved characters and '/', so that
// Go's url.Parse and url.ParseQuery give back exactly `text` (a '+' left as
// it is would come back as a space).
std::string percent_encode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

}  // namespace

std::filesystem::path container_log_dir(const std::filesystem::path& pods_dir,
                                        std::string_view pod_uid, std::string_view container) {
  return pods_dir / pod_uid / "logs" / container;
}

std::filesystem::path container_log_path(const std::filesystem::path& pods_dir,
                                         std::string_view pod_uid, std::string_view container,
                                         int restart) {
  return container_log_dir(pods_dir, pod_uid, container) / (std::to_string(restart) + ".log");
}

std::string log_driver_uri(const LogDriverConfig& config, const std::filesystem::path& log_file) {
  // The shim passes each query key and value as two arguments, in random
  // order; herd-log-driver takes them in any order.
  return "binary://" + percent_encode(config.binary.string()) +
         "?--max-files=" + std::to_string(config.max_files) +
         "&--max-size=" + std::to_string(config.max_size) +
         "&--path=" + percent_encode(log_file.string());
}

Status remove_old_container_logs(const std::filesystem::path& pods_dir, std::string_view pod_uid,
                                 std::string_view container) {
  std::filesystem::path dir = container_log_dir(pods_dir, pod_uid, container);
  HERD_ASSIGN_OR_RETURN(std::vector<int> restarts, logs::list_log_instances(dir));
  if (restarts.size() < 2) {
    return {};
  }
  // Every file of an instance starts "<n>.log": the log, its rotations, its lock.
  int keep_from = restarts.back() - 1;
  std::vector<std::filesystem::path> old_files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    int restart = -1;
    if (std::sscanf(name.c_str(), "%d.log", &restart) == 1 && restart >= 0 && restart < keep_from &&
        name.starts_with(std::to_string(restart) + ".log")) {
      old_files.push_back(it->path());
    }
  }
  for (const auto& file : old_files) {
    if (!ec) {
      std::filesystem::remove(file, ec);
    }
  }
  if (ec) {
    return Status::unavailable("remove old logs in " + dir.string() + ": " + ec.message());
  }
  return {};
}

}  // namespace herd::runtime
