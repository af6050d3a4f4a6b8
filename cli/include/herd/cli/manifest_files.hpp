#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "herd/base/result.hpp"

namespace herd::cli {

/// A manifest file's name (as shown in diagnostics) and its text.
struct ManifestFile {
  std::string name;
  std::string text;
};

/// Reads the files named by -f arguments: a file; a directory (its .yaml,
/// .yml and .json files in name order, and those of subdirectories when
/// `recursive`); or "-" for `stdin`. Returns kNotFound / kUnavailable naming
/// the path when one cannot be read.
Result<std::vector<ManifestFile>> read_manifest_files(const std::vector<std::string>& paths, bool recursive,
                                                      std::istream& stdin_stream);

}  // namespace herd::cli
