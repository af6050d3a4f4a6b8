// ImageStore against a real containerd and registry (label integration):
//
//   export HERD_CONTAINERD_SOCKET=$(scripts/containerd up | tail -n 1)
//   export HERD_REGISTRY=$(scripts/registry up | tail -n 1)
//
// Without either every test FAILS (never skips). docker.io is mirrored to the
// test registry only (never the Internet), so "busybox" is the registry's
// library/busybox:latest. Each test works in a containerd namespace of its own
// and ends by deleting it, which containerd refuses while anything is left.
// containerd keeps one copy of a blob for all namespaces (a writer of a blob
// another namespace has takes no upload lock), so these tests run one at a
// time (RESOURCE_LOCK herd_image_store) and each ends with a garbage collection.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>

#include "containerd/test_rootfs.hpp"
#include "herd/runtime/containerd_client.hpp"
#include "herd/runtime/image_store.hpp"
#include "herd/runtime/registry_client.hpp"
#include "image/http_transport.hpp"

namespace herd::runtime {
namespace {

using namespace std::chrono_literals;
using containerd::ContainerdClient;

using containerd::testing::random_hex;

std::string env(const char* name) { return containerd::testing::env_or(name); }

// A RegistryClient that counts the calls it passes on to the real one, and
// can make resolve slow so that concurrent callers overlap.
class CountingRegistryClient final : public RegistryClient {
 public:
  explicit CountingRegistryClient(RegistryClient& real) : real_(real) {}
  Result<ResolvedImage> resolve(const ImageReference& ref) override {
    ++resolves;
    std::this_thread::sleep_for(resolve_delay);
    return real_.resolve(ref);
  }
  Status fetch_blob(const ImageReference& ref, const Descriptor& blob, BlobSink& sink) override {
    ++fetches;
    if (!corrupt_layers || blob.media_type.find("layer") == std::string::npos) {
      return real_.fetch_blob(ref, blob, sink);
    }
    // Flips the first byte after the client's own check: containerd's must catch it.
    struct FlippingSink final : BlobSink {
      explicit FlippingSink(BlobSink& s) : next(s) {}
      Status write(std::string_view chunk) override {
        if (first && !chunk.empty()) {
          first = false;
          std::string copy(chunk);
          copy[0] = static_cast<char>(copy[0] ^ 0xff);
          return next.write(copy);
        }
        return next.write(chunk);
      }
      BlobSink& next;
      bool first = true;
    } flipping(sink);
    return real_.fetch_blob(ref, blob, flipping);
  }
  std::atomic<int> resolves{0};
  std::atomic<int> fetches{0};
  std::chrono::milliseconds resolve_delay{0};
  bool corrupt_layers = false;

 private:
  RegistryClient& real_;
};

class ImageStoreIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string socket = env("HERD_CONTAINERD_SOCKET");
    const std::string registry = env("HERD_REGISTRY");
    ASSERT_FALSE(socket.empty()) << "HERD_CONTAINERD_SOCKET is not set: run `scripts/containerd "
                                    "up` and export the socket it prints last";
    ASSERT_FALSE(registry.empty())
        << "HERD_REGISTRY is not set: run `scripts/registry up` and export what it prints last";
    containerd::ContainerdOptions options;
    options.address = socket;
    options.ns = "herd-imgtest-" + random_hex();
    options.snapshotter = containerd::testing::env_or("HERD_CONTAINERD_SNAPSHOTTER", "overlayfs");
    auto client = ContainerdClient::connect(options);
    ASSERT_TRUE(client.ok()) << client.status().to_string();
    client_ = std::move(client).value();
    RegistryConfig config;
    config.mirrors["docker.io"] = RegistryMirror{{"http://" + registry}, false};
    auto made = make_registry_client(config);
    ASSERT_TRUE(made.ok()) << made.status().to_string();
    registry_ = std::move(made).value();
    counting_ = std::make_unique<CountingRegistryClient>(*registry_);
    store_ = make_image_store(*client_, *counting_);
    dir_ = std::filesystem::temp_directory_path() / ("herd-imgtest-" + random_hex());
    std::filesystem::create_directories(dir_);
  }

  // Removes the test's container, its images and their snapshots, lets
  // containerd's garbage collector take the content (a lease deleted with
  // sync), then deletes the namespace.
  void TearDown() override {
    if (!client_) {
      return;
    }
    for (const std::string& id : containers_) {
      (void)client_->kill_task(id, SIGKILL, true);  // best effort: it may have exited
      (void)client_->wait_task(id, "", 10s);
      (void)client_->delete_task(id);
      (void)client_->delete_container(id);
      (void)client_->remove_snapshot(id + "-rootfs");
    }
    for (const PulledImage& image : pulled_) {
      (void)client_->delete_image(image.name);  // may be gone already
      std::string chain = image.top_chain_id;
      while (!chain.empty()) {
        auto info = client_->stat_snapshot(chain);
        (void)client_->remove_snapshot(chain);
        chain = info.ok() ? info->parent : "";
      }
    }
    collect_garbage();
    const Status deleted = client_->delete_namespace();
    EXPECT_TRUE(deleted.ok()) << "the test left something behind: " << deleted.to_string();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    for (const auto& hierarchy : std::filesystem::directory_iterator("/sys/fs/cgroup", ignored)) {
      ::rmdir((hierarchy.path() / client_->options().ns).c_str());
    }
    ::rmdir(("/run/containerd/runc/" + client_->options().ns).c_str());
  }

  void collect_garbage() {
    const std::string lease = "gc-" + random_hex();
    EXPECT_TRUE(client_->create_lease(lease, 60s).ok());
    EXPECT_TRUE(client_->delete_lease(lease, true).ok());
  }

  Result<PulledImage> ensure(const std::string& image, PullPolicy policy) {
    Result<PulledImage> pulled = store_->ensure_image(image, policy);
    if (pulled.ok()) {
      std::lock_guard lock(mutex_);
      pulled_.push_back(*pulled);
    }
    return pulled;
  }

  std::unique_ptr<ContainerdClient> client_;
  std::unique_ptr<RegistryClient> registry_;
  std::unique_ptr<CountingRegistryClient> counting_;
  std::unique_ptr<ImageStore> store_;
  std::filesystem::path dir_;
  std::mutex mutex_;
  std::vector<PulledImage> pulled_;
  std::vector<std::string> containers_;
};

TEST_F(ImageStoreIntegrationTest, PulledBusyboxRunsEchoHi) {
  auto image = ensure("busybox", PullPolicy::kAlways);
  ASSERT_TRUE(image.ok()) << image.status().to_string();
  EXPECT_EQ(image->name, "docker.io/library/busybox:latest");
  EXPECT_EQ(image->manifest_digest.rfind("sha256:", 0), 0u);
  ASSERT_FALSE(image->top_chain_id.empty());
  EXPECT_EQ(image->config.cmd, std::vector<std::string>{"sh"});

  const std::string id = "echo-" + random_hex();
  const std::string log = (dir_ / "echo.log").string();
  auto mounts = client_->prepare_snapshot(id + "-rootfs", image->top_chain_id);
  ASSERT_TRUE(mounts.ok()) << mounts.status().to_string();
  containers_.push_back(id);
  containerd::Container container;
  container.id = id;
  container.image = image->name;
  container.oci_spec_json =
      containerd::testing::oci_spec_json({"echo", "hi"}, client_->options().ns, id);
  container.snapshot_key = id + "-rootfs";
  ASSERT_TRUE(client_->create_container(container).ok());
  auto pid = client_->create_task({id, *mounts, containerd::TaskIO::combined_file(log)});
  ASSERT_TRUE(pid.ok()) << pid.status().to_string();
  ASSERT_TRUE(client_->start_task(id).ok());
  auto exit = client_->wait_task(id, "", 30s);
  ASSERT_TRUE(exit.ok()) << exit.status().to_string();
  EXPECT_EQ(exit->exit_code, 0u);
  EXPECT_EQ(containerd::testing::read_file(log), "hi\n");
}

TEST_F(ImageStoreIntegrationTest, ContentCarriesTheGcReferenceLabels) {
  auto image = ensure("busybox", PullPolicy::kAlways);
  ASSERT_TRUE(image.ok()) << image.status().to_string();
  auto manifest = client_->content_info(image->manifest_digest);
  ASSERT_TRUE(manifest.ok()) << manifest.status().to_string();
  const std::string config = manifest->labels["containerd.io/gc.ref.content.config"];
  ASSERT_FALSE(config.empty());
  EXPECT_FALSE(manifest->labels["containerd.io/gc.ref.content.l.0"].empty());
  auto config_info = client_->content_info(config);
  ASSERT_TRUE(config_info.ok()) << config_info.status().to_string();
  EXPECT_EQ(config_info->labels["containerd.io/gc.ref.snapshot." + client_->options().snapshotter],
            image->top_chain_id);
  auto stored = client_->get_image(image->name);
  ASSERT_TRUE(stored.ok()) << stored.status().to_string();
  EXPECT_EQ(stored->labels["herd.io/unpacked." + client_->options().snapshotter],
            image->top_chain_id);
}

TEST_F(ImageStoreIntegrationTest, PulledImageSurvivesGarbageCollection) {
  auto image = ensure("busybox", PullPolicy::kAlways);
  ASSERT_TRUE(image.ok()) << image.status().to_string();
  collect_garbage();
  auto again = ensure("busybox", PullPolicy::kNever);
  ASSERT_TRUE(again.ok()) << again.status().to_string();
  EXPECT_EQ(*again, *image);
  EXPECT_TRUE(client_->stat_snapshot(image->top_chain_id).ok());
}

// An index (pushed here: the test images are plain manifests) over busybox's
// manifest: the image targets the index, which references the manifest.
TEST_F(ImageStoreIntegrationTest, AnIndexIsStoredWithAReferenceToItsManifest) {
  auto busybox = registry_->resolve(*ImageReference::parse("busybox"));
  ASSERT_TRUE(busybox.ok()) << busybox.status().to_string();
  const std::string index =
      R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[)"
      R"({"mediaType":")" +
      busybox->manifest.media_type + R"(","digest":")" + busybox->manifest.digest + R"(","size":)" +
      std::to_string(busybox->manifest.size) +
      R"(,"platform":{"os":"linux","architecture":"amd64"}}]})";
  const std::string tag = "herd-index-" + random_hex();
  image::HttpRequest put;
  put.method = "PUT";
  put.url =
      *image::Url::parse("http://" + env("HERD_REGISTRY") + "/v2/library/busybox/manifests/" + tag);
  put.headers.emplace_back("Content-Type", std::string(kOciIndexMediaType));
  put.body = index;
  auto pushed = image::make_beast_transport(image::TransportOptions{})->send(put);
  ASSERT_TRUE(pushed.ok()) << pushed.status().to_string();
  ASSERT_EQ(pushed->status, 201) << pushed->body;

  auto pulled = ensure("busybox:" + tag, PullPolicy::kAlways);
  ASSERT_TRUE(pulled.ok()) << pulled.status().to_string();
  EXPECT_EQ(pulled->manifest_digest, busybox->manifest.digest);
  auto stored = client_->get_image(pulled->name);
  ASSERT_TRUE(stored.ok()) << stored.status().to_string();
  EXPECT_EQ(stored->target.media_type, kOciIndexMediaType);
  auto info = client_->content_info(stored->target.digest);
  ASSERT_TRUE(info.ok()) << info.status().to_string();
  EXPECT_EQ(info->labels["containerd.io/gc.ref.content.m.0"], busybox->manifest.digest);
  collect_garbage();
  EXPECT_TRUE(ensure("busybox:" + tag, PullPolicy::kNever).ok());
}

TEST_F(ImageStoreIntegrationTest, IfNotPresentSecondCallDoesNotHitTheRegistry) {
  auto first = ensure("busybox", PullPolicy::kIfNotPresent);
  ASSERT_TRUE(first.ok()) << first.status().to_string();
  EXPECT_EQ(counting_->resolves.load(), 1);
  const int fetches = counting_->fetches.load();
  EXPECT_GE(fetches, 2);  // config and at least one layer
  auto second = ensure("busybox:latest", PullPolicy::kIfNotPresent);
  ASSERT_TRUE(second.ok()) << second.status().to_string();
  EXPECT_EQ(*second, *first);
  EXPECT_EQ(counting_->resolves.load(), 1);
  EXPECT_EQ(counting_->fetches.load(), fetches);
  // Always resolves again but fetches nothing the store already has.
  auto always = ensure("busybox", PullPolicy::kAlways);
  ASSERT_TRUE(always.ok()) << always.status().to_string();
  EXPECT_EQ(counting_->resolves.load(), 2);
  EXPECT_EQ(counting_->fetches.load(), fetches);
}

TEST_F(ImageStoreIntegrationTest, NeverWithoutTheImageIsErrImageNeverPull) {
  auto image = ensure("busybox", PullPolicy::kNever);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.status().message(),
            "ErrImageNeverPull: Container image \"busybox\" is not present with pull policy of "
            "Never");
  EXPECT_EQ(counting_->resolves.load(), 0);
}

TEST_F(ImageStoreIntegrationTest, MissingImageIsErrImagePullManifestUnknown) {
  auto image = ensure("herd/no-such-image:" + random_hex(), PullPolicy::kIfNotPresent);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image_error_reason(image.status()), kErrImagePull);
  EXPECT_NE(image_error_message(image.status()).find("manifest unknown"), std::string::npos)
      << image.status().to_string();
  EXPECT_EQ(image.status().code(), StatusCode::kNotFound);
}

TEST_F(ImageStoreIntegrationTest, ACorruptLayerFailsThePullAndLeavesNoImage) {
  counting_->corrupt_layers = true;
  auto image = ensure("busybox", PullPolicy::kAlways);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image_error_reason(image.status()), kErrImagePull) << image.status().to_string();
  EXPECT_NE(image.status().message().find("Content.Write"), std::string::npos)
      << image.status().to_string();
  EXPECT_EQ(client_->get_image("docker.io/library/busybox:latest").status().code(),
            StatusCode::kNotFound);
  auto never = ensure("busybox", PullPolicy::kNever);
  EXPECT_EQ(image_error_reason(never.status()), kErrImageNeverPull);
}

TEST_F(ImageStoreIntegrationTest, UnreachableRegistryIsErrImagePull) {
  RegistryConfig config;
  config.mirrors["docker.io"] = RegistryMirror{{"http://127.0.0.1:1"}, false};
  auto unreachable = make_registry_client(config);
  ASSERT_TRUE(unreachable.ok()) << unreachable.status().to_string();
  auto store = make_image_store(*client_, **unreachable);
  auto image = store->ensure_image("busybox", PullPolicy::kAlways);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(image_error_reason(image.status()), kErrImagePull);
  EXPECT_NE(image.status().message().find("registry unreachable"), std::string::npos)
      << image.status().to_string();
}

// Another writer (a pull of another image sharing the layer) has the layer's
// upload open: the pull waits for it and then skips the layer.
TEST_F(ImageStoreIntegrationTest, ALayerAnotherWriterHoldsIsWaitedForNotFetched) {
  const ImageReference busybox = *ImageReference::parse("busybox");
  auto resolved = registry_->resolve(busybox);
  ASSERT_TRUE(resolved.ok()) << resolved.status().to_string();
  const Descriptor layer = resolved->layers.back();
  // In a lease of its own, so a garbage collection another test runs cannot take the blob.
  const std::string lease = "held-" + random_hex();
  ASSERT_TRUE(client_->create_lease(lease, 60s).ok());
  std::unique_ptr<ContainerdClient> leased = client_->with_lease(lease);
  auto writer = leased->open_writer("herd-pull-" + layer.digest,
                                    {layer.media_type, layer.digest, layer.size, {}});
  ASSERT_TRUE(writer.ok()) << writer.status().to_string();

  Result<PulledImage> pulled = Status::internal("not run");
  std::thread puller([&] { pulled = ensure("busybox", PullPolicy::kAlways); });
  std::this_thread::sleep_for(1s);
  struct WriterSink final : BlobSink {
    explicit WriterSink(containerd::ContentWriter& w) : writer(w) {}
    Status write(std::string_view chunk) override { return writer.write(chunk); }
    containerd::ContentWriter& writer;
  } sink(**writer);
  const Status fetched = registry_->fetch_blob(busybox, layer, sink);
  const Status committed = fetched.ok() ? (*writer)->commit({}) : fetched;
  puller.join();
  EXPECT_TRUE(client_->delete_lease(lease).ok());
  ASSERT_TRUE(committed.ok()) << committed.to_string();
  ASSERT_TRUE(pulled.ok()) << pulled.status().to_string();
  // The config and every layer but the one written here.
  EXPECT_EQ(counting_->fetches.load(), static_cast<int>(resolved->layers.size()));
}

TEST_F(ImageStoreIntegrationTest, TwoThreadsPullingAtOncePullOnce) {
  counting_->resolve_delay = 500ms;  // so the second caller arrives while the first pulls
  std::vector<Result<PulledImage>> results(2, Status::internal("not run"));
  std::thread a([&] { results[0] = ensure("busybox", PullPolicy::kAlways); });
  std::thread b([&] { results[1] = ensure("docker.io/library/busybox", PullPolicy::kAlways); });
  a.join();
  b.join();
  ASSERT_TRUE(results[0].ok()) << results[0].status().to_string();
  ASSERT_TRUE(results[1].ok()) << results[1].status().to_string();
  EXPECT_EQ(*results[0], *results[1]);
  EXPECT_EQ(counting_->resolves.load(), 1);
}

}  // namespace
}  // namespace herd::runtime
