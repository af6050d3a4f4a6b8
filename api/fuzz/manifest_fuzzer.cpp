// Fuzzes the manifest decoder with arbitrary text. Besides not crashing, every
// object it accepts must survive encode -> YAML -> decode unchanged.

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  herd::api::Manifest m = herd::api::decode_manifest(text, herd::api::DecodeOptions{"fuzz", true});
  for (const herd::api::ManifestObject& o : m.objects) {
    if (!o.valid) continue;
    std::string yaml = herd::api::to_yaml(herd::api::encode_object(o.object));
    herd::api::Manifest again = herd::api::decode_manifest(yaml, herd::api::DecodeOptions{"fuzz-again", true});
    if (again.objects.size() != 1 || !(again.objects[0].object == o.object)) {
      std::fprintf(stderr, "round trip changed the object; re-encoded as:\n%s\n", yaml.c_str());
      for (const auto& d : again.diagnostics) std::fprintf(stderr, "%s\n", d.to_string().c_str());
      std::abort();
    }
  }
  return 0;
}
