#pragma once

// What files a configMap or secret volume holds, from the object and the
// volume source, as the kubelet's MakePayload computes them. Pure.

#include "herd/api/config.hpp"
#include "herd/api/volume.hpp"
#include "herd/base/result.hpp"
#include "volume/atomic_writer.hpp"

namespace herd::runtime::volume {

/// The files of a configMap volume: one per key of data and binaryData, or
/// one per `items` entry at its path. Modes: the item's, else defaultMode,
/// else 0644. `config_map` is nullptr when the ConfigMap does not exist.
/// Errors (messages as the kubelet's):
///  - kNotFound `configmap "<name>" not found` (nullptr and not optional),
///    `configmap references non-existent config key: <key>` (an item's key
///    is in neither map and the volume is not optional; optional skips it);
///  - kInvalidArgument for a mode outside 0..0777 or a path check_payload()
///    refuses.
Result<Payload> config_map_payload(const api::ConfigMapVolumeSource& source,
                                   const api::ConfigMap* config_map);

/// The same for a secret volume and its Secret's data (`secret "<name>" not
/// found`, `secret references non-existent secret key: <key>`).
Result<Payload> secret_payload(const api::SecretVolumeSource& source, const api::Secret* secret);

}  // namespace herd::runtime::volume
