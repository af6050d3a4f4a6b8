#pragma once

// ImageReference: an image name as a pod spec writes it ("busybox",
// "mhausenblas/simple-service:0.5.0", "127.0.0.1:5000/x/y@sha256:...")
// parsed and normalised the way Docker and containerd do, so that the same
// spelling names the same image everywhere in herd.

#include <string>
#include <string_view>

#include "herd/base/result.hpp"

namespace herd::runtime {

/// A parsed, normalised image reference: `domain/path[:tag][@digest]`.
///
/// Normalisation follows docker/distribution's `reference.ParseNormalizedNamed`:
///   - a first path component counts as a registry host when it holds a '.'
///     or a ':' , is "localhost", or has an upper-case letter; otherwise the
///     host is "docker.io" (and "index.docker.io" becomes "docker.io");
///   - on docker.io a one-component path gets the "library/" prefix;
///   - without tag and digest the tag is "latest"; with a digest and no tag
///     the tag stays empty (the digest alone names the manifest).
/// So `busybox` is docker.io/library/busybox:latest.
///
/// Plain value type. Build one with parse(); a default-constructed reference
/// is empty and names nothing.
struct ImageReference {
  std::string domain;  ///< Registry host[:port], e.g. "docker.io", "127.0.0.1:5000".
  std::string path;    ///< Repository path, e.g. "library/busybox".
  std::string tag;     ///< e.g. "latest"; empty only when `digest` is set.
  std::string digest;  ///< "sha256:<64 hex>" or empty.

  /// Parses and normalises `text`. Returns kInvalidArgument with a message
  /// naming the reference and what is wrong with it, e.g.
  /// `invalid image reference "Busybox": repository name must be lowercase`.
  /// Accepted digests are sha256 (64 lower-case hex) and sha512 (128).
  static Result<ImageReference> parse(std::string_view text);

  /// "docker.io/library/busybox": the repository, without tag or digest.
  std::string name() const;

  /// The full normalised form: "docker.io/library/busybox:latest",
  /// "127.0.0.1:5000/x/y@sha256:...", or with both "name:tag@digest".
  std::string to_string() const;

  /// What the registry's manifest URL ends with: the digest when there is
  /// one (it pins the content), else the tag.
  const std::string& manifest_reference() const { return digest.empty() ? tag : digest; }

  bool operator==(const ImageReference&) const = default;
};

}  // namespace herd::runtime
