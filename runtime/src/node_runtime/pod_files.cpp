#include "node_runtime/pod_files.hpp"

#include <fstream>
#include <sstream>

namespace herd::runtime {
namespace {

Status write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return Status::unavailable("writing " + tmp.string() + " failed");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::unavailable("renaming " + tmp.string() + ": " + ec.message());
  return Status();
}

}  // namespace

std::string pod_hosts_file(const std::string& hostname, const std::string& pod_ip) {
  std::string out =
      "# Kubernetes-managed hosts file (herd).\n"
      "127.0.0.1\tlocalhost\n"
      "::1\tlocalhost ip6-localhost ip6-loopback\n"
      "fe00::0\tip6-localnet\n"
      "fe00::0\tip6-mcastprefix\n"
      "fe00::1\tip6-allnodes\n"
      "fe00::2\tip6-allrouters\n";
  if (!pod_ip.empty()) out += pod_ip + "\t" + hostname + "\n";
  return out;
}

Result<PodFiles> write_pod_files(const std::filesystem::path& pod_dir, const std::string& hostname,
                                 const std::string& pod_ip,
                                 const std::filesystem::path& node_resolv_conf) {
  std::filesystem::path dir = pod_dir / "etc";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::unavailable("creating " + dir.string() + ": " + ec.message());
  PodFiles files;
  files.etc_hosts = pod_ip.empty() ? "/etc/hosts" : (dir / "hosts").string();
  files.etc_hostname = (dir / "hostname").string();
  files.resolv_conf = (dir / "resolv.conf").string();
  if (!pod_ip.empty()) HERD_RETURN_IF_ERROR(write_file(files.etc_hosts, pod_hosts_file(hostname, pod_ip)));
  HERD_RETURN_IF_ERROR(write_file(files.etc_hostname, hostname + "\n"));
  std::ifstream in(node_resolv_conf);
  std::stringstream resolv;
  resolv << in.rdbuf();
  HERD_RETURN_IF_ERROR(write_file(files.resolv_conf, in ? resolv.str() : std::string()));
  return files;
}

}  // namespace herd::runtime
