#include "volume/atomic_writer.hpp"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <vector>

#include "volume/file_ops.hpp"
#include "volume/volume_path.hpp"

namespace herd::runtime::volume {
namespace {

constexpr const char* kDataLink = "..data";
constexpr const char* kDataLinkTmp = "..data_tmp";

// The names in `dir` (not "." and ".."); kNotFound when it does not exist.
Result<std::vector<std::string>> list_dir(const std::string& dir) {
  DIR* stream = opendir(dir.c_str());
  if (stream == nullptr) {
    if (errno == ENOENT) return Status::not_found(dir + " does not exist");
    return Status::unavailable("reading " + dir + ": " + errno_text(errno));
  }
  std::vector<std::string> names;
  while (const dirent* entry = readdir(stream)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  closedir(stream);
  return names;
}

// The symlink `path`'s target; nullopt when there is no symlink there.
std::optional<std::string> read_link(const std::string& path) {
  char buffer[4096];
  const ssize_t n = readlink(path.c_str(), buffer, sizeof buffer);
  if (n < 0) return std::nullopt;
  return std::string(buffer, static_cast<std::size_t>(n));
}

// Adds the files below `dir` to `files` by path relative to the volume data
// directory (`prefix` is `dir`'s). Anything but a regular file or a directory
// is recorded with mode 0 so that it never matches a payload.
Status collect_files(const std::string& dir, const std::string& prefix, Payload& files) {
  HERD_ASSIGN_OR_RETURN(std::vector<std::string> names, list_dir(dir));
  for (const std::string& name : names) {
    const std::string path = dir + "/" + name;
    const std::string relative = prefix.empty() ? name : prefix + "/" + name;
    struct stat st {};
    if (lstat(path.c_str(), &st) != 0) {
      return Status::unavailable("inspecting " + path + ": " + errno_text(errno));
    }
    if (S_ISDIR(st.st_mode)) {
      HERD_RETURN_IF_ERROR(collect_files(path, relative, files));
    } else if (S_ISREG(st.st_mode)) {
      HERD_ASSIGN_OR_RETURN(std::string data, read_file(path));
      files[relative] = {std::move(data), st.st_mode & 07777};
    } else {
      files[relative] = {"", 0};
    }
  }
  return Status();
}

// Whether the data directory ..data points to holds exactly `payload`.
Result<bool> holds_payload(const std::string& dir, const Payload& payload) {
  if (!read_link(dir + "/" + kDataLink)) return false;
  Payload current;
  const Status status = collect_files(dir + "/" + kDataLink, "", current);
  if (status.code() == StatusCode::kNotFound) return false;  // ..data dangles: write anew
  HERD_RETURN_IF_ERROR(status);
  return current == payload;
}

// "..2026_01_02_15_04_05." (UTC), the prefix of the kubelet's data directories.
std::string timestamp_prefix() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "..%Y_%m_%d_%H_%M_%S.", &utc);
  return buffer;
}

Status write_files(const std::string& data_dir, const Payload& payload) {
  for (const auto& [path, file] : payload) {
    const std::vector<std::string> parts = path_components(path);
    std::string at = data_dir;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      at += "/" + parts[i];
      HERD_RETURN_IF_ERROR(make_dir(at, 0755));
    }
    HERD_RETURN_IF_ERROR(write_new_file(data_dir + "/" + path, file.data, file.mode));
  }
  return Status();
}

Status replace_symlink(const std::string& target, const std::string& link) {
  if (unlink(link.c_str()) != 0 && errno != ENOENT) {
    return Status::unavailable("removing " + link + ": " + errno_text(errno));
  }
  if (symlink(target.c_str(), link.c_str()) != 0) {
    return Status::unavailable("linking " + link + " to " + target + ": " + errno_text(errno));
  }
  return Status();
}

// Removes `dir`/<top> for each old first component the new payload lacks,
// when it is still the link this writer made.
Status remove_stale_links(const std::string& dir, const std::set<std::string>& old_top,
                          const std::set<std::string>& new_top) {
  for (const std::string& top : old_top) {
    if (new_top.count(top) != 0) continue;
    const std::string link = dir + "/" + top;
    if (read_link(link) == std::string(kDataLink) + "/" + top && unlink(link.c_str()) != 0 &&
        errno != ENOENT) {
      return Status::unavailable("removing " + link + ": " + errno_text(errno));
    }
  }
  return Status();
}

// Removes every "..<timestamp>" data directory but `keep`: the one replaced
// and any a crash left staged.
Status remove_old_data_dirs(const std::string& dir, const std::string& keep) {
  HERD_ASSIGN_OR_RETURN(std::vector<std::string> names, list_dir(dir));
  for (const std::string& name : names) {
    if (!name.starts_with("..") || name == keep || name == kDataLink || name == kDataLinkTmp) {
      continue;
    }
    HERD_RETURN_IF_ERROR(remove_tree(dir + "/" + name));
  }
  return Status();
}

}  // namespace

Status check_payload(const Payload& payload) {
  for (const auto& [path, file] : payload) {
    HERD_RETURN_IF_ERROR(check_file_path(path));
    if (file.mode > 0777) {
      return Status::invalid_argument("invalid mode " + std::to_string(file.mode) + " for " + path +
                                      ": must be between 0 and 0777 (octal)");
    }
    // A path cannot be a file and a directory at once ("a" and "a/b").
    const std::vector<std::string> parts = path_components(path);
    std::string parent;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      parent += (i == 0 ? "" : "/") + parts[i];
      if (payload.count(parent) != 0) {
        return Status::invalid_argument("invalid path: " + path + " is below the file " + parent);
      }
    }
  }
  return Status();
}

Result<std::optional<StagedPayload>> stage_payload(const std::string& dir, const Payload& payload) {
  HERD_RETURN_IF_ERROR(check_payload(payload));
  HERD_ASSIGN_OR_RETURN(bool unchanged, holds_payload(dir, payload));
  if (unchanged) return std::optional<StagedPayload>();

  std::string data_dir = dir + "/" + timestamp_prefix() + "XXXXXX";
  if (mkdtemp(data_dir.data()) == nullptr) {
    return Status::unavailable("creating a data directory in " + dir + ": " + errno_text(errno));
  }
  // mkdtemp makes it 0700; readers that are not root must get through.
  Status status =
      chmod(data_dir.c_str(), 0755) == 0
          ? write_files(data_dir, payload)
          : Status::unavailable("setting the mode of " + data_dir + ": " + errno_text(errno));
  if (!status.ok()) {
    (void)remove_tree(data_dir);  // best effort: the write's own error is the one to report
    return status;
  }
  StagedPayload staged;
  staged.data_dir = data_dir.substr(dir.size() + 1);
  for (const auto& [path, file] : payload) staged.top_level.insert(path_components(path).front());
  return std::optional<StagedPayload>(std::move(staged));
}

Status publish_payload(const std::string& dir, const StagedPayload& staged) {
  std::set<std::string> old_top;
  if (read_link(dir + "/" + kDataLink)) {
    Result<std::vector<std::string>> names = list_dir(dir + "/" + kDataLink);
    if (!names.ok() && names.status().code() != StatusCode::kNotFound) return names.status();
    if (names.ok()) old_top.insert(names->begin(), names->end());
  }
  const std::string tmp = dir + "/" + kDataLinkTmp;
  HERD_RETURN_IF_ERROR(replace_symlink(staged.data_dir, tmp));
  if (rename(tmp.c_str(), (dir + "/" + kDataLink).c_str()) != 0) {
    return Status::unavailable("renaming " + tmp + " to " + kDataLink + ": " + errno_text(errno));
  }
  for (const std::string& top : staged.top_level) {
    const std::string link = dir + "/" + top;
    struct stat st {};
    if (lstat(link.c_str(), &st) == 0) continue;  // ours from before, or a subPath directory: keep
    if (symlink((std::string(kDataLink) + "/" + top).c_str(), link.c_str()) != 0) {
      return Status::unavailable("linking " + link + ": " + errno_text(errno));
    }
  }
  HERD_RETURN_IF_ERROR(remove_stale_links(dir, old_top, staged.top_level));
  return remove_old_data_dirs(dir, staged.data_dir);
}

Status write_payload(const std::string& dir, const Payload& payload) {
  HERD_ASSIGN_OR_RETURN(std::optional<StagedPayload> staged, stage_payload(dir, payload));
  if (!staged) return Status();
  return publish_payload(dir, *staged);
}

}  // namespace herd::runtime::volume
