#include "image/blob_verifier.hpp"

#include <gtest/gtest.h>

#include <string>

#include "image/sha256.hpp"

namespace herd::runtime::image {
namespace {

constexpr std::string_view kLayerType = "application/vnd.oci.image.layer.v1.tar+gzip";

struct StringSink final : BlobSink {
  Status write(std::string_view chunk) override {
    data += chunk;
    return Status();
  }
  std::string data;
};

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_digest(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_digest("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256 pieces;
  pieces.update("a");
  pieces.update("bc");
  EXPECT_EQ(pieces.finish(), sha256_digest("abc"));
}

TEST(VerifyingSink, ForwardsChunksAndAcceptsTheRightBlob) {
  Descriptor blob{std::string(kLayerType), sha256_digest("hello world"), 11};
  StringSink target;
  VerifyingSink sink(blob, target);
  ASSERT_TRUE(sink.write("hello").ok());
  ASSERT_TRUE(sink.write(" world").ok());
  EXPECT_EQ(target.data, "hello world");
  EXPECT_EQ(sink.bytes_written(), 11);
  EXPECT_TRUE(sink.finish().ok());
}

TEST(VerifyingSink, DigestMismatchNamesTheLayerAndWhatCame) {
  Descriptor blob{std::string(kLayerType), sha256_digest("hello world"), 11};
  StringSink target;
  VerifyingSink sink(blob, target);
  ASSERT_TRUE(sink.write("hello WORLD").ok());
  Status status = sink.finish();
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_EQ(status.message(),
            "digest mismatch for layer " + blob.digest + ": got " + sha256_digest("hello WORLD"));
}

TEST(VerifyingSink, TooManyBytesStopBeforeReachingTheTarget) {
  Descriptor blob{"application/vnd.oci.image.config.v1+json", sha256_digest("abc"), 3};
  StringSink target;
  VerifyingSink sink(blob, target);
  ASSERT_TRUE(sink.write("ab").ok());
  Status status = sink.write("cd");
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_EQ(status.message(), "size mismatch for config " + blob.digest +
                                  ": more than the 3 bytes its descriptor says");
  EXPECT_EQ(target.data, "ab");
}

TEST(VerifyingSink, TooFewBytesAreASizeMismatch) {
  Descriptor blob{std::string(kLayerType), sha256_digest("abc"), 3};
  StringSink target;
  VerifyingSink sink(blob, target);
  ASSERT_TRUE(sink.write("ab").ok());
  Status status = sink.finish();
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_EQ(status.message(), "size mismatch for layer " + blob.digest + ": got 2 bytes, want 3");
}

TEST(VerifyingSink, TheTargetsErrorComesBackUnchanged) {
  struct FullSink final : BlobSink {
    Status write(std::string_view) override { return Status::unavailable("disk full"); }
  } full;
  Descriptor blob{std::string(kLayerType), sha256_digest("abc"), 3};
  VerifyingSink sink(blob, full);
  EXPECT_EQ(sink.write("abc"), Status::unavailable("disk full"));
}

TEST(VerifyingSink, OnlySha256IsSupported) {
  Descriptor blob{std::string(kLayerType), "sha512:" + std::string(128, '0'), 3};
  Status status = VerifyingSink::check_supported(blob);
  EXPECT_EQ(status.code(), StatusCode::kUnimplemented);
  EXPECT_EQ(status.message(),
            "cannot verify layer " + blob.digest + ": only sha256 digests are supported");
}

TEST(BlobKind, ByMediaType) {
  EXPECT_EQ(blob_kind("application/vnd.docker.image.rootfs.diff.tar.gzip"), "layer");
  EXPECT_EQ(blob_kind("application/vnd.oci.image.layer.v1.tar"), "layer");
  EXPECT_EQ(blob_kind("application/vnd.docker.container.image.v1+json"), "config");
  EXPECT_EQ(blob_kind("application/octet-stream"), "blob");
  EXPECT_EQ(blob_kind("application/vnd.oci.image.config.v1+json"), "config");
  EXPECT_EQ(blob_kind("application/vnd.oci.image.index.v1+json"), "manifest");
}

}  // namespace
}  // namespace herd::runtime::image
