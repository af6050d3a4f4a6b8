#include "herd/api/manifest.hpp"

#include <algorithm>

#include "convert/legacy.hpp"
#include "herd/api/codec.hpp"
#include "rules/kind_rules.hpp"
#include "schema/decoder.hpp"
#include "schema/encoder.hpp"
#include "schema/stored_decoder.hpp"
#include "schema/table_passes.hpp"

namespace herd::api {
namespace {

// Decodes `doc` as kind K and runs the defaulting and validation passes.
template <class K>
Object decode_as(const Value& doc, std::string_view source_version, bool strict, FieldErrors& errors,
                 schema::PositionMap& positions) {
  K object;
  schema::Decoder(strict, errors, positions).decode_root(doc, object);
  Object result = std::move(object);
  convert::apply_legacy_defaults(source_version, result);
  K& typed = std::get<K>(result);
  const KindInfo& info = kind_of(result);
  typed.api_version = info.api_version();
  typed.kind = std::string(info.kind);
  schema::apply_table_defaults(typed);
  rules::apply_kind_defaults(typed);
  schema::validate_table(typed, FieldPath(), errors);
  rules::validate_kind(typed, errors);
  return result;
}

using DecodeFn = Object (*)(const Value&, std::string_view, bool, FieldErrors&, schema::PositionMap&);

template <std::size_t... I>
constexpr std::array<DecodeFn, sizeof...(I)> make_decoders(std::index_sequence<I...>) {
  return {&decode_as<std::variant_alternative_t<I, Object>>...};
}
constexpr auto kDecoders = make_decoders(std::make_index_sequence<std::variant_size_v<Object>>{});

// The position of `path`, or of its nearest ancestor that was written.
SourcePos position_of(const schema::PositionMap& positions, std::string path) {
  while (true) {
    if (auto it = positions.find(path); it != positions.end() && it->second.known()) return it->second;
    if (path.empty()) return SourcePos{};
    std::size_t cut = path.find_last_of(".[");
    path.resize(cut == std::string::npos ? 0 : cut);
  }
}

class ManifestDecoder {
 public:
  ManifestDecoder(const DecodeOptions& options, Manifest& out) : options_(options), out_(out) {}

  void document(const Value& doc) {
    if (doc.is_null()) return;  // an empty document, as between `---` and `...`
    if (!doc.is_object()) {
      return report(doc.pos(), "", "not an object: a manifest document needs apiVersion, kind and metadata (found " +
                                       std::string(doc.type_name()) + ")");
    }
    const Value* api_version = doc.find("apiVersion");
    const Value* kind = doc.find("kind");
    bool missing = false;
    if (api_version == nullptr || !api_version->is_string() || api_version->as_string().empty()) {
      report(doc.pos(), "apiVersion", "Required value: every object needs apiVersion and kind");
      missing = true;
    }
    if (kind == nullptr || !kind->is_string() || kind->as_string().empty()) {
      report(doc.pos(), "kind", "Required value: every object needs apiVersion and kind");
      missing = true;
    }
    if (missing) return;
    if (kind->as_string() == "List" && api_version->as_string() == "v1") return list(doc);
    object(doc, *api_version, *kind);
  }

 private:
  void list(const Value& doc) {
    const Value* items = doc.find("items");
    if (items == nullptr || !items->is_array()) return report(doc.pos(), "items", "Required value: a List needs items");
    for (const Value& item : items->as_array()) document(item);
  }

  void object(const Value& doc, const Value& api_version, const Value& kind_name) {
    const KindInfo* kind = find_kind(kind_name.as_string());
    if (kind == nullptr) {
      return report(kind_name.pos(), "kind", "Unsupported value: \"" + kind_name.as_string() +
                                                 "\": herd does not serve this kind");
    }
    const std::string& version = api_version.as_string();
    if (!kind->accepts(version)) {
      std::string supported = kind->api_version();
      for (std::string_view v : kind->legacy_api_versions) supported += ", " + std::string(v);
      return report(api_version.pos(), "apiVersion",
                    "Unsupported value: \"" + version + "\": " + kind->kind.data() +
                        " is served as " + supported);
    }
    // Only a legacy document is reshaped, so only it is copied.
    const Value* current = &doc;
    Value converted;
    if (version != kind->api_version()) {
      converted = doc;
      convert::convert_legacy_document(*kind, version, converted);
      current = &converted;
    }
    FieldErrors errors;
    schema::PositionMap positions;
    ManifestObject result{kDecoders[kind->index](*current, version, options_.strict, errors, positions),
                          version, doc.pos(), true};
    std::vector<Diagnostic> found;
    for (const FieldError& e : errors.list()) {
      if (!e.warning) result.valid = false;
      found.push_back(Diagnostic{e.warning ? Diagnostic::Severity::kWarning : Diagnostic::Severity::kError,
                                 options_.file_name, position_of(positions, e.path), e.path, e.message});
    }
    // In the order of the text, as a reader goes through the file.
    std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
    });
    out_.diagnostics.insert(out_.diagnostics.end(), found.begin(), found.end());
    out_.objects.push_back(std::move(result));
  }

  void report(SourcePos pos, std::string path, std::string message) {
    out_.diagnostics.push_back(
        Diagnostic{Diagnostic::Severity::kError, options_.file_name, pos, std::move(path), std::move(message)});
  }

  const DecodeOptions& options_;
  Manifest& out_;
};

}  // namespace

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (pos.known()) out += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
  out += ": ";
  if (severity == Severity::kWarning) out += "warning: ";
  if (!path.empty()) out += path + ": ";
  out += message;
  return out;
}

std::size_t Manifest::error_count() const {
  std::size_t n = 0;
  for (const Diagnostic& d : diagnostics) n += d.severity == Diagnostic::Severity::kError;
  return n;
}

std::size_t Manifest::warning_count() const { return diagnostics.size() - error_count(); }

Manifest decode_manifest(std::string_view text, const DecodeOptions& options) {
  Manifest out;
  ParsedText parsed = parse_manifest_text(text);
  ManifestDecoder decoder(options, out);
  for (const Value& doc : parsed.documents) decoder.document(doc);
  if (parsed.error) {
    out.diagnostics.push_back(Diagnostic{Diagnostic::Severity::kError, options.file_name, parsed.error->pos, "",
                                         "syntax error: " + parsed.error->message});
  }
  return out;
}

Manifest decode_document(const Value& document, const DecodeOptions& options) {
  Manifest out;
  ManifestDecoder(options, out).document(document);
  return out;
}

namespace {

// The checked decoder: what a stored object that does not decode is reported as.
template <class K>
Status decode_stored_checked(const Value& doc, K& object) {
  FieldErrors errors;
  schema::PositionMap positions;
  schema::Decoder(/*strict=*/true, errors, positions).decode_root(doc, object);
  if (!errors.list().empty()) {
    const FieldError& e = errors.list().front();
    return Status::corrupt("stored " + std::string(Schema<K>::kName) + ": " + e.path + ": " + e.message);
  }
  return Status();
}

// The fast decoder first; the checked one, for its message, only when that
// fails (see schema/stored_decoder.hpp). Both start from a fresh K, so `out`
// keeps what it held when neither decodes.
template <class K>
Status decode_stored_as(const Value& doc, Object& out) {
  K object;
  if (!schema::decode_stored(doc, object)) {
    object = K{};
    HERD_RETURN_IF_ERROR(decode_stored_checked(doc, object));
  }
  out = std::move(object);
  return Status();
}

using StoredDecodeFn = Status (*)(const Value&, Object&);

template <std::size_t... I>
constexpr std::array<StoredDecodeFn, sizeof...(I)> make_stored_decoders(std::index_sequence<I...>) {
  return {&decode_stored_as<std::variant_alternative_t<I, Object>>...};
}
constexpr auto kStoredDecoders = make_stored_decoders(std::make_index_sequence<std::variant_size_v<Object>>{});

}  // namespace

Status decode_stored_object(const Value& document, Object& out) {
  const Value* kind = document.find("kind");
  if (kind == nullptr || !kind->is_string()) return Status::corrupt("stored object without a kind");
  const KindInfo* info = find_kind(kind->as_string());
  if (info == nullptr) return Status::corrupt("stored object of unknown kind \"" + kind->as_string() + "\"");
  return kStoredDecoders[info->index](document, out);
}

Result<Object> decode_stored_object(const Value& document) {
  Object out;
  HERD_RETURN_IF_ERROR(decode_stored_object(document, out));
  return out;
}

Value encode_object(const Object& object) {
  return std::visit([](const auto& o) { return schema::encode(o); }, object);
}

}  // namespace herd::api
