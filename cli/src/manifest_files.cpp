#include "herd/cli/manifest_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace herd::cli {
namespace fs = std::filesystem;
namespace {

bool is_manifest_name(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::unavailable(path.string() + ": cannot open for reading");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::unavailable(path.string() + ": read error");
  return text.str();
}

Status add_directory(const fs::path& dir, bool recursive, std::vector<ManifestFile>& out) {
  std::error_code ec;
  std::vector<fs::path> found;
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file() && is_manifest_name(it->path())) found.push_back(it->path());
    }
  } else {
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file() && is_manifest_name(it->path())) found.push_back(it->path());
    }
  }
  if (ec) return Status::unavailable(dir.string() + ": " + ec.message());
  std::sort(found.begin(), found.end());
  for (const fs::path& p : found) {
    HERD_ASSIGN_OR_RETURN(std::string text, read_file(p));
    out.push_back(ManifestFile{p.string(), std::move(text)});
  }
  return Status();
}

}  // namespace

Result<std::vector<ManifestFile>> read_manifest_files(const std::vector<std::string>& paths, bool recursive,
                                                      std::istream& stdin_stream) {
  std::vector<ManifestFile> out;
  for (const std::string& path : paths) {
    if (path == "-") {
      std::ostringstream text;
      text << stdin_stream.rdbuf();
      out.push_back(ManifestFile{"-", text.str()});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return Status::not_found(path + ": no such file or directory");
    if (fs::is_directory(st)) {
      HERD_RETURN_IF_ERROR(add_directory(path, recursive, out));
    } else {
      HERD_ASSIGN_OR_RETURN(std::string text, read_file(path));
      out.push_back(ManifestFile{path, std::move(text)});
    }
  }
  return out;
}

}  // namespace herd::cli
