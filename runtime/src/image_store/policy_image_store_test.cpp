#include "image_store/policy_image_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace herd::runtime::image_store {
namespace {

const std::string kBusybox = "docker.io/library/busybox:latest";

// An ImageBackend in memory: images are "present" once pulled (or put there);
// counts finds and pulls. A pull can be held until release() to overlap callers.
class FakeImageBackend final : public ImageBackend {
 public:
  Result<std::optional<PulledImage>> find(const ImageReference& ref) override {
    std::lock_guard lock(mutex_);
    ++finds;
    if (find_error) {
      return *find_error;
    }
    auto it = present_.find(ref.to_string());
    return it == present_.end() ? std::optional<PulledImage>() : it->second;
  }

  Result<PulledImage> pull(const ImageReference& ref) override {
    std::unique_lock lock(mutex_);
    ++pulls;
    entered_.notify_all();
    released_.wait(lock, [&] { return !hold_; });
    if (pull_error) {
      return *pull_error;
    }
    PulledImage image{ref.to_string(), "sha256:manifest", "sha256:top", {}};
    present_[image.name] = image;
    return image;
  }

  void put(const std::string& name) { present_[name] = PulledImage{name, "sha256:m", "", {}}; }
  void hold() { hold_ = true; }
  void wait_for_pulls(int n) {
    std::unique_lock lock(mutex_);
    entered_.wait(lock, [&] { return pulls >= n; });
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      hold_ = false;
    }
    released_.notify_all();
  }

  int finds = 0;
  int pulls = 0;
  std::optional<Status> find_error;
  std::optional<Status> pull_error;

 private:
  std::mutex mutex_;
  std::condition_variable entered_;
  std::condition_variable released_;
  bool hold_ = false;
  std::map<std::string, PulledImage> present_;
};

class PolicyImageStoreTest : public ::testing::Test {
 protected:
  FakeImageBackend backend_;
  PolicyImageStore store_{backend_};
};

TEST_F(PolicyImageStoreTest, AlwaysPullsEvenWhenPresent) {
  backend_.put(kBusybox);
  auto image = store_.ensure_image("busybox", PullPolicy::kAlways);
  ASSERT_TRUE(image.ok()) << image.status().to_string();
  EXPECT_EQ(image->name, kBusybox);
  EXPECT_EQ(backend_.pulls, 1);
  EXPECT_EQ(backend_.finds, 0);
}

TEST_F(PolicyImageStoreTest, IfNotPresentPullsOnceThenUsesWhatIsThere) {
  ASSERT_TRUE(store_.ensure_image("busybox", PullPolicy::kIfNotPresent).ok());
  auto again = store_.ensure_image("docker.io/library/busybox", PullPolicy::kIfNotPresent);
  ASSERT_TRUE(again.ok()) << again.status().to_string();
  EXPECT_EQ(again->manifest_digest, "sha256:manifest");
  EXPECT_EQ(backend_.pulls, 1);
}

TEST_F(PolicyImageStoreTest, NeverUsesWhatIsThere) {
  backend_.put(kBusybox);
  ASSERT_TRUE(store_.ensure_image("busybox:latest", PullPolicy::kNever).ok());
  EXPECT_EQ(backend_.pulls, 0);
}

TEST_F(PolicyImageStoreTest, NeverWithoutTheImageIsErrImageNeverPull) {
  auto image = store_.ensure_image("busybox", PullPolicy::kNever);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(image.status().message(),
            "ErrImageNeverPull: Container image \"busybox\" is not present with pull policy of "
            "Never");
  EXPECT_EQ(image_error_reason(image.status()), kErrImageNeverPull);
  EXPECT_EQ(image_error_message(image.status()),
            "Container image \"busybox\" is not present with pull policy of Never");
  EXPECT_EQ(backend_.pulls, 0);
}

TEST_F(PolicyImageStoreTest, PullFailureIsErrImagePullWithTheRegistryMessage) {
  backend_.pull_error = Status::not_found("pull docker.io/library/nosuch:latest: manifest unknown");
  auto image = store_.ensure_image("nosuch", PullPolicy::kIfNotPresent);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(image_error_reason(image.status()), kErrImagePull);
  EXPECT_EQ(image_error_message(image.status()),
            "pull docker.io/library/nosuch:latest: manifest unknown");
}

TEST_F(PolicyImageStoreTest, StoreFailureWhileLookingIsErrImagePull) {
  backend_.find_error = Status::unavailable("containerd gone");
  auto image = store_.ensure_image("busybox", PullPolicy::kNever);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.status().message(), "ErrImagePull: containerd gone");
}

TEST_F(PolicyImageStoreTest, MalformedNameIsInvalidImageName) {
  auto image = store_.ensure_image("Busybox", PullPolicy::kAlways);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(image_error_reason(image.status()), kInvalidImageName);
  EXPECT_EQ(backend_.pulls, 0);
}

TEST_F(PolicyImageStoreTest, ConcurrentPullsOfOneImageShareOnePull) {
  backend_.hold();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      const char* spelling = i % 2 == 0 ? "busybox" : "docker.io/library/busybox:latest";
      ok += store_.ensure_image(spelling, PullPolicy::kAlways).ok() ? 1 : 0;
    });
  }
  backend_.wait_for_pulls(1);
  while (store_.waiting() < 3) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  backend_.release();
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(ok.load(), 4);
  EXPECT_EQ(backend_.pulls, 1);
}

TEST_F(PolicyImageStoreTest, WaitersShareTheFailureToo) {
  backend_.hold();
  backend_.pull_error = Status::unavailable("registry unreachable");
  std::thread first(
      [&] { EXPECT_FALSE(store_.ensure_image("busybox", PullPolicy::kAlways).ok()); });
  backend_.wait_for_pulls(1);
  std::thread second(
      [&] { EXPECT_FALSE(store_.ensure_image("busybox", PullPolicy::kAlways).ok()); });
  while (store_.waiting() < 1) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  backend_.release();
  first.join();
  second.join();
  EXPECT_EQ(backend_.pulls, 1);
}

TEST(DefaultPullPolicy, LatestOrNoTagIsAlwaysElseIfNotPresent) {
  auto policy = [](const std::string& text) {
    return default_pull_policy(*ImageReference::parse(text));
  };
  EXPECT_EQ(policy("busybox"), PullPolicy::kAlways);
  EXPECT_EQ(policy("busybox:latest"), PullPolicy::kAlways);
  EXPECT_EQ(policy("busybox:1.36"), PullPolicy::kIfNotPresent);
  EXPECT_EQ(policy("busybox@sha256:" + std::string(64, 'a')), PullPolicy::kIfNotPresent);
}

}  // namespace
}  // namespace herd::runtime::image_store
