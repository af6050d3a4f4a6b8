#include "volume/volume_path.hpp"

#include <algorithm>

namespace herd::runtime::volume {
namespace {

constexpr std::size_t kMaxPathLength = 4096;     // the kubelet's maxPathLength
constexpr std::size_t kMaxFileNameLength = 255;  // the kubelet's maxFileNameLength

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    parts.push_back(path.substr(start, slash - start));
    if (slash == std::string_view::npos) return parts;
    start = slash + 1;
  }
}

Status invalid_path(std::string_view why, std::string_view path) {
  return Status::invalid_argument("invalid path: " + std::string(why) + ": " + std::string(path));
}

}  // namespace

Status check_file_path(std::string_view path) {
  if (path.empty()) return Status::invalid_argument("invalid path: must not be empty");
  if (path.front() == '/') return invalid_path("must be relative path", path);
  if (path.size() > kMaxPathLength) return invalid_path("must be at most 4096 characters", path);
  const std::vector<std::string_view> parts = split(path);
  for (std::string_view part : parts) {
    if (part == "..") return invalid_path("must not contain '..'", path);
    if (part == "." || part.empty()) {
      return invalid_path("must not contain '.' or empty components", path);
    }
    if (part.size() > kMaxFileNameLength) {
      return invalid_path("a component is longer than 255 characters", path);
    }
  }
  if (parts.front().starts_with("..")) return invalid_path("must not start with '..'", path);
  return Status();
}

Status check_sub_path(std::string_view sub_path) {
  if (sub_path.empty()) return Status();
  if (sub_path.front() == '/') {
    return Status::invalid_argument("subPath \"" + std::string(sub_path) +
                                    "\" must be a relative path");
  }
  const std::vector<std::string_view> parts = split(sub_path);
  if (std::find(parts.begin(), parts.end(), "..") != parts.end()) {
    return Status::invalid_argument("subPath \"" + std::string(sub_path) +
                                    "\" must not contain '..'");
  }
  return Status();
}

Status check_dir_name(std::string_view what, std::string_view name) {
  const bool valid_chars = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
  if (name.empty() || name.size() > kMaxFileNameLength || !valid_chars || name == "." ||
      name == "..") {
    return Status::invalid_argument(
        std::string(what) + " \"" + std::string(name) +
        "\" is not usable as a directory name (1-255 letters, digits, '-', '_', '.')");
  }
  return Status();
}

std::vector<std::string> path_components(std::string_view path) {
  std::vector<std::string> components;
  for (std::string_view part : split(path)) {
    if (!part.empty()) components.emplace_back(part);
  }
  return components;
}

bool is_within(std::string_view path, std::string_view root) {
  if (!path.starts_with(root)) return false;
  return path.size() == root.size() || root == "/" || path[root.size()] == '/';
}

}  // namespace herd::runtime::volume
