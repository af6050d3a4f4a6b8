#include "image/manifest.hpp"

#include <gtest/gtest.h>

#include <string>

namespace herd::runtime::image {
namespace {

const std::string kA = "sha256:" + std::string(64, 'a');
const std::string kB = "sha256:" + std::string(64, 'b');
const std::string kC = "sha256:" + std::string(64, 'c');

// As docker-registry serves an image that skopeo pushed (OCI, no mediaType).
const std::string kOciManifest =
    R"({"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
    kA +
    R"(","size":411},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
    kB +
    R"(","size":1083926},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
    kC + R"(","size":12}]})";

const std::string kDockerList = R"({
  "schemaVersion": 2,
  "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
  "manifests": [
    {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "digest": ")" +
                                kA + R"(",
     "size": 528, "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
    {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "digest": ")" +
                                kB + R"(",
     "size": 527, "platform": {"architecture": "amd64", "os": "linux"}},
    {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": ")" +
                                kC + R"(",
     "size": 566, "annotations": {"vnd.docker.reference.type": "attestation-manifest"},
     "platform": {"architecture": "unknown", "os": "unknown"}}
  ]
})";

TEST(ParseManifest, OciImageManifestWithoutMediaTypeField) {
  auto parsed = parse_manifest("application/vnd.oci.image.manifest.v1+json", kOciManifest);
  ASSERT_TRUE(parsed.ok()) << parsed.status().to_string();
  EXPECT_EQ(parsed->kind, ParsedManifest::Kind::kImage);
  EXPECT_EQ(parsed->media_type, kOciManifestMediaType);
  EXPECT_EQ(parsed->config, (Descriptor{"application/vnd.oci.image.config.v1+json", kA, 411}));
  ASSERT_EQ(parsed->layers.size(), 2u);
  EXPECT_EQ(parsed->layers[0],
            (Descriptor{"application/vnd.oci.image.layer.v1.tar+gzip", kB, 1083926}));
  EXPECT_EQ(parsed->layers[1].digest, kC);
}

TEST(ParseManifest, TypeGuessedFromFieldsWhenServedAsJson) {
  auto parsed = parse_manifest("application/json; charset=utf-8", kOciManifest);
  ASSERT_TRUE(parsed.ok()) << parsed.status().to_string();
  EXPECT_EQ(parsed->media_type, kOciManifestMediaType);
  auto index = parse_manifest("text/plain", R"({"schemaVersion":2,"manifests":[]})");
  ASSERT_TRUE(index.ok()) << index.status().to_string();
  EXPECT_EQ(index->kind, ParsedManifest::Kind::kIndex);
  EXPECT_EQ(index->media_type, kOciIndexMediaType);
}

TEST(ParseManifest, DockerSchema2Manifest) {
  std::string body =
      R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
    "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":")" +
      kA + R"("},
    "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32654,"digest":")" +
      kB + R"("}]})";
  auto parsed = parse_manifest("application/vnd.docker.distribution.manifest.v2+json", body);
  ASSERT_TRUE(parsed.ok()) << parsed.status().to_string();
  EXPECT_EQ(parsed->media_type, kDockerManifestMediaType);
  EXPECT_EQ(parsed->config.size, 7023);
  ASSERT_EQ(parsed->layers.size(), 1u);
  EXPECT_EQ(parsed->layers[0].media_type, "application/vnd.docker.image.rootfs.diff.tar.gzip");
}

TEST(ParseManifest, DockerManifestListEntriesAndPlatforms) {
  auto parsed =
      parse_manifest("application/vnd.docker.distribution.manifest.list.v2+json", kDockerList);
  ASSERT_TRUE(parsed.ok()) << parsed.status().to_string();
  EXPECT_EQ(parsed->kind, ParsedManifest::Kind::kIndex);
  ASSERT_EQ(parsed->manifests.size(), 3u);
  ASSERT_TRUE(parsed->manifests[0].platform.has_value());
  EXPECT_EQ(*parsed->manifests[0].platform, (Platform{"linux", "arm64", "v8"}));
  EXPECT_EQ(parsed->manifests[1].descriptor.size, 527);
}

TEST(SelectPlatform, TakesLinuxAmd64OutOfAList) {
  auto parsed = parse_manifest("", kDockerList);
  ASSERT_TRUE(parsed.ok()) << parsed.status().to_string();
  auto amd64 = select_platform(parsed->manifests, Platform{});
  ASSERT_TRUE(amd64.ok()) << amd64.status().to_string();
  EXPECT_EQ(amd64->digest, kB);
  auto arm64 = select_platform(parsed->manifests, Platform{"linux", "arm64", "v8"});
  ASSERT_TRUE(arm64.ok());
  EXPECT_EQ(arm64->digest, kA);
  auto arm64_any = select_platform(parsed->manifests, Platform{"linux", "arm64", ""});
  ASSERT_TRUE(arm64_any.ok());
  EXPECT_EQ(arm64_any->digest, kA);
}

TEST(SelectPlatform, MissingPlatformListsWhatThereIs) {
  auto parsed = parse_manifest("", kDockerList);
  ASSERT_TRUE(parsed.ok());
  auto s390x = select_platform(parsed->manifests, Platform{"linux", "s390x", ""});
  EXPECT_EQ(
      s390x.status(),
      Status::not_found("no manifest for linux/s390x in the image index (it has linux/arm64/v8, "
                        "linux/amd64, unknown/unknown)"));
  EXPECT_EQ(
      select_platform({}, Platform{}).status(),
      Status::not_found("no manifest for linux/amd64 in the image index (it has no platforms)"));
}

TEST(ParseManifest, SchemaOneIsRefused) {
  auto parsed = parse_manifest("application/vnd.docker.distribution.manifest.v1+prettyjws",
                               R"({"schemaVersion":1,"name":"x","fsLayers":[]})");
  EXPECT_EQ(parsed.status().code(), StatusCode::kUnimplemented);
  auto guessed = parse_manifest("application/json", R"({"schemaVersion":1,"name":"x"})");
  EXPECT_EQ(guessed.status().code(), StatusCode::kUnimplemented);
}

TEST(ParseManifest, UnknownTypeIsUnimplemented) {
  auto parsed = parse_manifest("application/vnd.example+json",
                               R"({"mediaType":"application/vnd.example+json"})");
  EXPECT_EQ(
      parsed.status(),
      Status::unimplemented("unsupported manifest media type \"application/vnd.example+json\""));
}

TEST(ParseManifest, MalformedDocumentsNameTheField) {
  EXPECT_EQ(parse_manifest("", "{not json").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(parse_manifest("", "[1]").status(), Status::corrupt("manifest is not a JSON object"));
  auto no_digest =
      parse_manifest(std::string(kOciManifestMediaType),
                     R"({"config":{"digest":")" + kA + R"(","size":1},"layers":[{"size":3}]})");
  EXPECT_EQ(no_digest.status(),
            Status::corrupt(
                "malformed application/vnd.oci.image.manifest.v1+json: layers[0]: no \"digest\""));
  auto bad_size = parse_manifest(std::string(kOciManifestMediaType),
                                 R"({"config":{"digest":")" + kA + R"(","size":-1},"layers":[]})");
  EXPECT_EQ(bad_size.status(),
            Status::corrupt(
                "malformed application/vnd.oci.image.manifest.v1+json: config: no \"size\" (a "
                "non-negative integer)"));
  auto no_layers = parse_manifest(std::string(kOciManifestMediaType),
                                  R"({"config":{"digest":")" + kA + R"(","size":1}})");
  EXPECT_EQ(no_layers.status().message(),
            "malformed application/vnd.oci.image.manifest.v1+json: no \"layers\" array");
}

TEST(ManifestAccept, NamesAllFourTypes) {
  std::string accept = manifest_accept_header();
  for (std::string_view type : {kOciIndexMediaType, kOciManifestMediaType,
                                kDockerManifestListMediaType, kDockerManifestMediaType}) {
    EXPECT_NE(accept.find(type), std::string::npos) << type;
  }
}

}  // namespace
}  // namespace herd::runtime::image
