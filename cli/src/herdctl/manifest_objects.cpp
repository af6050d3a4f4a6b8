#include "herdctl/manifest_objects.hpp"

#include <ostream>

#include "herd/api/manifest.hpp"
#include "herd/cli/manifest_files.hpp"

namespace herd::cli::herdctl {

Result<std::vector<ManifestItem>> load_manifest_items(const FileOptions& files, const Session& session) {
  if (files.files.empty()) return Status::invalid_argument("must specify one of -f and -k");
  HERD_ASSIGN_OR_RETURN(std::vector<ManifestFile> texts, read_manifest_files(files.files, files.recursive, session.in));
  std::vector<ManifestItem> items;
  std::size_t errors = 0;
  for (const ManifestFile& file : texts) {
    api::Manifest manifest = api::decode_manifest(file.text, api::DecodeOptions{file.name, true});
    for (const api::Diagnostic& d : manifest.diagnostics) session.err << d.to_string() << "\n";
    errors += manifest.error_count();
    for (api::ManifestObject& object : manifest.objects) {
      ManifestItem item;
      item.kind = &api::kind_of(object.object);
      api::ObjectMeta& meta = api::meta(object.object);
      if (item.kind->namespaced) {
        if (meta.namespace_.empty()) meta.namespace_ = session.namespace_;
        if (session.namespace_given && meta.namespace_ != session.namespace_) {
          return Status::invalid_argument("the namespace from the provided object \"" + meta.namespace_ +
                                          "\" does not match the namespace \"" + session.namespace_ +
                                          "\". You must pass '--namespace=" + meta.namespace_ +
                                          "' to perform this operation.");
        }
      } else {
        meta.namespace_.clear();
      }
      item.namespace_ = meta.namespace_;
      item.name = meta.name;
      item.body = api::encode_object(object.object);
      items.push_back(std::move(item));
    }
  }
  if (errors > 0) {
    return Status::invalid_argument("the manifests have " + std::to_string(errors) +
                                    " error(s) (shown above); nothing was sent");
  }
  if (items.empty()) return Status::invalid_argument("no objects passed to the command");
  return items;
}

}  // namespace herd::cli::herdctl
