#pragma once

// Manifests: text (YAML or JSON, one or many documents) -> validated objects
// in their current apiVersion, with every problem reported at its line.

#include <string>
#include <string_view>
#include <vector>

#include "herd/api/object.hpp"
#include "herd/api/value.hpp"
#include "herd/base/result.hpp"

namespace herd::api {

/// One problem found in a manifest.
struct Diagnostic {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string file;
  SourcePos pos;       ///< Unknown (line 0) only for problems with no place in the text.
  std::string path;    ///< Field path, e.g. `spec.containers[0].image`; "" for syntax errors.
  std::string message;

  /// `FILE:LINE:COL: path: message`; warnings read `FILE:LINE:COL: warning: path: message`.
  std::string to_string() const;
};

struct DecodeOptions {
  /// Named in diagnostics.
  std::string file_name = "-";
  /// Unknown fields are errors (kubectl's --validate=strict); else warnings.
  bool strict = true;
};

/// An object read from a manifest.
struct ManifestObject {
  Object object;
  /// The apiVersion as written (e.g. "apps/v1beta1"); the object itself is current.
  std::string source_api_version;
  SourcePos pos;      ///< Where its document starts.
  bool valid = true;  ///< False when any error diagnostic belongs to it.
};

struct Manifest {
  std::vector<ManifestObject> objects;
  std::vector<Diagnostic> diagnostics;
  std::size_t error_count() const;
  std::size_t warning_count() const;
};

/// Decodes every document of `text`: parses it, identifies the kind,
/// converts a legacy apiVersion, decodes the fields (unknown ones are
/// reported with a suggestion of where they belong), applies Kubernetes'
/// defaults and validates. Reports every problem at once. Empty documents are
/// skipped; a `kind: List` contributes its items. Never throws or aborts on
/// any input.
Manifest decode_manifest(std::string_view text, const DecodeOptions& options);

/// The same for one already parsed document (e.g. an API request body).
Manifest decode_document(const Value& document, const DecodeOptions& options);

/// The object as a Value in its current apiVersion, ready for to_yaml/to_json.
Value encode_object(const Object& object);

/// Decodes an object that herd itself stored (an event's data, a snapshot):
/// current apiVersion, already defaulted and validated, so neither pass runs
/// again. Returns kCorrupt naming the first problem (unknown kind or field,
/// wrong type): stored data that does not decode is damage, not user error.
Result<Object> decode_stored_object(const Value& document);

/// The same, decoded into `out` (replacing what it held, of whatever kind),
/// which saves moving the object when it replaces one held elsewhere (replay).
/// On error `out` is unchanged.
Status decode_stored_object(const Value& document, Object& out);

}  // namespace herd::api
