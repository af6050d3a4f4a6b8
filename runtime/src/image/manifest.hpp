#pragma once

// Reading the JSON documents a registry serves for a manifest reference: an
// image index (OCI) / manifest list (Docker), or an image manifest (OCI, or
// Docker schema 2), into descriptors; and choosing a platform's manifest out
// of an index. Pure functions over in-memory text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/runtime/registry_client.hpp"

namespace herd::runtime::image {

/// One manifest an index lists, with the platform it is for (absent when
/// the index does not say).
struct IndexEntry {
  Descriptor descriptor;
  std::optional<Platform> platform;
};

/// A parsed manifest document.
struct ParsedManifest {
  enum class Kind { kIndex, kImage };
  Kind kind = Kind::kImage;
  std::string media_type;             ///< One of the four k*MediaType constants.
  std::vector<IndexEntry> manifests;  ///< kIndex: the listed manifests.
  Descriptor config;                  ///< kImage: the configuration blob.
  std::vector<Descriptor> layers;     ///< kImage: bottom layer first.
};

/// The Accept header for manifest requests: the four types herd reads.
std::string manifest_accept_header();

/// Parses `body`, served with `content_type` (parameters such as charset are
/// ignored). The type is the document's own mediaType when it has one, else
/// the content type when it is one herd reads, else guessed from the fields
/// ("manifests" → index, "layers" → manifest). Returns kUnimplemented for
/// Docker schema 1 and other types, kCorrupt for malformed JSON or a missing
/// or wrong field (naming it: "layers[1]: no \"digest\"").
Result<ParsedManifest> parse_manifest(std::string_view content_type, std::string_view body);

/// The first entry of `entries` for `want` (os and architecture equal; the
/// variant too when `want` has one). Returns kNotFound listing the platforms
/// the index does have.
Result<Descriptor> select_platform(const std::vector<IndexEntry>& entries, const Platform& want);

/// "linux/amd64", or "linux/arm64/v8" with a variant.
std::string platform_string(const Platform& platform);

}  // namespace herd::runtime::image
