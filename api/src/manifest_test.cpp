#include "herd/api/manifest.hpp"

#include <gtest/gtest.h>

#include "herd/api/codec.hpp"

namespace herd::api {
namespace {

std::vector<std::string> lines(const Manifest& m) {
  std::vector<std::string> out;
  for (const Diagnostic& d : m.diagnostics) out.push_back(d.to_string());
  return out;
}

Manifest decode(const std::string& text) { return decode_manifest(text, DecodeOptions{"m.yaml", true}); }

TEST(DecodeManifest, MissingApiVersionAndKindAreBothReported) {
  EXPECT_EQ(lines(decode("metadata:\n  name: x\n")),
            (std::vector<std::string>{
                "m.yaml:1:1: apiVersion: Required value: every object needs apiVersion and kind",
                "m.yaml:1:1: kind: Required value: every object needs apiVersion and kind",
            }));
}

TEST(DecodeManifest, UnknownKindAndUnsupportedVersionNameWhatIsServed) {
  EXPECT_EQ(lines(decode("apiVersion: v1\nkind: Widget\n")),
            std::vector<std::string>{"m.yaml:2:7: kind: Unsupported value: \"Widget\": herd does not serve this kind"});
  EXPECT_EQ(lines(decode("apiVersion: apps/v2\nkind: Deployment\n")),
            std::vector<std::string>{"m.yaml:1:13: apiVersion: Unsupported value: \"apps/v2\": Deployment is served "
                                     "as apps/v1, apps/v1beta1, apps/v1beta2, extensions/v1beta1"});
}

TEST(DecodeManifest, ReadsEveryDocumentAndSkipsEmptyOnes) {
  Manifest m = decode("---\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n"
                      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {k: v}\n...\n");
  EXPECT_EQ(lines(m), std::vector<std::string>{});
  ASSERT_EQ(m.objects.size(), 2u);
  EXPECT_EQ(kind_of(m.objects[0].object).kind, "Namespace");
  EXPECT_EQ(m.objects[1].pos.line, 7);
}

TEST(DecodeManifest, ListItemsBecomeObjects) {
  Manifest m = decode("apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Namespace, metadata: {name: a}}\n"
                      "- {apiVersion: v1, kind: Namespace, metadata: {name: b}}\n");
  EXPECT_EQ(m.objects.size(), 2u);
  EXPECT_EQ(lines(m), std::vector<std::string>{});
}

TEST(DecodeManifest, ReadsJsonWithPositions) {
  Manifest m = decode_manifest("{\"apiVersion\": \"v1\", \"kind\": \"Pod\",\n \"metadata\": {\"name\": \"Bad_Name\"},\n"
                               " \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"i\"}]}}",
                               DecodeOptions{"p.json", true});
  ASSERT_EQ(m.diagnostics.size(), 1u);
  EXPECT_EQ(m.diagnostics[0].pos.line, 2);
  EXPECT_EQ(m.diagnostics[0].path, "metadata.name");
}

// Bug: an IPv6 clusterIP was rejected as "must be empty, 'None', or a valid IPv4 address".
TEST(DecodeManifest, AcceptsAnIpv6SingleStackService) {
  Manifest m = decode("apiVersion: v1\nkind: Service\nmetadata: {name: dns}\nspec:\n"
                      "  clusterIP: fd00:10:96::e16\n  ipFamilies: [IPv6]\n  ipFamilyPolicy: SingleStack\n"
                      "  ports: [{port: 53}]\n  selector: {app: dns}\n");
  EXPECT_EQ(lines(m), std::vector<std::string>{});
  EXPECT_EQ(m.objects.size(), 1u);
}

TEST(DecodeManifest, NonObjectDocumentIsAnErrorNotACrash) {
  EXPECT_EQ(lines(decode("- a\n- b\n")),
            std::vector<std::string>{"m.yaml:1:1: not an object: a manifest document needs apiVersion, kind and "
                                     "metadata (found array)"});
}

TEST(DecodeManifest, ReportsEveryProblemOfAnObjectAtOnce) {
  Manifest m = decode("apiVersion: v1\nkind: Pod\nmetadata:\n  name: UPPER\n  labels: {\"bad key!\": x}\nspec:\n"
                      "  restartPolicy: Sometimes\n  containers:\n  - name: c\n    image: i\n"
                      "    ports: [{containerPort: 70000}]\n  - name: c\n");
  std::vector<std::string> got = lines(m);
  auto has = [&](const std::string& needle) {
    for (const std::string& l : got) {
      if (l.find(needle) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("m.yaml:4:3: metadata.name: Invalid value: \"UPPER\"")) << testing::PrintToString(got);
  EXPECT_TRUE(has("metadata.labels: Invalid value: \"bad key!\"")) << testing::PrintToString(got);
  EXPECT_TRUE(has("m.yaml:7:3: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", "
                  "\"OnFailure\", \"Never\""));
  EXPECT_TRUE(has("spec.containers[0].ports[0].containerPort: Invalid value: \"70000\""));
  EXPECT_TRUE(has("m.yaml:12:5: spec.containers[1].name: Duplicate value: \"c\""));
  EXPECT_TRUE(has("spec.containers[1].image: Required value"));
}

TEST(DecodeDocument, DecodesAnAlreadyParsedValue) {
  ParsedText parsed = parse_json(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}})");
  Manifest m = decode_document(parsed.documents.at(0), DecodeOptions{"request", true});
  ASSERT_EQ(m.objects.size(), 1u);
  EXPECT_EQ(meta(m.objects[0].object).name, "team-a");
}

}  // namespace
}  // namespace herd::api
