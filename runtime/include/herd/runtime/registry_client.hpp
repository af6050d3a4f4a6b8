#pragma once

// RegistryClient: the image-registry side of an image pull. It speaks the
// distribution API v2 (what Docker Hub, docker-registry and every OCI
// registry serve) over HTTP/1.1: resolve a reference to its linux/amd64
// manifest, then stream each blob (config, layers) to a BlobSink with its
// digest and size checked. The containerd runtime writes what it receives
// into containerd's content store; the client itself stores nothing.
//
// Mirrors: a node's RegistryConfig maps a registry host to endpoints tried in
// order before the host itself, as containerd's hosts.toml does:
//
//   docker.io -> http://127.0.0.1:5000, then https://registry-1.docker.io
//
// Every failure is a Status whose message is fit to show as a pod's
// ErrImagePull message, e.g.
//   pull docker.io/library/nosuch:latest: manifest unknown (404 from 127.0.0.1:5000)
//   pull 127.0.0.1:1/x:latest: registry unreachable: connect 127.0.0.1:1: Connection refused
//   digest mismatch for layer sha256:ab...: got sha256:cd...

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/value.hpp"
#include "herd/base/result.hpp"
#include "herd/base/status.hpp"
#include "herd/runtime/image_reference.hpp"

namespace herd::runtime {

/// Media types of the manifests and blobs a pull meets.
inline constexpr std::string_view kOciIndexMediaType = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kOciManifestMediaType =
    "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kDockerManifestListMediaType =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view kDockerManifestMediaType =
    "application/vnd.docker.distribution.manifest.v2+json";

/// A content-addressed blob as manifests describe it (the OCI descriptor).
struct Descriptor {
  std::string media_type;  ///< e.g. "application/vnd.oci.image.layer.v1.tar+gzip"
  std::string digest;      ///< "sha256:<64 hex>"
  int64_t size = 0;        ///< In bytes.
  bool operator==(const Descriptor&) const = default;
};

/// An OS and CPU an image is built for, as an image index names them.
struct Platform {
  std::string os = "linux";
  std::string architecture = "amd64";
  std::string variant;  ///< e.g. "v8" for arm64; empty matches any.
  bool operator==(const Platform&) const = default;
};

/// What resolve() found: the manifest for the wanted platform and the
/// descriptors of every blob the image needs.
struct ResolvedImage {
  /// The normalised reference that was resolved ("docker.io/library/busybox:latest").
  std::string name;
  /// What the reference points at: an image index / manifest list, or
  /// directly an image manifest (then equal to `manifest`). Containerd's
  /// image record targets this descriptor.
  Descriptor target;
  std::string target_bytes;  ///< Exactly the bytes the registry served for `target`.
  /// The platform's image manifest (OCI or Docker schema 2).
  Descriptor manifest;
  std::string manifest_bytes;      ///< Exactly the bytes served; their sha256 is manifest.digest.
  Descriptor config;               ///< The image configuration blob.
  std::vector<Descriptor> layers;  ///< Bottom layer first.
  /// Where it came from: the endpoint's host[:port], e.g. "127.0.0.1:5000".
  std::string endpoint;
};

/// Receives a blob's bytes, in order, in chunks of any size.
class BlobSink {
 public:
  virtual ~BlobSink() = default;
  /// Takes the next chunk; `chunk` is valid only during the call. A non-OK
  /// Status stops the fetch, and fetch_blob returns it unchanged.
  virtual Status write(std::string_view chunk) = 0;
};

/// User name and password for a registry (basic auth, or to obtain tokens).
struct RegistryCredentials {
  std::string username;
  std::string password;
};

/// Mirrors for one registry host.
struct RegistryMirror {
  /// Endpoint URLs tried in order: "http://127.0.0.1:5000",
  /// "https://mirror.example.com" (a path, if any, goes before "/v2/").
  /// Without a scheme, https (http for hosts allowed plain http).
  std::vector<std::string> endpoints;
  /// Whether the registry host itself is tried after the mirrors.
  bool fallback_to_origin = true;
};

/// A node's registry settings. Plain value type.
struct RegistryConfig {
  /// Mirrors by registry host as image references name it ("docker.io",
  /// "quay.io", "127.0.0.1:5000").
  std::map<std::string, RegistryMirror, std::less<>> mirrors;
  /// host[:port]s that may be reached over plain http. Loopback hosts
  /// (127.0.0.1, localhost, [::1]) always may, and their origin is reached
  /// over http; every other origin over https.
  std::set<std::string, std::less<>> insecure_hosts;
  /// Credentials by the host[:port] they are sent to: a registry endpoint's
  /// (docker.io's origin is "registry-1.docker.io") or a token realm's.
  std::map<std::string, RegistryCredentials, std::less<>> credentials;
  /// The platform taken out of an image index.
  Platform platform;
  std::chrono::milliseconds connect_timeout{10'000};  ///< Per TCP connect and TLS handshake.
  std::chrono::milliseconds read_timeout{30'000};     ///< Per read or write of the connection.
  int max_redirects = 5;
  /// Largest manifest or index accepted, in bytes.
  std::size_t max_manifest_bytes = 4 << 20;
};

/// Reads a RegistryConfig from a document (a node configuration's `registry`
/// section, YAML or JSON decoded by herd/api/codec.hpp):
///
///   mirrors:
///     docker.io:
///       endpoints: ["http://127.0.0.1:5000"]
///       fallbackToOrigin: false        # default true
///   insecureHosts: ["registry.lan:5000"]
///   credentials:
///     registry.lan:5000: {username: u, password: p}
///   platform: {os: linux, architecture: amd64}
///   connectTimeoutSeconds: 10
///   readTimeoutSeconds: 30
///
/// Every field is optional. Returns kInvalidArgument naming the field for an
/// unknown field or a value of the wrong type.
Result<RegistryConfig> parse_registry_config(const api::Value& document);

/// Pulls manifests and blobs from registries.
///
/// Lifecycle: made by make_registry_client(), owned by the runtime. Safe to
/// call from several threads at once (each request uses a connection of its
/// own; bearer tokens are cached per endpoint and scope, under a lock). Calls
/// block for at most the configured timeouts per network step.
class RegistryClient {
 public:
  virtual ~RegistryClient() = default;

  /// Fetches the manifest `ref` names, from each endpoint of ref.domain in
  /// turn until one serves it. An image index or manifest list is resolved to
  /// the configured platform. A manifest fetched by digest is checked against
  /// it. Errors (message prefixed "pull <ref>: "):
  ///   kNotFound     no endpoint has it ("manifest unknown (404 from HOST)"),
  ///                 or the index has no manifest for the platform;
  ///   kUnavailable  no endpoint answered ("registry unreachable: ..."), or
  ///                 one answered 5xx;
  ///   kInvalidArgument  401/403 after authenticating ("unauthorized: ...");
  ///   kCorrupt      a malformed manifest or one that fails its digest;
  ///   kUnimplemented    a manifest type herd cannot run (Docker schema 1).
  /// Several endpoints failing give each one's reason, joined by "; ".
  virtual Result<ResolvedImage> resolve(const ImageReference& ref) = 0;

  /// Streams the blob `blob` of repository `ref` to `sink`, following
  /// redirects, and checks its size and sha256 digest. The next endpoint is
  /// tried only while nothing has been written to `sink`. On any error the
  /// sink may have received part of the blob, or all of it when the digest
  /// did not match: the caller discards what it wrote. Errors (message
  /// prefixed "pull <ref>: ", except the sink's own):
  ///   kCorrupt      "digest mismatch for layer sha256:..: got sha256:.." (the
  ///                 kind is layer, config or blob by media type), or "size
  ///                 mismatch ...";
  ///   kUnimplemented    a digest algorithm other than sha256;
  ///   whatever `sink` returned, unchanged; otherwise as for resolve().
  virtual Status fetch_blob(const ImageReference& ref, const Descriptor& blob, BlobSink& sink) = 0;
};

/// Makes the HTTP client (Boost.Beast; OpenSSL for https, verifying
/// certificates against the system's CAs). Returns kInvalidArgument when
/// `config` names a malformed mirror URL, or plain http for a host that is
/// neither loopback nor in insecure_hosts.
Result<std::unique_ptr<RegistryClient>> make_registry_client(RegistryConfig config);

}  // namespace herd::runtime
