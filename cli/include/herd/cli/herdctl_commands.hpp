#pragma once

// The herdctl commands that work offline, on manifest files. Each returns the
// process exit code and writes only to the streams it is given, so tests can
// run them in-process.

#include <iosfwd>
#include <string>
#include <vector>

namespace herd::cli {

struct ValidateOptions {
  std::vector<std::string> files;  ///< -f: files, directories, "-" for stdin.
  bool recursive = false;          ///< -R: descend into subdirectories.
  bool lenient = false;            ///< --lenient: unknown fields are warnings.
};

/// `herdctl validate`: prints every problem as `FILE:LINE:COL: field.path: message`
/// and a summary line. Returns 0 when every object is valid, 1 when any is
/// not (or a file cannot be read).
int run_validate(const ValidateOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

struct ConvertOptions {
  std::vector<std::string> files;
  bool recursive = false;
  bool lenient = false;
  std::string output = "yaml";  ///< -o: yaml or json.
};

/// `herdctl convert`: prints the valid objects normalized (current apiVersion,
/// defaults applied): YAML documents separated by `---`, or JSON (one object,
/// or a v1 List for several). Problems go to `err`; returns 1 when there were any.
int run_convert(const ConvertOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace herd::cli
