#include "herd/runtime/image_reference.hpp"

#include <gtest/gtest.h>

#include <string>

namespace herd::runtime {
namespace {

const std::string kDigest = "sha256:" + std::string(64, 'a');

std::string normalised(std::string_view text) {
  auto ref = ImageReference::parse(text);
  if (!ref.ok()) {
    return "error: " + ref.status().message();
  }
  return ref->to_string();
}

std::string error_of(std::string_view text) {
  auto ref = ImageReference::parse(text);
  return ref.ok() ? "parsed as " + ref->to_string() : ref.status().message();
}

TEST(ImageReference, BareNameIsDockerHubLibraryLatest) {
  auto ref = ImageReference::parse("busybox");
  ASSERT_TRUE(ref.ok()) << ref.status().to_string();
  EXPECT_EQ(ref->domain, "docker.io");
  EXPECT_EQ(ref->path, "library/busybox");
  EXPECT_EQ(ref->tag, "latest");
  EXPECT_EQ(ref->digest, "");
  EXPECT_EQ(ref->name(), "docker.io/library/busybox");
  EXPECT_EQ(ref->to_string(), "docker.io/library/busybox:latest");
  EXPECT_EQ(ref->manifest_reference(), "latest");
  EXPECT_EQ(normalised("perl"), "docker.io/library/perl:latest");
}

TEST(ImageReference, UserRepositoryOnDockerHubKeepsItsPath) {
  EXPECT_EQ(normalised("mhausenblas/simple-service:0.5.0"),
            "docker.io/mhausenblas/simple-service:0.5.0");
  EXPECT_EQ(normalised("docker.io/busybox"), "docker.io/library/busybox:latest");
  EXPECT_EQ(normalised("index.docker.io/library/busybox:1.36"), "docker.io/library/busybox:1.36");
  EXPECT_EQ(normalised("library/busybox"), "docker.io/library/busybox:latest");
}

TEST(ImageReference, HostWithPortAndDigest) {
  auto ref = ImageReference::parse("127.0.0.1:5000/x/y@" + kDigest);
  ASSERT_TRUE(ref.ok()) << ref.status().to_string();
  EXPECT_EQ(ref->domain, "127.0.0.1:5000");
  EXPECT_EQ(ref->path, "x/y");
  EXPECT_EQ(ref->tag, "");
  EXPECT_EQ(ref->digest, kDigest);
  EXPECT_EQ(ref->manifest_reference(), kDigest);
  EXPECT_EQ(ref->to_string(), "127.0.0.1:5000/x/y@" + kDigest);
}

TEST(ImageReference, TagAndDigestTogetherKeepBoth) {
  auto ref = ImageReference::parse("busybox:1.36@" + kDigest);
  ASSERT_TRUE(ref.ok()) << ref.status().to_string();
  EXPECT_EQ(ref->tag, "1.36");
  EXPECT_EQ(ref->manifest_reference(), kDigest);
  EXPECT_EQ(ref->to_string(), "docker.io/library/busybox:1.36@" + kDigest);
}

TEST(ImageReference, WhatCountsAsARegistryHost) {
  EXPECT_EQ(normalised("localhost/foo"), "localhost/foo:latest");
  EXPECT_EQ(normalised("localhost:5000/foo:v1"), "localhost:5000/foo:v1");
  EXPECT_EQ(normalised("registry.example.com/team/app:2"), "registry.example.com/team/app:2");
  EXPECT_EQ(normalised("Registry/app"), "Registry/app:latest");  // upper case: a host
  EXPECT_EQ(normalised("[::1]:5000/app"), "[::1]:5000/app:latest");
  EXPECT_EQ(normalised("team/app"), "docker.io/team/app:latest");
  // Without a '/', a colon starts the tag, as in Docker.
  EXPECT_EQ(normalised("localhost:5000"), "docker.io/library/localhost:5000");
}

TEST(ImageReference, SeparatorsInsidePathComponents) {
  EXPECT_EQ(normalised("x/a.b_c__d---e/f-g"), "docker.io/x/a.b_c__d---e/f-g:latest");
  // A '.' in the first of several components makes it a registry host.
  EXPECT_EQ(normalised("a.b/c"), "a.b/c:latest");
  EXPECT_EQ(normalised("x/y:Tag_1.2-rc"), "docker.io/x/y:Tag_1.2-rc");
}

TEST(ImageReference, ErrorsNameTheReferenceAndWhatIsWrong) {
  EXPECT_EQ(error_of(""), "invalid image reference \"\": empty");
  EXPECT_EQ(error_of("Busybox"),
            "invalid image reference \"Busybox\": repository name must be lowercase");
  EXPECT_EQ(error_of("busybox:"), "invalid image reference \"busybox:\": empty tag after ':'");
  EXPECT_EQ(error_of("a//b"), "invalid image reference \"a//b\": empty path component");
  EXPECT_EQ(error_of("x/"), "invalid image reference \"x/\": empty path component");
  EXPECT_EQ(error_of("busy box"),
            "invalid image reference \"busy box\": contains a space or control character");
  EXPECT_EQ(error_of(":tag"), "invalid image reference \":tag\": no repository name");
  EXPECT_EQ(
      error_of("x/-y"),
      "invalid image reference \"x/-y\": invalid path component \"-y\" (lower-case letters and "
      "digits, separated by '.', '_', '__' or '-')");
  EXPECT_EQ(
      error_of("x/y_"),
      "invalid image reference \"x/y_\": invalid path component \"y_\" (lower-case letters and "
      "digits, separated by '.', '_', '__' or '-')");
  EXPECT_EQ(error_of("my_host:5000/x"),
            "invalid image reference \"my_host:5000/x\": invalid registry host \"my_host:5000\"");
  EXPECT_EQ(error_of("host:99999/x"),
            "invalid image reference \"host:99999/x\": invalid registry host \"host:99999\"");
  EXPECT_EQ(error_of("host.:5000/x"),
            "invalid image reference \"host.:5000/x\": invalid registry host \"host.:5000\"");
}

TEST(ImageReference, TagErrors) {
  EXPECT_EQ(
      error_of("busybox:.hidden"),
      "invalid image reference \"busybox:.hidden\": invalid tag \".hidden\" (letters, digits, '_', "
      "'.' and '-', at most 128, not starting with '.' or '-')");
  EXPECT_NE(error_of("busybox:" + std::string(129, 'a')).find("invalid tag"), std::string::npos);
  EXPECT_EQ(normalised("busybox:" + std::string(128, 'a')),
            "docker.io/library/busybox:" + std::string(128, 'a'));
}

TEST(ImageReference, DigestErrors) {
  EXPECT_EQ(
      error_of("busybox@sha256:abc"),
      "invalid image reference \"busybox@sha256:abc\": invalid digest \"sha256:abc\": sha256 wants "
      "64 lower-case hex digits");
  EXPECT_NE(error_of("busybox@sha256:" + std::string(64, 'A')).find("lower-case hex"),
            std::string::npos);
  EXPECT_EQ(error_of("busybox@md5:abc"),
            "invalid image reference \"busybox@md5:abc\": unsupported digest algorithm \"md5\" "
            "(sha256 or "
            "sha512)");
  EXPECT_EQ(error_of("busybox@nocolon"),
            "invalid image reference \"busybox@nocolon\": invalid digest \"nocolon\": want "
            "<algorithm>:<hex>");
  EXPECT_EQ(normalised("busybox@sha512:" + std::string(128, '0')),
            "docker.io/library/busybox@sha512:" + std::string(128, '0'));
}

TEST(ImageReference, RefusesAnImageIdAsName) {
  EXPECT_NE(error_of(std::string(64, 'f')).find("image ID"), std::string::npos);
}

TEST(ImageReference, RefusesNamesLongerThan255) {
  std::string long_path = "x/" + std::string(250, 'a');
  EXPECT_NE(error_of(long_path).find("longer than 255"), std::string::npos);
}

}  // namespace
}  // namespace herd::runtime
