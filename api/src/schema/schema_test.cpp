#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/api/object.hpp"
#include "herd/api/type_info.hpp"
#include "schema/suggest.hpp"

namespace herd::api {
namespace {

// Every type reachable from every kind, each once.
std::vector<const TypeInfo*> all_types() {
  std::vector<const TypeInfo*> out;
  std::set<const TypeInfo*> seen;
  std::function<void(const TypeInfo*)> visit = [&](const TypeInfo* t) {
    if (!seen.insert(t).second) return;
    out.push_back(t);
    for (const FieldInfo& f : t->fields) {
      if (f.type != nullptr) visit(f.type);
    }
  };
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (visit(&type_info_of<std::variant_alternative_t<I, Object>>()), ...);
  }(std::make_index_sequence<std::variant_size_v<Object>>{});
  return out;
}

TEST(SchemaTables, EveryDefaultReadsAsTheFieldsType) {
  for (const TypeInfo* t : all_types()) {
    for (const FieldInfo& f : t->fields) {
      if (f.default_text.empty()) continue;
      Value v = resolve_plain_scalar(std::string(f.default_text));
      bool fits = false;
      switch (f.kind) {
        case ValueKind::kString: fits = v.is_string(); break;
        case ValueKind::kBool: fits = v.is_bool(); break;
        case ValueKind::kInt32:
        case ValueKind::kInt64: fits = v.is_int(); break;
        case ValueKind::kIntOrString: fits = v.is_int() || v.is_string(); break;
        case ValueKind::kQuantity: fits = !v.is_null(); break;
        default: fits = false;
      }
      EXPECT_TRUE(fits) << t->name << "." << f.name << " default \"" << f.default_text << "\"";
      if (!f.allowed.empty()) {
        EXPECT_TRUE(f.allowed.contains(f.default_text)) << t->name << "." << f.name;
      }
    }
  }
}

TEST(SchemaTables, FieldNamesAreUniqueWithinEachType) {
  for (const TypeInfo* t : all_types()) {
    std::set<std::string_view> names;
    for (const FieldInfo& f : t->fields) EXPECT_TRUE(names.insert(f.name).second) << t->name << "." << f.name;
  }
}

std::vector<std::string> errors_of(const std::string& yaml) {
  Manifest m = decode_manifest(yaml, DecodeOptions{"t.yaml", true});
  std::vector<std::string> out;
  for (const Diagnostic& d : m.diagnostics) out.push_back(d.to_string());
  return out;
}

const char* kPodHead = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n";

TEST(UnknownFields, SuggestsTheNearestSpellingInTheSameObject) {
  EXPECT_EQ(errors_of(std::string(kPodHead) + "  containers:\n  - name: c\n    image: busybox\n    imagePullPolcy: Always\n"),
            std::vector<std::string>{"t.yaml:9:5: spec.containers[0].imagePullPolcy: unknown field; did you mean "
                                     "spec.containers[0].imagePullPolicy?"});
}

TEST(UnknownFields, SuggestsTheFieldDeeperInTheDocumentWhenMisplaced) {
  EXPECT_EQ(errors_of(std::string(kPodHead) + "  containers:\n  - name: c\n  image: busybox\n"),
            (std::vector<std::string>{
                "t.yaml:7:5: spec.containers[0].image: Required value",
                "t.yaml:8:3: spec.image: unknown field; did you mean spec.containers[0].image?",
            }));
}

TEST(UnknownFields, SuggestsAnAncestorsFieldWhenNestedTooDeep) {
  EXPECT_EQ(errors_of(std::string(kPodHead) + "  containers:\n  - name: c\n    image: busybox\n    nodeName: n1\n"),
            std::vector<std::string>{"t.yaml:9:5: spec.containers[0].nodeName: unknown field; did you mean "
                                     "spec.nodeName?"});
}

TEST(UnknownFields, UnrelatedNameGetsNoSuggestion) {
  EXPECT_EQ(errors_of(std::string(kPodHead) + "  containers:\n  - name: c\n    image: busybox\n  zzqx: 1\n"),
            std::vector<std::string>{"t.yaml:9:3: spec.zzqx: unknown field"});
}

TEST(UnknownFields, LenientModeMakesThemWarningsAndTheObjectValid) {
  Manifest m = decode_manifest(std::string(kPodHead) + "  containers:\n  - name: c\n    image: b\n  zzqx: 1\n",
                               DecodeOptions{"t.yaml", false});
  ASSERT_EQ(m.diagnostics.size(), 1u);
  EXPECT_EQ(m.diagnostics[0].to_string(), "t.yaml:9:3: warning: spec.zzqx: unknown field");
  EXPECT_EQ(m.error_count(), 0u);
  ASSERT_EQ(m.objects.size(), 1u);
  EXPECT_TRUE(m.objects[0].valid);
}

TEST(Decoding, WrongScalarTypesAreReportedAtTheirLine) {
  EXPECT_EQ(errors_of("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels:\n    version: 1.0\n"
                      "spec:\n  replicas: two\n  selector:\n    matchLabels: {a: b}\n  template:\n    metadata:\n"
                      "      labels: {a: b}\n    spec:\n      containers: [{name: c, image: i}]\n"),
            (std::vector<std::string>{
                "t.yaml:6:5: metadata.labels[version]: Invalid value: \"1.0\": expected string, got number "
                "(quote the value: \"1.0\")",
                "t.yaml:8:3: spec.replicas: Invalid value: \"two\": expected integer, got string",
            }));
}

TEST(Decoding, BadQuantityAndBase64AreInvalidValues) {
  std::vector<std::string> errs = errors_of(std::string(kPodHead) +
                                            "  containers:\n  - name: c\n    image: b\n    resources:\n"
                                            "      limits: {memory: 64MB}\n");
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_NE(errs[0].find("spec.containers[0].resources.limits[memory]: Invalid value: \"64MB\""), std::string::npos)
      << errs[0];
  errs = errors_of("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  k: not*base64\n");
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0], "t.yaml:5:3: data[k]: Invalid value: \"<secret data>\": illegal base64 data at input byte 3");
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(schema::edit_distance("containers", "containers"), 0u);
  EXPECT_EQ(schema::edit_distance("contaners", "containers"), 1u);
  EXPECT_EQ(schema::edit_distance("kitten", "sitting"), 3u);
}

}  // namespace
}  // namespace herd::api
