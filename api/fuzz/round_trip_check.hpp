#pragma once

// The property the manifest fuzzer checks, shared with the unit test that
// replays every input the fuzzer ever failed on (api/fuzz/regressions/).

#include <string>
#include <string_view>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"

namespace herd::api::fuzz {

/// Decodes `text` (which must not crash, whatever it holds) and checks that
/// each valid object survives encode -> YAML -> decode unchanged. Returns ""
/// when it holds, else what went wrong.
inline std::string check_round_trip(std::string_view text) {
  Manifest m = decode_manifest(text, DecodeOptions{"fuzz", true});
  for (const ManifestObject& o : m.objects) {
    if (!o.valid) continue;
    std::string yaml = to_yaml(encode_object(o.object));
    Manifest again = decode_manifest(yaml, DecodeOptions{"fuzz-again", true});
    if (again.objects.size() != 1 || !(again.objects[0].object == o.object)) {
      std::string why = "round trip changed the object; re-encoded as:\n" + yaml;
      for (const Diagnostic& d : again.diagnostics) why += d.to_string() + "\n";
      return why;
    }
  }
  return "";
}

}  // namespace herd::api::fuzz
