#include "logs/log_chain.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <string>
#include <system_error>

#include "logs/rotating_log_file.hpp"

namespace herd::runtime::logs {
namespace {

Status errno_status(std::string_view what, const std::filesystem::path& path, int err) {
  return Status::unavailable(std::string(what) + " " + path.string() + ": " + std::strerror(err));
}

// Opens `path`; nullopt when it does not exist.
Result<std::optional<LogFile>> open_if_exists(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) {
    if (errno == ENOENT) {
      return std::optional<LogFile>();
    }
    return errno_status("open", path, errno);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return errno_status("stat", path, errno);
  }
  return std::optional<LogFile>(LogFile{std::move(fd), st.st_ino});
}

// The inodes of the instance's files, oldest first: [.k, ..., .1, current].
// A file missing in the middle of a rotation ends the list early; the
// caller sees a shorter chain, which is harmless for a follow.
std::vector<std::pair<int, ino_t>> chain_inodes(const std::filesystem::path& log_path) {
  std::vector<std::pair<int, ino_t>> chain;
  struct stat st {};
  for (int k = 1; ::stat(rotated_log_path(log_path, k).c_str(), &st) == 0; ++k) {
    chain.emplace_back(k, st.st_ino);
  }
  std::reverse(chain.begin(), chain.end());
  if (::stat(log_path.c_str(), &st) == 0) {
    chain.emplace_back(0, st.st_ino);
  }
  return chain;
}

}  // namespace

Result<std::vector<LogFile>> open_log_chain(const std::filesystem::path& log_path) {
  std::vector<LogFile> newest_first;
  for (int k = 0;; ++k) {
    auto file = open_if_exists(rotated_log_path(log_path, k));
    if (!file.ok()) {
      return file.status();
    }
    if (!file->has_value()) {
      if (k == 0) {
        return Status::not_found("no log file " + log_path.string());
      }
      break;
    }
    bool seen = std::any_of(newest_first.begin(), newest_first.end(),
                            [&](const LogFile& f) { return f.inode == (*file)->inode; });
    if (!seen) {
      newest_first.push_back(std::move(**file));
    }
  }
  std::reverse(newest_first.begin(), newest_first.end());
  return newest_first;
}

Result<std::optional<LogFile>> open_next_log_file(const std::filesystem::path& log_path,
                                                  const LogFile& current) {
  // The chain is read with one stat per name while the driver may be
  // renaming: a view taken in the middle of a rotation can show a file twice,
  // miss one, or put the current file after an older one. So a view counts
  // only when two in a row agree, and a file it names is used only when
  // opening it finds the inode the view promised.
  for (int attempt = 0; attempt < 10; ++attempt) {
    auto chain = chain_inodes(log_path);
    if (chain != chain_inodes(log_path)) {
      continue;
    }
    auto at = std::find_if(chain.begin(), chain.end(),
                           [&current](const auto& entry) { return entry.second == current.inode; });
    if (at == chain.end()) {
      struct stat st {};
      if (::fstat(current.fd.get(), &st) != 0 || st.st_nlink > 0) {
        return std::optional<LogFile>();  // still linked: a rotation is half done
      }
      // Deleted by rotation before we got to its successors: the oldest left
      // is the first we can still read.
    } else if (std::next(at) == chain.end()) {
      return std::optional<LogFile>();  // still the current file
    }
    auto next = at == chain.end() ? chain.begin() : std::next(at);
    if (next == chain.end()) {
      return std::optional<LogFile>();
    }
    auto file = open_if_exists(rotated_log_path(log_path, next->first));
    if (!file.ok() || (file->has_value() && (*file)->inode == next->second)) {
      return file;
    }
  }
  return std::optional<LogFile>();  // rotating right now: look again after the next wait
}

Result<std::vector<int>> list_log_instances(const std::filesystem::path& dir) {
  std::vector<int> restarts;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    if (ec == std::errc::no_such_file_or_directory) {
      return restarts;
    }
    return Status::unavailable("read " + dir.string() + ": " + ec.message());
  }
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (ec) {
      return Status::unavailable("read " + dir.string() + ": " + ec.message());
    }
    std::string name = it->path().filename().string();
    int n = 0;
    auto [end, parse_ec] = std::from_chars(name.data(), name.data() + name.size(), n);
    if (parse_ec == std::errc() && n >= 0 && std::string_view(end) == ".log") {
      restarts.push_back(n);
    }
  }
  std::sort(restarts.begin(), restarts.end());
  return restarts;
}

}  // namespace herd::runtime::logs
