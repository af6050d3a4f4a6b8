#include "containerd/test_rootfs.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace herd::runtime::containerd::testing {
namespace {

constexpr size_t kBlock = 512;

/// `value` in octal, zero padded to `width - 1` digits and a NUL, at `field`.
void put_octal(char* field, size_t width, unsigned long long value) {
  field[width - 1] = '\0';
  for (size_t i = width - 1; i-- > 0; value >>= 3) {
    field[i] = static_cast<char>('0' + (value & 7));
  }
}

std::string header(const TarEntry& entry) {
  char h[kBlock];
  std::memset(h, 0, sizeof h);
  std::string name = entry.path;
  if (entry.type == TarEntry::Type::kDirectory && name.back() != '/') {
    name += '/';
  }
  std::memcpy(h, name.data(), std::min(name.size(), size_t{99}));
  put_octal(h + 100, 8, entry.mode);
  put_octal(h + 108, 8, 0);  // uid
  put_octal(h + 116, 8, 0);  // gid
  put_octal(h + 124, 12, entry.type == TarEntry::Type::kFile ? entry.contents.size() : 0);
  put_octal(h + 136, 12, 0);  // mtime
  switch (entry.type) {
    case TarEntry::Type::kFile:
      h[156] = '0';
      break;
    case TarEntry::Type::kDirectory:
      h[156] = '5';
      break;
    case TarEntry::Type::kSymlink:
      h[156] = '2';
      std::memcpy(h + 157, entry.contents.data(), std::min(entry.contents.size(), size_t{99}));
      break;
  }
  std::memcpy(h + 257, "ustar", 6);  // magic with its NUL
  std::memcpy(h + 263, "00", 2);     // version
  std::memcpy(h + 265, "root", 4);   // uname
  std::memcpy(h + 297, "root", 4);   // gname
  // The checksum is the byte sum of the header with its own field as spaces.
  std::memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) {
    sum += c;
  }
  put_octal(h + 148, 7, sum);  // six digits and a NUL; the eighth byte stays a space
  return std::string(h, sizeof h);
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string json_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i ? "," : "") + json_string(items[i]);
  }
  return out + "]";
}

// Docker's and containerd's default capability set.
const std::vector<std::string> kCapabilities = {
    "CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",
    "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",           "CAP_SETUID",
    "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
    "CAP_KILL",    "CAP_AUDIT_WRITE"};

}  // namespace

std::string make_tar(const std::vector<TarEntry>& entries) {
  std::string tar;
  for (const auto& entry : entries) {
    tar += header(entry);
    if (entry.type == TarEntry::Type::kFile) {
      tar += entry.contents;
      tar.append((kBlock - entry.contents.size() % kBlock) % kBlock, '\0');
    }
  }
  tar.append(2 * kBlock, '\0');
  return tar;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return "";
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string busybox_layer() {
  std::string busybox = read_file(kBusyboxPath);
  if (busybox.empty()) {
    return "";
  }
  return make_tar({
      {TarEntry::Type::kDirectory, "bin", "", 0755},
      {TarEntry::Type::kFile, "bin/busybox", std::move(busybox), 0755},
      {TarEntry::Type::kSymlink, "bin/sh", "busybox", 0777},
  });
}

std::string process_spec_json(const std::vector<std::string>& args) {
  const std::string caps = json_array(kCapabilities);
  return R"({"terminal":false,"user":{"uid":0,"gid":0},"args":)" + json_array(args) +
         R"(,"env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],)"
         R"("cwd":"/","capabilities":{"bounding":)" +
         caps + R"(,"effective":)" + caps + R"(,"permitted":)" + caps +
         R"(},"rlimits":[{"type":"RLIMIT_NOFILE","hard":1024,"soft":1024}],"noNewPrivileges":true})";
}

std::string oci_spec_json(const std::vector<std::string>& args, const std::string& ns,
                          const std::string& id) {
  return R"({"ociVersion":"1.0.2-dev","process":)" + process_spec_json(args) +
         R"(,"root":{"path":"rootfs"},"hostname":"herd-test","mounts":[)"
         R"({"destination":"/proc","type":"proc","source":"proc","options":["nosuid","noexec","nodev"]},)"
         R"({"destination":"/dev","type":"tmpfs","source":"tmpfs","options":["nosuid","strictatime","mode=755","size=65536k"]},)"
         R"({"destination":"/dev/pts","type":"devpts","source":"devpts","options":["nosuid","noexec","newinstance","ptmxmode=0666","mode=0620","gid=5"]},)"
         R"({"destination":"/dev/shm","type":"tmpfs","source":"shm","options":["nosuid","noexec","nodev","mode=1777","size=65536k"]},)"
         R"({"destination":"/dev/mqueue","type":"mqueue","source":"mqueue","options":["nosuid","noexec","nodev"]},)"
         R"({"destination":"/sys","type":"sysfs","source":"sysfs","options":["nosuid","noexec","nodev","ro"]},)"
         R"({"destination":"/run","type":"tmpfs","source":"tmpfs","options":["nosuid","strictatime","mode=755","size=65536k"]}],)"
         R"("linux":{"cgroupsPath":)" +
         json_string("/" + ns + "/" + id) +
         R"(,"namespaces":[{"type":"pid"},{"type":"ipc"},{"type":"uts"},{"type":"mount"},{"type":"network"}],)"
         R"("maskedPaths":["/proc/acpi","/proc/asound","/proc/kcore","/proc/keys","/proc/latency_stats",)"
         R"("/proc/timer_list","/proc/timer_stats","/proc/sched_debug","/sys/firmware","/proc/scsi"],)"
         R"("readonlyPaths":["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger"]}})";
}

std::string random_hex() {
  std::random_device random;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", random(), random());
  return buf;
}

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value == nullptr ? fallback : value;
}

}  // namespace herd::runtime::containerd::testing
