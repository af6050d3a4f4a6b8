// The examples of examples/kinds/ (one manifest per kind, also user
// documentation) must decode cleanly under strict decoding and survive
// decode -> encode -> print -> decode unchanged, in YAML and in JSON. A
// coverage count over the schema tables keeps the examples exercising most of
// the model, so a field whose encoding or decoding breaks is noticed here.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/api/object.hpp"
#include "herd/api/type_info.hpp"

namespace herd::api {
namespace {

namespace fs = std::filesystem;

const fs::path kExamplesDir = fs::path(HERD_SOURCE_DIR) / "examples" / "kinds";

/// At least this share of the schema fields reachable from the kinds must be
/// set in some example.
constexpr double kMinFieldCoverage = 0.60;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The example file of a kind: examples/kinds/<lowercase kind>.yaml.
fs::path example_path(std::string_view kind) { return kExamplesDir / (lower(kind) + ".yaml"); }

/// The stems of examples/kinds/*.yaml, sorted ("configmap", "pod", ...).
std::vector<std::string> example_stems() {
  std::vector<std::string> stems;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(kExamplesDir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") stems.push_back(e.path().stem().string());
  }
  std::sort(stems.begin(), stems.end());
  return stems;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += "  " + d.to_string() + "\n";
  return out;
}

/// Where two Values first differ, as "path: a vs b"; "" when equal.
std::string first_difference(const Value& a, const Value& b, const std::string& path = "") {
  auto shown = [](const Value& v) {
    if (v.is_scalar()) return std::string(v.type_name()) + " " + to_json(v);
    return std::string(v.type_name());
  };
  std::string at = path.empty() ? "<root>" : path;
  if (a.type() != b.type()) return at + ": " + shown(a) + " vs " + shown(b);
  if (a.is_object()) {
    const Value::Object& ma = a.as_object();
    const Value::Object& mb = b.as_object();
    for (const Value::Member& m : ma) {
      const Value* other = b.find(m.key);
      std::string child = path.empty() ? m.key : path + "." + m.key;
      if (other == nullptr) return child + ": present only in the first";
      if (std::string d = first_difference(m.value, *other, child); !d.empty()) return d;
    }
    for (const Value::Member& m : mb) {
      if (a.find(m.key) == nullptr) return (path.empty() ? m.key : path + "." + m.key) + ": present only in the second";
    }
    for (std::size_t i = 0; i < std::min(ma.size(), mb.size()); ++i) {
      if (ma[i].key != mb[i].key) return at + ": keys in another order (" + ma[i].key + " vs " + mb[i].key + ")";
    }
    return "";
  }
  if (a.is_array()) {
    const Value::Array& ia = a.as_array();
    const Value::Array& ib = b.as_array();
    for (std::size_t i = 0; i < std::min(ia.size(), ib.size()); ++i) {
      if (std::string d = first_difference(ia[i], ib[i], path + "[" + std::to_string(i) + "]"); !d.empty()) return d;
    }
    if (ia.size() != ib.size()) {
      return at + ": " + std::to_string(ia.size()) + " items vs " + std::to_string(ib.size());
    }
    return "";
  }
  return a == b ? "" : at + ": " + shown(a) + " vs " + shown(b);
}

/// Decodes `text` strictly; expects exactly one object and no diagnostics.
::testing::AssertionResult decode_one(const std::string& text, const std::string& name, Object& out) {
  Manifest m = decode_manifest(text, DecodeOptions{name, /*strict=*/true});
  if (!m.diagnostics.empty()) {
    return ::testing::AssertionFailure() << m.diagnostics.size() << " diagnostic(s) decoding " << name << ":\n"
                                         << describe(m.diagnostics) << "text:\n" << text;
  }
  if (m.objects.size() != 1) {
    return ::testing::AssertionFailure() << name << " holds " << m.objects.size() << " objects, want 1";
  }
  out = std::move(m.objects[0].object);
  return ::testing::AssertionSuccess();
}

/// Decodes `text` again and checks it gives `expected` (`==` on Object).
::testing::AssertionResult reads_back_equal(const Object& expected, const std::string& text, const std::string& name) {
  Object again;
  if (::testing::AssertionResult r = decode_one(text, name, again); !r) return r;
  if (again == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "the object read back from " << name << " differs: "
                                       << first_difference(encode_object(expected), encode_object(again))
                                       << "\nprinted text:\n" << text;
}

// One example per kind --------------------------------------------------------

class Kinds : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    path_ = kExamplesDir / (GetParam() + ".yaml");
    text_ = read_file(path_);
    ASSERT_FALSE(text_.empty()) << "cannot read " << path_;
  }

  /// The example decoded; fails the test when it does not decode cleanly.
  Object decoded() {
    Object object;
    EXPECT_TRUE(decode_one(text_, path_.filename().string(), object));
    return object;
  }

  fs::path path_;
  std::string text_;
};

TEST_P(Kinds, StartsWithACommentSayingWhatItShows) {
  ASSERT_GE(text_.size(), 3u);
  EXPECT_EQ(text_.substr(0, 2), "# ") << path_ << ": the first line should say what the example shows";
}

TEST_P(Kinds, DecodesWithoutDiagnostics) {
  Manifest m = decode_manifest(text_, DecodeOptions{path_.filename().string(), /*strict=*/true});
  EXPECT_EQ(describe(m.diagnostics), "");
  ASSERT_EQ(m.objects.size(), 1u);
  EXPECT_TRUE(m.objects[0].valid);
}

TEST_P(Kinds, HoldsTheKindOfItsFileInTheCurrentVersion) {
  Manifest m = decode_manifest(text_, DecodeOptions{path_.filename().string(), /*strict=*/true});
  ASSERT_EQ(m.objects.size(), 1u);
  const KindInfo& kind = kind_of(m.objects[0].object);
  EXPECT_EQ(lower(kind.kind), GetParam());
  // Examples are documentation: they are written in the current apiVersion.
  EXPECT_EQ(m.objects[0].source_api_version, kind.api_version());
}

TEST_P(Kinds, SurvivesPrintingAsYaml) {
  Object object = decoded();
  if (HasFailure()) return;
  EXPECT_TRUE(reads_back_equal(object, to_yaml(encode_object(object)), GetParam() + " (as YAML)"));
}

TEST_P(Kinds, SurvivesPrintingAsJson) {
  Object object = decoded();
  if (HasFailure()) return;
  EXPECT_TRUE(reads_back_equal(object, to_json(encode_object(object)), GetParam() + " (as JSON)"));
  EXPECT_TRUE(reads_back_equal(object, to_json(encode_object(object), /*pretty=*/true),
                               GetParam() + " (as pretty JSON)"));
}

TEST_P(Kinds, PrintingIsIdempotent) {
  Object object = decoded();
  if (HasFailure()) return;
  Value first = encode_object(object);
  std::string text = to_yaml(first);
  Object again;
  ASSERT_TRUE(decode_one(text, GetParam() + " (as YAML)", again));
  Value second = encode_object(again);
  std::string difference = first_difference(first, second);
  EXPECT_EQ(difference, "") << "printed text:\n" << text;
  EXPECT_TRUE(first == second);
  if (difference.empty()) {
    EXPECT_EQ(to_yaml(second), text) << "equal Values printed differently";
  }
}

/// A test name for a file stem: gtest allows only letters, digits and '_'.
std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(RoundTrip, Kinds, ::testing::ValuesIn(example_stems()), test_name);

// The set of examples --------------------------------------------------------

TEST(KindExamples, EveryKindHasAnExample) {
  for (const KindInfo& kind : all_kinds()) {
    EXPECT_TRUE(fs::is_regular_file(example_path(kind.kind)))
        << kind.kind << " has no example: add " << example_path(kind.kind).string();
  }
}

TEST(KindExamples, EveryExampleIsOfAKind) {
  std::vector<std::string> stems = example_stems();
  EXPECT_EQ(stems.size(), all_kinds().size());
  for (const std::string& stem : stems) {
    bool known = std::any_of(all_kinds().begin(), all_kinds().end(),
                             [&](const KindInfo& k) { return lower(k.kind) == stem; });
    EXPECT_TRUE(known) << stem << ".yaml names no kind herd serves";
  }
}

// Field coverage ---------------------------------------------------------------

/// One field of one struct of the model: (struct, wire name).
using FieldKey = std::pair<std::string_view, std::string_view>;

/// Every field of `type` and of the structs it reaches, each struct once.
void collect_fields(const TypeInfo& type, std::set<const TypeInfo*>& seen, std::set<FieldKey>& fields) {
  if (!seen.insert(&type).second) return;
  for (const FieldInfo& f : type.fields) {
    fields.insert({type.name, f.name});
    if (f.type != nullptr) collect_fields(*f.type, seen, fields);
  }
}

/// Marks the fields of `type` that `doc` (as written in an example) sets.
void mark_set_fields(const TypeInfo& type, const Value& doc, std::set<FieldKey>& set) {
  if (!doc.is_object()) return;
  for (const Value::Member& m : doc.as_object()) {
    const FieldInfo* f = type.find(m.key);
    if (f == nullptr || m.value.is_null()) continue;
    set.insert({type.name, f->name});
    if (f->type == nullptr) continue;
    if (f->list && m.value.is_array()) {
      for (const Value& item : m.value.as_array()) mark_set_fields(*f->type, item, set);
    } else if (f->map && m.value.is_object()) {
      for (const Value::Member& item : m.value.as_object()) mark_set_fields(*f->type, item.value, set);
    } else if (!f->list && !f->map) {
      mark_set_fields(*f->type, m.value, set);
    }
  }
}

template <std::size_t... I>
std::vector<const TypeInfo*> kind_types(std::index_sequence<I...>) {
  return {&type_info_of<std::variant_alternative_t<I, Object>>()...};
}

TEST(KindExamples, ExerciseMostOfTheModel) {
  std::vector<const TypeInfo*> roots = kind_types(std::make_index_sequence<std::variant_size_v<Object>>{});
  std::set<const TypeInfo*> seen;
  std::set<FieldKey> all;
  for (const TypeInfo* t : roots) collect_fields(*t, seen, all);

  std::set<FieldKey> set;
  for (const KindInfo& kind : all_kinds()) {
    std::string text = read_file(example_path(kind.kind));
    if (text.empty()) continue;  // EveryKindHasAnExample reports it
    ParsedText parsed = parse_manifest_text(text);
    ASSERT_FALSE(parsed.error.has_value()) << example_path(kind.kind) << ": " << parsed.error->message;
    for (const Value& doc : parsed.documents) mark_set_fields(*roots[kind.index], doc, set);
  }

  std::map<std::string_view, std::vector<std::string_view>> unset;
  for (const FieldKey& f : all) {
    if (set.count(f) == 0) unset[f.first].push_back(f.second);
  }
  double coverage = all.empty() ? 0 : static_cast<double>(set.size()) / static_cast<double>(all.size());
  std::ostringstream report;
  report << "schema fields set in the examples: " << set.size() << " of " << all.size() << " ("
         << std::fixed << std::setprecision(1) << 100 * coverage << "%) in " << seen.size() << " structs\n";
  report << "never set:\n";
  for (const auto& [type, names] : unset) {
    report << "  " << type << ":";
    for (std::string_view n : names) report << " " << n;
    report << "\n";
  }
  std::cout << report.str();
  RecordProperty("fields_total", static_cast<int>(all.size()));
  RecordProperty("fields_set", static_cast<int>(set.size()));
  RecordProperty("field_coverage_percent", static_cast<int>(100 * coverage));
  EXPECT_GE(coverage, kMinFieldCoverage) << report.str();
}

}  // namespace
}  // namespace herd::api
