#include "kubeconfig_file.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <fstream>

namespace herd::cli {

Status write_kubeconfig(const std::string& path, const std::string& server_url) {
  std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    if (!out) return Status::unavailable("kubeconfig " + temp + ": cannot write");
    out << "apiVersion: v1\n"
           "kind: Config\n"
           "clusters:\n"
           "- name: herd\n"
           "  cluster:\n"
           "    server: " << server_url << "\n"
           "users:\n"
           "- name: admin\n"
           "  user: {}\n"
           "contexts:\n"
           "- name: herd\n"
           "  context:\n"
           "    cluster: herd\n"
           "    user: admin\n"
           "    namespace: default\n"
           "current-context: herd\n";
    if (!out.flush()) return Status::unavailable("kubeconfig " + temp + ": write failed");
  }
  ::chmod(temp.c_str(), 0600);
  if (std::rename(temp.c_str(), path.c_str()) != 0) return Status::unavailable("kubeconfig " + path + ": rename failed");
  return Status();
}

}  // namespace herd::cli
