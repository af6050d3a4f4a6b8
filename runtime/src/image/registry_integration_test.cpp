// RegistryClient against a real registry (Debian's docker-registry). Its
// address comes from HERD_REGISTRY (127.0.0.1:PORT): scripts/test starts one
// and pushes library/busybox:latest (and more); by hand
//
//   scripts/registry up                     # prints 127.0.0.1:PORT last
//   export HERD_REGISTRY=127.0.0.1:PORT
//
// Without it every test FAILS (never skips): a green run must mean the
// client talked to a registry. The tests push what else they need (a
// multi-platform index) under herdtest/ with names no other run uses.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "herd/runtime/registry_client.hpp"
#include "image/http_transport.hpp"
#include "image/sha256.hpp"

namespace herd::runtime::image {
namespace {

std::string registry_address() {
  const char* value = std::getenv("HERD_REGISTRY");
  return value == nullptr ? "" : value;
}

// Counts and hashes what it receives, independently of the client's check.
struct HashingSink final : BlobSink {
  Status write(std::string_view chunk) override {
    hasher.update(chunk);
    bytes += static_cast<int64_t>(chunk.size());
    data.append(chunk.substr(0, keep > data.size() ? keep - data.size() : 0));
    return Status();
  }
  Sha256 hasher;
  int64_t bytes = 0;
  std::string data;  ///< the first `keep` bytes
  std::size_t keep = 1 << 20;
};

class RegistryIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_ = registry_address();
    ASSERT_FALSE(registry_.empty())
        << "HERD_REGISTRY is not set: these tests need a real registry. Run `scripts/registry up` "
           "and "
           "`export HERD_REGISTRY=<the address it prints last>` (scripts/test does both).";
  }

  std::unique_ptr<RegistryClient> client(RegistryConfig config = {}) {
    config.read_timeout = std::chrono::seconds(20);
    auto made = make_registry_client(std::move(config));
    EXPECT_TRUE(made.ok()) << made.status().to_string();
    return made.ok() ? std::move(made).value() : nullptr;
  }
  // docker.io served only by the test registry: never the Internet.
  RegistryConfig hub_mirror() {
    RegistryConfig config;
    config.mirrors["docker.io"] = RegistryMirror{{"http://" + registry_}, false};
    return config;
  }
  static ImageReference ref(const std::string& text) {
    auto parsed = ImageReference::parse(text);
    EXPECT_TRUE(parsed.ok()) << parsed.status().to_string();
    return parsed.ok() ? *parsed : ImageReference{};
  }
  // Fetches every blob of `image` and checks each independently.
  void fetch_all(RegistryClient& registry, const ImageReference& name, const ResolvedImage& image) {
    std::vector<Descriptor> blobs = image.layers;
    blobs.insert(blobs.begin(), image.config);
    for (const Descriptor& blob : blobs) {
      HashingSink sink;
      Status status = registry.fetch_blob(name, blob, sink);
      ASSERT_TRUE(status.ok()) << status.to_string();
      EXPECT_EQ(sink.bytes, blob.size);
      EXPECT_EQ(sink.hasher.finish(), blob.digest);
    }
  }

  std::string registry_;
};

TEST_F(RegistryIntegrationTest, ResolvesAndFetchesEveryBlobOfBusybox) {
  auto registry = client();
  ASSERT_NE(registry, nullptr);
  ImageReference busybox = ref(registry_ + "/library/busybox:latest");
  auto image = registry->resolve(busybox);
  ASSERT_TRUE(image.ok()) << image.status().to_string();
  EXPECT_EQ(image->endpoint, registry_);
  EXPECT_EQ(image->manifest.digest, sha256_digest(image->manifest_bytes));
  EXPECT_EQ(image->manifest.size, static_cast<int64_t>(image->manifest_bytes.size()));
  EXPECT_FALSE(image->layers.empty());
  fetch_all(*registry, busybox, *image);
  // The digest the registry itself reports for the tag is the one we computed.
  auto by_digest = registry->resolve(ref(registry_ + "/library/busybox@" + image->target.digest));
  ASSERT_TRUE(by_digest.ok()) << by_digest.status().to_string();
  EXPECT_EQ(by_digest->target_bytes, image->target_bytes);
}

TEST_F(RegistryIntegrationTest, DockerHubMirrorResolvesBareNames) {
  auto registry = client(hub_mirror());
  ASSERT_NE(registry, nullptr);
  auto image = registry->resolve(ref("busybox"));
  ASSERT_TRUE(image.ok()) << image.status().to_string();
  EXPECT_EQ(image->name, "docker.io/library/busybox:latest");
  EXPECT_EQ(image->endpoint, registry_);
  fetch_all(*registry, ref("busybox"), *image);
}

TEST_F(RegistryIntegrationTest, TheOtherTestImagesResolve) {
  auto registry = client(hub_mirror());
  ASSERT_NE(registry, nullptr);
  for (const char* name : {"mhausenblas/simple-service:0.5.0", "perl"}) {
    auto image = registry->resolve(ref(name));
    ASSERT_TRUE(image.ok()) << image.status().to_string();
    EXPECT_TRUE(image->manifest.media_type == kOciManifestMediaType ||
                image->manifest.media_type == kDockerManifestMediaType)
        << image->manifest.media_type;
    HashingSink config;
    Status status = registry->fetch_blob(ref(name), image->config, config);
    ASSERT_TRUE(status.ok()) << status.to_string();
    EXPECT_NE(config.data.find("\"architecture\":\"amd64\""), std::string::npos) << config.data;
  }
}

TEST_F(RegistryIntegrationTest, MissingImageIsManifestUnknown) {
  auto registry = client(hub_mirror());
  ASSERT_NE(registry, nullptr);
  auto image = registry->resolve(ref("nosuch"));
  EXPECT_EQ(image.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(image.status().message(),
            "pull docker.io/library/nosuch:latest: manifest unknown (404 from " + registry_ + ")");
}

TEST_F(RegistryIntegrationTest, UnreachableRegistryIsAConnectError) {
  auto registry = client();
  ASSERT_NE(registry, nullptr);
  auto image = registry->resolve(ref("127.0.0.1:1/library/busybox:latest"));
  EXPECT_EQ(image.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(image.status().message(),
            "pull 127.0.0.1:1/library/busybox:latest: registry unreachable: connect 127.0.0.1:1: "
            "Connection refused");
}

TEST_F(RegistryIntegrationTest, BlobOfTheWrongSizeIsRefused) {
  auto registry = client();
  ASSERT_NE(registry, nullptr);
  ImageReference busybox = ref(registry_ + "/library/busybox:latest");
  auto image = registry->resolve(busybox);
  ASSERT_TRUE(image.ok()) << image.status().to_string();
  Descriptor short_config = image->config;
  short_config.size -= 1;
  HashingSink sink;
  Status status = registry->fetch_blob(busybox, short_config, sink);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_EQ(status.message(), "pull " + busybox.to_string() + ": size mismatch for config " +
                                  short_config.digest + ": more than the " +
                                  std::to_string(short_config.size) + " bytes its descriptor says");
}

TEST_F(RegistryIntegrationTest, UnknownBlob) {
  auto registry = client();
  ASSERT_NE(registry, nullptr);
  Descriptor nothing{"application/vnd.oci.image.layer.v1.tar+gzip", sha256_digest("no such blob"),
                     12};
  HashingSink sink;
  Status status = registry->fetch_blob(ref(registry_ + "/library/busybox"), nothing, sink);
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "pull " + registry_ +
                                  "/library/busybox:latest: blob unknown to registry (404 from " +
                                  registry_ + ")");
}

// Pushes through the distribution API with the test's own transport.
class Pusher {
 public:
  Pusher(std::string registry, std::string repository)
      : registry_(std::move(registry)),
        repository_(std::move(repository)),
        transport_(make_beast_transport(TransportOptions{})) {}

  // POST an upload, then PUT the bytes to it with their digest.
  std::string blob(const std::string& bytes) {
    std::string digest = sha256_digest(bytes);
    HttpRequest start;
    start.method = "POST";
    start.url = *Url::parse("http://" + registry_ + "/v2/" + repository_ + "/blobs/uploads/");
    auto started = transport_->send(start);
    EXPECT_TRUE(started.ok()) << started.status().to_string();
    EXPECT_EQ(started->status, 202) << started->body;
    auto location = start.url.resolve(started->header("location").value_or(""));
    EXPECT_TRUE(location.ok());
    HttpRequest put;
    put.method = "PUT";
    put.url = *location;
    put.url.target +=
        (put.url.target.find('?') == std::string::npos ? "?" : "&") + ("digest=" + digest);
    put.headers.emplace_back("Content-Type", "application/octet-stream");
    put.body = bytes;
    auto done = transport_->send(put);
    EXPECT_TRUE(done.ok()) << done.status().to_string();
    EXPECT_EQ(done->status, 201) << done->body;
    return digest;
  }

  std::string manifest(const std::string& reference, std::string_view media_type,
                       const std::string& bytes) {
    HttpRequest put;
    put.method = "PUT";
    put.url = *Url::parse("http://" + registry_ + "/v2/" + repository_ + "/manifests/" + reference);
    put.headers.emplace_back("Content-Type", std::string(media_type));
    put.body = bytes;
    auto done = transport_->send(put);
    EXPECT_TRUE(done.ok()) << done.status().to_string();
    EXPECT_EQ(done->status, 201) << done->body;
    return sha256_digest(bytes);
  }

 private:
  std::string registry_;
  std::string repository_;
  std::unique_ptr<HttpTransport> transport_;
};

std::string unique_repository(std::string_view stem) {
  std::random_device random;
  return "herdtest/" + std::string(stem) + "-" + std::to_string(random() % 1000000000);
}

std::string descriptor_json(std::string_view media_type, const std::string& bytes) {
  return R"({"mediaType":")" + std::string(media_type) + R"(","digest":")" + sha256_digest(bytes) +
         R"(","size":)" + std::to_string(bytes.size()) + "}";
}

TEST_F(RegistryIntegrationTest, AnIndexResolvesToLinuxAmd64) {
  std::string repository = unique_repository("index");
  Pusher push(registry_, repository);
  const std::string layer = "pretend layer of " + repository;
  push.blob(layer);
  std::string manifests[2];
  const char* architectures[2] = {"arm64", "amd64"};
  for (int i = 0; i < 2; ++i) {
    std::string config = R"({"architecture":")" + std::string(architectures[i]) +
                         R"(","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
    push.blob(config);
    manifests[i] =
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":)" +
        descriptor_json("application/vnd.oci.image.config.v1+json", config) + R"(,"layers":[)" +
        descriptor_json("application/vnd.oci.image.layer.v1.tar+gzip", layer) + "]}";
    push.manifest(sha256_digest(manifests[i]), kOciManifestMediaType, manifests[i]);
  }
  std::string index =
      R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[)";
  for (int i = 0; i < 2; ++i) {
    std::string entry = descriptor_json(kOciManifestMediaType, manifests[i]);
    entry.pop_back();
    index += (i ? "," : "") + entry + R"(,"platform":{"os":"linux","architecture":")" +
             architectures[i] + "\"}}";
  }
  index += "]}";
  push.manifest("multi", kOciIndexMediaType, index);
  if (HasFailure()) {
    return;
  }

  auto registry = client();
  ASSERT_NE(registry, nullptr);
  ImageReference multi = ref(registry_ + "/" + repository + ":multi");
  auto image = registry->resolve(multi);
  ASSERT_TRUE(image.ok()) << image.status().to_string();
  EXPECT_EQ(image->target, (Descriptor{std::string(kOciIndexMediaType), sha256_digest(index),
                                       static_cast<int64_t>(index.size())}));
  EXPECT_EQ(image->manifest.digest, sha256_digest(manifests[1]));
  EXPECT_EQ(image->manifest_bytes, manifests[1]);
  HashingSink config;
  ASSERT_TRUE(registry->fetch_blob(multi, image->config, config).ok());
  EXPECT_NE(config.data.find("\"amd64\""), std::string::npos);

  RegistryConfig s390x;
  s390x.platform = Platform{"linux", "s390x", ""};
  auto missing = client(s390x)->resolve(multi);
  EXPECT_EQ(missing.status(),
            Status::not_found("pull " + multi.to_string() +
                              ": no manifest for linux/s390x in the image index (it has "
                              "linux/arm64, linux/amd64)"));
}

// The token proxy (testdata/token_proxy.py) in front of the registry.
class TokenProxy {
 public:
  explicit TokenProxy(const std::string& upstream) {
    int out[2];
    if (::pipe(out) != 0) {
      return;
    }
    std::string script =
        std::string(HERD_SOURCE_DIR) + "/runtime/src/image/testdata/token_proxy.py";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      ::execlp("python3", "python3", script.c_str(), upstream.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    FILE* from_child = ::fdopen(out[0], "r");
    char line[32] = {};
    if (from_child != nullptr && std::fgets(line, sizeof line, from_child) != nullptr) {
      port_ = std::atoi(line);
    }
    if (from_child != nullptr) {
      std::fclose(from_child);
    }
  }
  ~TokenProxy() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  bool running() const { return port_ > 0; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

TEST_F(RegistryIntegrationTest, BearerTokenWithCredentialsAndARedirectToAnotherHost) {
  TokenProxy proxy(registry_);
  ASSERT_TRUE(proxy.running()) << "python3 " << HERD_SOURCE_DIR
                               << "/runtime/src/image/testdata/token_proxy.py";
  RegistryConfig config;
  config.credentials[proxy.address()] = RegistryCredentials{"herd", "s3cret"};
  auto registry = client(config);
  ASSERT_NE(registry, nullptr);
  ImageReference busybox = ref(proxy.address() + "/library/busybox:latest");
  auto image = registry->resolve(busybox);
  ASSERT_TRUE(image.ok()) << image.status().to_string();
  fetch_all(*registry, busybox,
            *image);  // blobs: 307 to localhost:PORT, which refuses Authorization

  auto anonymous = client()->resolve(busybox);
  EXPECT_EQ(anonymous.status(),
            Status::invalid_argument("pull " + busybox.to_string() +
                                     ": unauthorized: token request: bad credentials (401 from " +
                                     proxy.address() + ")"));
}

TEST_F(RegistryIntegrationTest, OneClientServesSeveralThreadsAtOnce) {
  TokenProxy proxy(registry_);  // so that the threads share the token cache too
  ASSERT_TRUE(proxy.running());
  RegistryConfig config;
  config.credentials[proxy.address()] = RegistryCredentials{"herd", "s3cret"};
  auto registry = client(config);
  ASSERT_NE(registry, nullptr);
  ImageReference busybox = ref(proxy.address() + "/library/busybox:latest");
  std::mutex mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 3; ++i) {
        auto image = registry->resolve(busybox);
        Status status = image.status();
        HashingSink config_blob;
        if (image.ok()) {
          status = registry->fetch_blob(busybox, image->config, config_blob);
        }
        if (!status.ok()) {
          std::lock_guard lock(mutex);
          failures.push_back(status.to_string());
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures.front();
}

}  // namespace
}  // namespace herd::runtime::image
