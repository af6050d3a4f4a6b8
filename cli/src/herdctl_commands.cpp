#include "herd/cli/herdctl_commands.hpp"

#include <ostream>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/cli/manifest_files.hpp"

namespace herd::cli {
namespace {

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

int run_validate(const ValidateOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  Result<std::vector<ManifestFile>> files = read_manifest_files(options.files, options.recursive, in);
  if (!files.ok()) {
    err << "error: " << files.status().message() << "\n";
    return 1;
  }
  std::size_t objects = 0, invalid = 0, errors = 0, warnings = 0;
  for (const ManifestFile& file : *files) {
    api::Manifest m = api::decode_manifest(file.text, api::DecodeOptions{file.name, !options.lenient});
    for (const api::Diagnostic& d : m.diagnostics) out << d.to_string() << "\n";
    objects += m.objects.size();
    for (const api::ManifestObject& o : m.objects) invalid += !o.valid;
    errors += m.error_count();
    warnings += m.warning_count();
  }
  out << plural(objects, "object") << " in " << plural(files->size(), "file") << ": " << objects - invalid
      << " valid, " << invalid << " invalid; " << plural(errors, "error") << ", " << plural(warnings, "warning")
      << "\n";
  return errors == 0 ? 0 : 1;
}

int run_convert(const ConvertOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  if (options.output != "yaml" && options.output != "json") {
    err << "error: -o " << options.output << ": output format must be yaml or json\n";
    return 1;
  }
  Result<std::vector<ManifestFile>> files = read_manifest_files(options.files, options.recursive, in);
  if (!files.ok()) {
    err << "error: " << files.status().message() << "\n";
    return 1;
  }
  std::vector<api::Value> converted;
  std::size_t errors = 0;
  for (const ManifestFile& file : *files) {
    api::Manifest m = api::decode_manifest(file.text, api::DecodeOptions{file.name, !options.lenient});
    for (const api::Diagnostic& d : m.diagnostics) err << d.to_string() << "\n";
    errors += m.error_count();
    for (const api::ManifestObject& o : m.objects) {
      if (o.valid) converted.push_back(api::encode_object(o.object));
    }
  }
  if (options.output == "json") {
    if (converted.size() == 1) {
      out << api::to_json(converted[0], /*pretty=*/true) << "\n";
    } else {
      api::Value list = api::Value::object();
      list.set("apiVersion", api::Value::string("v1"));
      list.set("kind", api::Value::string("List"));
      list.set("items", api::Value::array(std::move(converted)));
      out << api::to_json(list, /*pretty=*/true) << "\n";
    }
  } else {
    for (std::size_t i = 0; i < converted.size(); ++i) {
      if (i > 0) out << "---\n";
      out << api::to_yaml(converted[i]);
    }
  }
  return errors == 0 ? 0 : 1;
}

}  // namespace herd::cli
