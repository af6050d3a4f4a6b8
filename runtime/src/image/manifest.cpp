#include "image/manifest.hpp"

#include "herd/api/codec.hpp"

namespace herd::runtime::image {
namespace {

constexpr std::string_view kDockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
constexpr std::string_view kDockerSchema1Signed =
    "application/vnd.docker.distribution.manifest.v1+prettyjws";

bool is_index_type(std::string_view type) {
  return type == kOciIndexMediaType || type == kDockerManifestListMediaType;
}
bool is_image_type(std::string_view type) {
  return type == kOciManifestMediaType || type == kDockerManifestMediaType;
}

std::string_view strip_parameters(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') {
    type.remove_suffix(1);
  }
  return type;
}

const std::string* string_field(const api::Value& object, std::string_view key) {
  const api::Value* v = object.find(key);
  return v != nullptr && v->is_string() ? &v->as_string() : nullptr;
}

Result<Descriptor> read_descriptor(const api::Value& value, const std::string& where) {
  if (!value.is_object()) {
    return Status::corrupt(where + ": not an object");
  }
  Descriptor out;
  if (const std::string* type = string_field(value, "mediaType")) {
    out.media_type = *type;
  }
  const std::string* digest = string_field(value, "digest");
  if (digest == nullptr || digest->find(':') == std::string::npos) {
    return Status::corrupt(where + ": no \"digest\"");
  }
  out.digest = *digest;
  const api::Value* size = value.find("size");
  if (size == nullptr || !size->is_int() || size->as_int() < 0) {
    return Status::corrupt(where + ": no \"size\" (a non-negative integer)");
  }
  out.size = size->as_int();
  return out;
}

std::optional<Platform> read_platform(const api::Value& entry) {
  const api::Value* platform = entry.find("platform");
  if (platform == nullptr || !platform->is_object()) {
    return std::nullopt;
  }
  Platform out{"", "", ""};
  if (const std::string* os = string_field(*platform, "os")) {
    out.os = *os;
  }
  if (const std::string* arch = string_field(*platform, "architecture")) {
    out.architecture = *arch;
  }
  if (const std::string* variant = string_field(*platform, "variant")) {
    out.variant = *variant;
  }
  return out;
}

Status read_index(const api::Value& document, ParsedManifest& out) {
  const api::Value* manifests = document.find("manifests");
  if (manifests == nullptr || !manifests->is_array()) {
    return Status::corrupt("no \"manifests\" array");
  }
  for (std::size_t i = 0; i < manifests->as_array().size(); ++i) {
    const api::Value& entry = manifests->as_array()[i];
    HERD_ASSIGN_OR_RETURN(Descriptor descriptor,
                          read_descriptor(entry, "manifests[" + std::to_string(i) + "]"));
    out.manifests.push_back(IndexEntry{std::move(descriptor), read_platform(entry)});
  }
  return Status();
}

Status read_image(const api::Value& document, ParsedManifest& out) {
  const api::Value* config = document.find("config");
  if (config == nullptr) {
    return Status::corrupt("no \"config\"");
  }
  HERD_ASSIGN_OR_RETURN(out.config, read_descriptor(*config, "config"));
  const api::Value* layers = document.find("layers");
  if (layers == nullptr || !layers->is_array()) {
    return Status::corrupt("no \"layers\" array");
  }
  for (std::size_t i = 0; i < layers->as_array().size(); ++i) {
    HERD_ASSIGN_OR_RETURN(Descriptor layer, read_descriptor(layers->as_array()[i],
                                                            "layers[" + std::to_string(i) + "]"));
    out.layers.push_back(std::move(layer));
  }
  return Status();
}

// The manifest's type: its own mediaType, else a known Content-Type, else
// guessed from its fields (OCI lets both documents omit mediaType).
std::string media_type_of(const api::Value& document, std::string_view content_type) {
  if (const std::string* own = string_field(document, "mediaType");
      own != nullptr && !own->empty()) {
    return *own;
  }
  std::string_view served = strip_parameters(content_type);
  if (is_index_type(served) || is_image_type(served) || served == kDockerSchema1 ||
      served == kDockerSchema1Signed) {
    return std::string(served);
  }
  if (const api::Value* version = document.find("schemaVersion");
      version != nullptr && version->is_int() && version->as_int() == 1) {
    return std::string(kDockerSchema1);
  }
  if (document.find("manifests") != nullptr) {
    return std::string(kOciIndexMediaType);
  }
  if (document.find("layers") != nullptr || document.find("config") != nullptr) {
    return std::string(kOciManifestMediaType);
  }
  return std::string(served);
}

}  // namespace

std::string manifest_accept_header() {
  return std::string(kOciIndexMediaType) + ", " + std::string(kDockerManifestListMediaType) + ", " +
         std::string(kOciManifestMediaType) + ", " + std::string(kDockerManifestMediaType);
}

Result<ParsedManifest> parse_manifest(std::string_view content_type, std::string_view body) {
  auto document = api::parse_json_value(body);
  if (!document.ok()) {
    return Status::corrupt("manifest is not JSON: " + document.status().message());
  }
  if (!document->is_object()) {
    return Status::corrupt("manifest is not a JSON object");
  }
  ParsedManifest out;
  out.media_type = media_type_of(*document, content_type);
  if (out.media_type == kDockerSchema1 || out.media_type == kDockerSchema1Signed) {
    return Status::unimplemented(
        "Docker image manifest schema 1 is not supported (push the image again "
        "with a current client)");
  }
  Status read;
  if (is_index_type(out.media_type)) {
    out.kind = ParsedManifest::Kind::kIndex;
    read = read_index(*document, out);
  } else if (is_image_type(out.media_type)) {
    out.kind = ParsedManifest::Kind::kImage;
    read = read_image(*document, out);
  } else {
    return Status::unimplemented("unsupported manifest media type \"" + out.media_type + "\"");
  }
  if (!read.ok()) {
    return read.with_context("malformed " + out.media_type);
  }
  return out;
}

std::string platform_string(const Platform& platform) {
  std::string out = platform.os + "/" + platform.architecture;
  if (!platform.variant.empty()) {
    out += "/" + platform.variant;
  }
  return out;
}

Result<Descriptor> select_platform(const std::vector<IndexEntry>& entries, const Platform& want) {
  std::string available;
  for (const IndexEntry& entry : entries) {
    if (!entry.platform.has_value()) {
      continue;
    }
    const Platform& p = *entry.platform;
    if (p.os == want.os && p.architecture == want.architecture &&
        (want.variant.empty() || p.variant == want.variant)) {
      return entry.descriptor;
    }
    available += (available.empty() ? "" : ", ") + platform_string(p);
  }
  return Status::not_found("no manifest for " + platform_string(want) +
                           " in the image index (it has " +
                           (available.empty() ? "no platforms" : available) + ")");
}

}  // namespace herd::runtime::image
