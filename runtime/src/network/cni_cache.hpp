#pragma once

// The cache of ADD results, one file per attachment, so that DEL and CHECK
// after a restart run with the configuration and prevResult that ADD used
// (CNI spec 1.0.0 asks the runtime to keep them). The files have libcni's
// "cniCacheV1" layout and name (<network>-<container id>-<ifname>, as in
// /var/lib/cni/results), so cnitool and friends can read them:
//
//   {"kind": "cniCacheV1", "containerId": "<pod uid>", "ifName": "eth0",
//    "networkName": "herd", "config": "<base64 of the conflist>",
//    "cniArgs": [["IgnoreUnknown", "1"], ["K8S_POD_NAME", "web-0"], ...],
//    "capabilityArgs": {"portMappings": [...]}, "result": {<the ADD result>}}

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/value.hpp"
#include "herd/base/result.hpp"

namespace herd::runtime::network {

struct CacheEntry {
  std::string container_id;
  std::string if_name;
  std::string network_name;
  std::string config;    ///< The conflist, as JSON text.
  std::string cni_args;  ///< CNI_ARGS ("K=V;K=V").
  api::Value capability_args = api::Value::object();
  api::Value result;     ///< The ADD result (an object).
};

std::string encode_cache_entry(const CacheEntry& entry);
/// kCorrupt when `text` is not a cniCacheV1 object with the fields above.
Result<CacheEntry> decode_cache_entry(std::string_view text);

/// The cache directory. Files are replaced atomically (write, fsync, rename),
/// so a crash leaves either the old entry or the new one. Thread-safe for
/// different entries.
class ResultCache {
 public:
  explicit ResultCache(std::string dir) : dir_(std::move(dir)) {}

  std::string path(const std::string& network, const std::string& container_id, const std::string& if_name) const;
  /// Creates the directory when missing.
  Status write(const CacheEntry& entry) const;
  /// nullopt when there is no entry; kCorrupt when it cannot be decoded.
  Result<std::optional<CacheEntry>> read(const std::string& network, const std::string& container_id,
                                         const std::string& if_name) const;
  /// OK when there was no entry.
  Status remove(const std::string& network, const std::string& container_id, const std::string& if_name) const;
  /// The container ids with an entry for `network` and `if_name`, sorted.
  /// Ambiguous when another network's name starts with `network` + "-".
  Result<std::vector<std::string>> container_ids(const std::string& network, const std::string& if_name) const;

 private:
  std::string dir_;
};

}  // namespace herd::runtime::network
