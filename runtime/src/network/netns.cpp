#include "network/netns.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>

namespace herd::runtime::network {
namespace {

constexpr long kNsfsMagic = 0x6e736673;  // NSFS_MAGIC, <linux/magic.h>

std::string errno_text(int error) { return std::strerror(error); }

// Runs `fn` on a thread of its own and returns its Status. The thread ends
// with `fn`, so whatever namespace it entered goes with it.
Status run_on_new_thread(const std::function<Status()>& fn) {
  Status status;
  std::thread thread([&] { status = fn(); });
  thread.join();
  return status;
}

// `ip netns add` makes the netns directory a shared mount point (bind-mounting
// it onto itself first when it is not a mount point yet), so a namespace
// unmounted here disappears in every mount namespace that sees it.
Status make_shared_mount_point(const std::string& dir) {
  static std::mutex mutex;  // two threads must not both bind-mount the directory
  std::lock_guard<std::mutex> lock(mutex);
  if (mount("", dir.c_str(), "none", MS_SHARED | MS_REC, nullptr) == 0) {
    return Status();
  }
  if (errno != EINVAL) {
    return Status::unavailable("making " + dir + " a shared mount: " + errno_text(errno));
  }
  if (mount(dir.c_str(), dir.c_str(), "none", MS_BIND | MS_REC, nullptr) != 0) {
    return Status::unavailable("bind-mounting " + dir + " onto itself: " + errno_text(errno));
  }
  if (mount("", dir.c_str(), "none", MS_SHARED | MS_REC, nullptr) != 0) {
    return Status::unavailable("making " + dir + " a shared mount: " + errno_text(errno));
  }
  return Status();
}

}  // namespace

Status check_netns_name(std::string_view name) {
  const bool valid_chars = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
  if (name.empty() || name.size() > 255 || !valid_chars || name == "." || name == "..") {
    return Status::invalid_argument("\"" + std::string(name) +
                                    "\" is not a valid netns name (1-255 letters, digits, '-', '_', '.')");
  }
  return Status();
}

Result<std::string> create_netns(const std::string& dir, const std::string& name) {
  HERD_RETURN_IF_ERROR(check_netns_name(name));
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Status::unavailable("creating " + dir + ": " + ec.message());
  }
  HERD_RETURN_IF_ERROR(make_shared_mount_point(dir));

  const std::string path = dir + "/" + name;
  const int fd = open(path.c_str(), O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
  if (fd < 0) {
    if (errno == EEXIST) return Status::already_exists("netns " + path + " already exists");
    return Status::unavailable("creating " + path + ": " + errno_text(errno));
  }
  close(fd);

  Status status = run_on_new_thread([&]() -> Status {
    if (unshare(CLONE_NEWNET) != 0) {
      return Status::unavailable("unshare(CLONE_NEWNET): " + errno_text(errno));
    }
    if (mount("/proc/thread-self/ns/net", path.c_str(), "none", MS_BIND, nullptr) != 0) {
      return Status::unavailable("bind-mounting the new netns onto " + path + ": " + errno_text(errno));
    }
    return Status();
  });
  if (!status.ok()) {
    unlink(path.c_str());
    return status.with_context("creating netns " + path);
  }
  return path;
}

Status delete_netns(const std::string& path) {
  // Only a mounted netns is unmounted: a leftover plain file needs no
  // privilege to go.
  if (netns_exists(path) && umount2(path.c_str(), MNT_DETACH) != 0 && errno != EINVAL && errno != ENOENT) {
    return Status::unavailable("unmounting netns " + path + ": " + errno_text(errno));
  }
  if (unlink(path.c_str()) != 0 && errno != ENOENT) {
    return Status::unavailable("removing netns " + path + ": " + errno_text(errno));
  }
  return Status();
}

bool netns_exists(const std::string& path) {
  struct statfs fs {};
  return statfs(path.c_str(), &fs) == 0 && static_cast<long>(fs.f_type) == kNsfsMagic;
}

Result<std::vector<std::string>> list_netns(const std::string& dir, std::string_view prefix) {
  std::vector<std::string> names;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    if (errno == ENOENT) return names;
    return Status::unavailable("listing " + dir + ": " + errno_text(errno));
  }
  while (const dirent* entry = readdir(d)) {
    std::string_view name = entry->d_name;
    if (name.substr(0, prefix.size()) == prefix && name != "." && name != "..") {
      names.emplace_back(name);
    }
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

Status run_in_netns(const std::string& path, const std::function<void()>& fn) {
  return run_on_new_thread([&]() -> Status {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return Status::not_found("opening netns " + path + ": " + errno_text(errno));
    }
    const int joined = setns(fd, CLONE_NEWNET);
    const int error = errno;
    close(fd);
    if (joined != 0) {
      return Status::unavailable("joining netns " + path + ": " + errno_text(error));
    }
    fn();
    return Status();
  });
}

}  // namespace herd::runtime::network
