// ContainerdClient against a real containerd (label integration). scripts/test
// starts one (scripts/containerd up) and exports its socket as
// HERD_CONTAINERD_SOCKET; by hand:
//
//   export HERD_CONTAINERD_SOCKET=$(scripts/containerd up | tail -n 1)
//
// Without it every test FAILS (never skips). HERD_CONTAINERD_SNAPSHOTTER picks
// the snapshotter (default overlayfs). Each test works in a namespace of its
// own ("herd-test-<random>") and ends by deleting it, which containerd refuses
// while anything is left in it, so a test that leaks fails.
//
// No registry: the root file system is one layer built here from the
// machine's /bin/busybox (test_rootfs.hpp), written as a blob, unpacked with
// the diff service onto a snapshot and committed.

#include <gtest/gtest.h>
#include <unistd.h>

#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>

#include "containerd/test_rootfs.hpp"
#include "herd/runtime/containerd_client.hpp"
#include "image/sha256.hpp"

namespace herd::runtime::containerd {
namespace {

using namespace std::chrono_literals;
using testing::busybox_layer;
using testing::oci_spec_json;
using testing::process_spec_json;
using testing::read_file;

constexpr const char* kSocketVariable = "HERD_CONTAINERD_SOCKET";
constexpr const char* kLayerMediaType = "application/vnd.oci.image.layer.v1.tar";
constexpr const char* kLayerSnapshot = "busybox-layer";
constexpr auto kExitTimeout = 30s;

std::string random_hex() {
  std::random_device random;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", random(), random());
  return buf;
}

std::string env(const char* name, const char* fallback = "") {
  const char* value = std::getenv(name);
  return value == nullptr ? fallback : value;
}

#define ASSERT_OK(expr)                                      \
  do {                                                       \
    const ::herd::Status s_ = (expr);                        \
    ASSERT_TRUE(s_.ok()) << #expr << ": " << s_.to_string(); \
  } while (false)

class ContainerdClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string socket = env(kSocketVariable);
    ASSERT_FALSE(socket.empty())
        << kSocketVariable
        << " is not set: these tests need a real containerd. Run `scripts/containerd up` and "
           "`export HERD_CONTAINERD_SOCKET=<the socket it prints last>` (scripts/test does both).";
    ContainerdOptions options;
    options.address = socket;
    options.ns = "herd-test-" + random_hex();
    options.snapshotter = env("HERD_CONTAINERD_SNAPSHOTTER", "overlayfs");
    auto client = ContainerdClient::connect(options);
    ASSERT_TRUE(client.ok()) << client.status().to_string();
    base_ = std::move(client).value();
    lease_ = "herd-test-" + random_hex();
    ASSERT_OK(base_->create_lease(lease_, std::chrono::hours(1)));
    client_ = base_->with_lease(lease_);
    dir_ = std::filesystem::temp_directory_path() / ("herd-ctrd-" + random_hex());
    std::filesystem::create_directories(dir_);
  }

  // Removes what a test left (a failed test leaves things half way), then the
  // namespace: containerd refuses that while anything is left in it.
  void TearDown() override {
    if (!base_) {
      return;
    }
    for (auto it = containers_.rbegin(); it != containers_.rend(); ++it) {
      (void)client_->kill_task(*it, SIGKILL, true);  // best effort: may have exited
      (void)client_->wait_task(*it, "", 10s);
      (void)client_->delete_task(*it);
      (void)client_->delete_container(*it);
    }
    for (auto it = snapshots_.rbegin(); it != snapshots_.rend(); ++it) {
      (void)client_->remove_snapshot(*it);
    }
    for (const auto& digest : blobs_) {
      (void)client_->delete_content(digest);
    }
    EXPECT_TRUE(base_->delete_lease(lease_, true).ok());
    const Status deleted = base_->delete_namespace();
    EXPECT_TRUE(deleted.ok()) << "the test left something behind: " << deleted.to_string();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
    // runc's cgroup "/<ns>" parent of the containers' cgroups (test_rootfs.hpp).
    for (const auto& hierarchy : std::filesystem::directory_iterator("/sys/fs/cgroup", ignored)) {
      ::rmdir((hierarchy.path() / options().ns).c_str());
    }
    ::rmdir(("/sys/fs/cgroup/" + options().ns).c_str());
    // The runc shim's state root of the namespace (its default --root), empty by now.
    ::rmdir(("/run/containerd/runc/" + options().ns).c_str());
  }

  const ContainerdOptions& options() const { return base_->options(); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  /// Writes `data` as a blob; returns its descriptor.
  Descriptor write(std::string_view data, const std::string& media_type) {
    Descriptor descriptor{
        media_type, image::sha256_digest(data), static_cast<int64_t>(data.size()), {}};
    const Status written = client_->write_blob("upload-" + descriptor.digest, descriptor, data);
    EXPECT_TRUE(written.ok()) << written.to_string();
    blobs_.push_back(descriptor.digest);
    return descriptor;
  }

  /// The busybox layer, unpacked and committed as kLayerSnapshot (once per test).
  void ensure_layer() {
    if (have_layer_) {
      return;
    }
    const std::string tar = busybox_layer();
    ASSERT_FALSE(tar.empty()) << testing::kBusyboxPath << " is missing (Debian busybox-static)";
    layer_ = write(tar, kLayerMediaType);
    const std::string extract = std::string(kLayerSnapshot) + "-extract";
    auto mounts = client_->prepare_snapshot(extract, "");
    ASSERT_TRUE(mounts.ok()) << mounts.status().to_string();
    auto applied = client_->apply_diff(layer_, *mounts);
    ASSERT_TRUE(applied.ok()) << applied.status().to_string();
    EXPECT_EQ(applied->digest, layer_.digest);  // uncompressed: the same tar
    ASSERT_OK(client_->commit_snapshot(kLayerSnapshot, extract));
    snapshots_.push_back(kLayerSnapshot);
    have_layer_ = true;
  }

  /// Container `id` running `args` on an active snapshot of the layer, and its
  /// task (created, not started) with `io`.
  void create(const std::string& id, const std::vector<std::string>& args, const TaskIO& io,
              const Labels& labels = {}) {
    ASSERT_NO_FATAL_FAILURE(ensure_layer());
    const std::string key = id + "-rootfs";
    auto mounts = client_->prepare_snapshot(key, kLayerSnapshot);
    ASSERT_TRUE(mounts.ok()) << mounts.status().to_string();
    snapshots_.push_back(key);
    Container container;
    container.id = id;
    container.image = "herd.test/busybox:local";
    container.oci_spec_json = oci_spec_json(args, options().ns, id);
    container.snapshot_key = key;
    container.labels = labels;
    auto created = client_->create_container(container);
    ASSERT_TRUE(created.ok()) << created.status().to_string();
    containers_.push_back(id);
    auto pid = client_->create_task({id, *mounts, io});
    ASSERT_TRUE(pid.ok()) << pid.status().to_string();
    EXPECT_GT(*pid, 0u);
  }

  /// Deletes task, container and rootfs snapshot of `id` as the node runtime will.
  void remove(const std::string& id) {
    auto deleted = client_->delete_task(id);
    EXPECT_TRUE(deleted.ok()) << deleted.status().to_string();
    ASSERT_OK(client_->delete_container(id));
    ASSERT_OK(client_->remove_snapshot(id + "-rootfs"));
    std::erase(containers_, id);
    std::erase(snapshots_, id + "-rootfs");
  }

  std::unique_ptr<ContainerdClient> base_;    // no lease
  std::unique_ptr<ContainerdClient> client_;  // in lease_
  std::string lease_;
  std::filesystem::path dir_;
  std::vector<std::string> containers_;
  std::vector<std::string> snapshots_;
  std::vector<std::string> blobs_;
  Descriptor layer_;
  bool have_layer_ = false;
};

TEST_F(ContainerdClientTest, VersionAnswers) {
  auto version = client_->version();
  ASSERT_TRUE(version.ok()) << version.status().to_string();
  EXPECT_EQ(version->version.rfind("1.", 0), 0u) << version->version;
}

TEST_F(ContainerdClientTest, ContentWriteAndImageRoundTrip) {
  const std::string config = R"({"architecture":"amd64","os":"linux"})";
  const Descriptor blob = write(config, "application/vnd.oci.image.config.v1+json");
  auto has = client_->has_content(blob.digest);
  ASSERT_TRUE(has.ok()) << has.status().to_string();
  EXPECT_TRUE(*has);
  auto info = client_->content_info(blob.digest);
  ASSERT_TRUE(info.ok()) << info.status().to_string();
  EXPECT_EQ(info->size, static_cast<int64_t>(config.size()));
  auto read = client_->read_blob(blob.digest);
  ASSERT_TRUE(read.ok()) << read.status().to_string();
  EXPECT_EQ(*read, config);
  // A second write of the same blob is a no-op; open_writer says it is there.
  ASSERT_OK(client_->write_blob("again", blob, config));
  EXPECT_EQ(client_->open_writer("again", blob).status().code(), StatusCode::kAlreadyExists);

  const Image image{"herd.test/config-only:1", blob, {{"herd.io/test", "yes"}}};
  auto created = client_->create_image(image);
  ASSERT_TRUE(created.ok()) << created.status().to_string();
  EXPECT_EQ(client_->create_image(image).status().code(), StatusCode::kAlreadyExists);
  auto got = client_->get_image(image.name);
  ASSERT_TRUE(got.ok()) << got.status().to_string();
  EXPECT_EQ(got->target, blob);
  EXPECT_EQ(got->labels, image.labels);
  Image relabelled = image;
  relabelled.labels = {{"herd.io/test", "again"}};
  auto updated = client_->update_image(relabelled);
  ASSERT_TRUE(updated.ok()) << updated.status().to_string();
  EXPECT_EQ(updated->labels, relabelled.labels);
  ASSERT_OK(client_->delete_image(image.name));
  const Status gone = client_->get_image(image.name).status();
  EXPECT_EQ(gone.code(), StatusCode::kNotFound);
  EXPECT_NE(gone.message().find("containerd Images.Get " + options().ns +
                                "/herd.test/config-only:1: NOT_FOUND"),
            std::string::npos)
      << gone.message();

  ASSERT_OK(client_->delete_content(blob.digest));
  has = client_->has_content(blob.digest);
  ASSERT_TRUE(has.ok());
  EXPECT_FALSE(*has);
}

TEST_F(ContainerdClientTest, ContentWriteInPiecesChecksTheDigest) {
  const std::string data(3 << 20, 'x');  // three chunks
  Descriptor wrong{"application/octet-stream",
                   image::sha256_digest("not the data"),
                   static_cast<int64_t>(data.size()),
                   {}};
  auto writer = client_->open_writer("wrong-digest", wrong);
  ASSERT_TRUE(writer.ok()) << writer.status().to_string();
  ASSERT_OK((*writer)->write(std::string_view(data).substr(0, 1 << 20)));
  ASSERT_OK((*writer)->write(std::string_view(data).substr(1 << 20)));
  EXPECT_EQ((*writer)->written(), static_cast<int64_t>(data.size()));
  const Status committed = (*writer)->commit({});
  EXPECT_FALSE(committed.ok());
  EXPECT_NE(committed.message().find("containerd Content.Write " + options().ns + "/wrong-digest"),
            std::string::npos)
      << committed.to_string();
  writer->reset();  // aborts the upload
  auto has = client_->has_content(wrong.digest);
  ASSERT_TRUE(has.ok());
  EXPECT_FALSE(*has);
}

TEST_F(ContainerdClientTest, BusyboxEchoWritesHiToItsStdoutFile) {
  const std::string id = "echo-" + random_hex();
  const std::string log = path("echo.log");
  ASSERT_NO_FATAL_FAILURE(create(id, {"/bin/busybox", "echo", "hi"}, TaskIO::combined_file(log)));
  auto task = client_->get_task(id);
  ASSERT_TRUE(task.ok()) << task.status().to_string();
  EXPECT_EQ(task->status, ProcessStatus::kCreated);
  auto pid = client_->start_task(id);
  ASSERT_TRUE(pid.ok()) << pid.status().to_string();
  auto exit = client_->wait_task(id, "", kExitTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status().to_string();
  EXPECT_EQ(exit->exit_code, 0u);
  ASSERT_NO_FATAL_FAILURE(remove(id));  // the shim has copied all output once the task is deleted
  EXPECT_EQ(read_file(log), "hi\n");
}

TEST_F(ContainerdClientTest, ExitCodeIsReported) {
  const std::string id = "exit-" + random_hex();
  ASSERT_NO_FATAL_FAILURE(create(id, {"/bin/sh", "-c", "exit 3"}, {}));
  ASSERT_TRUE(client_->start_task(id).ok());
  auto exit = client_->wait_task(id, "", kExitTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status().to_string();
  EXPECT_EQ(exit->exit_code, 3u);
  EXPECT_GT(exit->exited_at, TimePoint());
  auto task = client_->get_task(id);
  ASSERT_TRUE(task.ok()) << task.status().to_string();
  EXPECT_EQ(task->container_id, id);
  EXPECT_EQ(task->exec_id, "");
  EXPECT_EQ(task->status, ProcessStatus::kStopped);
  EXPECT_EQ(task->exit_code, 3u);
  auto tasks = client_->list_tasks();
  ASSERT_TRUE(tasks.ok()) << tasks.status().to_string();
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ(tasks->front().container_id, id);
  auto deleted = client_->delete_task(id);
  ASSERT_TRUE(deleted.ok()) << deleted.status().to_string();
  EXPECT_EQ(deleted->exit_code, 3u);
  ASSERT_OK(client_->delete_container(id));
  ASSERT_OK(client_->remove_snapshot(id + "-rootfs"));
  std::erase(containers_, id);
  std::erase(snapshots_, id + "-rootfs");
}

TEST_F(ContainerdClientTest, TaskExitEventArrivesThroughTheSubscription) {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Event> events;
  auto subscription = client_->subscribe(
      {R"(topic=="/tasks/exit")", R"(topic=="/tasks/oom")"},
      [&](Event event) {
        std::lock_guard lock(mu);
        events.push_back(std::move(event));
        cv.notify_all();
      },
      [](Status) {});
  ASSERT_TRUE(subscription.ok()) << subscription.status().to_string();

  const std::string id = "event-" + random_hex();
  ASSERT_NO_FATAL_FAILURE(create(id, {"/bin/sh", "-c", "exit 5"}, {}));
  ASSERT_TRUE(client_->start_task(id).ok());
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, kExitTimeout, [&] { return !events.empty(); }))
        << "no /tasks/exit event";
    EXPECT_EQ(events.front().type, Event::Type::kTaskExit);
    EXPECT_EQ(events.front().topic, "/tasks/exit");
    EXPECT_EQ(events.front().ns, options().ns);
    EXPECT_EQ(events.front().container_id, id);
    EXPECT_EQ(events.front().exec_id, "");
    EXPECT_EQ(events.front().exit_code, 5u);
    EXPECT_GT(events.front().pid, 0u);
  }
  subscription->reset();
  ASSERT_NO_FATAL_FAILURE(remove(id));
}

TEST_F(ContainerdClientTest, ExecRunsBesideTheTaskAndKillEndsIt) {
  const std::string id = "exec-" + random_hex();
  ASSERT_NO_FATAL_FAILURE(create(id, {"/bin/busybox", "sleep", "300"}, {}));
  ASSERT_TRUE(client_->start_task(id).ok());

  // A wait with a short deadline ends with kUnavailable; the task runs on.
  const Status timed_out = client_->wait_task(id, "", 200ms).status();
  EXPECT_EQ(timed_out.code(), StatusCode::kUnavailable);
  EXPECT_NE(timed_out.message().find("DEADLINE_EXCEEDED"), std::string::npos)
      << timed_out.to_string();

  const std::string log = path("exec.log");
  ExecRequest exec{id, "probe-1", process_spec_json({"/bin/sh", "-c", "echo exec-$((6*7))"}),
                   TaskIO::combined_file(log)};
  ASSERT_OK(client_->exec_process(exec));
  auto exec_pid = client_->start_task(id, "probe-1");
  ASSERT_TRUE(exec_pid.ok()) << exec_pid.status().to_string();
  auto exec_exit = client_->wait_task(id, "probe-1", kExitTimeout);
  ASSERT_TRUE(exec_exit.ok()) << exec_exit.status().to_string();
  EXPECT_EQ(exec_exit->exit_code, 0u);
  ASSERT_TRUE(client_->delete_process(id, "probe-1").ok());
  EXPECT_EQ(read_file(log), "exec-42\n");

  std::mutex mu;
  std::condition_variable cv;
  std::optional<Result<ExitStatus>> async_exit;
  auto pending = client_->wait_task_async(id, "", kExitTimeout, [&](Result<ExitStatus> result) {
    std::lock_guard lock(mu);
    async_exit = std::move(result);
    cv.notify_all();
  });
  auto task = client_->get_task(id);
  ASSERT_TRUE(task.ok());
  EXPECT_EQ(task->status, ProcessStatus::kRunning);
  ASSERT_OK(client_->kill_task(id, SIGKILL));
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, kExitTimeout, [&] { return async_exit.has_value(); }));
    ASSERT_TRUE(async_exit->ok()) << async_exit->status().to_string();
    EXPECT_EQ((*async_exit)->exit_code, 128u + SIGKILL);
  }
  pending.reset();
  ASSERT_NO_FATAL_FAILURE(remove(id));
}

TEST_F(ContainerdClientTest, CancelledAsyncWaitReportsUnavailable) {
  const std::string id = "cancel-" + random_hex();
  ASSERT_NO_FATAL_FAILURE(create(id, {"/bin/busybox", "sleep", "300"}, {}));
  ASSERT_TRUE(client_->start_task(id).ok());
  std::optional<Status> outcome;
  auto pending = client_->wait_task_async(id, "", kExitTimeout, [&](Result<ExitStatus> result) {
    outcome = result.status();  // read after the handle is gone: no lock needed
  });
  pending->cancel();
  pending.reset();  // returns once the callback has run
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->code(), StatusCode::kUnavailable) << outcome->to_string();
  ASSERT_OK(client_->kill_task(id, SIGKILL, true));
  ASSERT_TRUE(client_->wait_task(id, "", kExitTimeout).ok());
  ASSERT_NO_FATAL_FAILURE(remove(id));
}

TEST_F(ContainerdClientTest, SeparateStdoutAndStderrFilesThroughPlainPaths) {
  const std::string id = "streams-" + random_hex();
  const std::string out = path("out.log");
  const std::string err = path("err.log");
  std::ofstream(out).close();  // the shim appends to existing regular files
  std::ofstream(err).close();
  TaskIO io;
  io.stdout_uri = out;
  io.stderr_uri = err;
  ASSERT_NO_FATAL_FAILURE(create(id, {"/bin/sh", "-c", "echo to-out; echo to-err >&2"}, io));
  ASSERT_TRUE(client_->start_task(id).ok());
  auto exit = client_->wait_task(id, "", kExitTimeout);
  ASSERT_TRUE(exit.ok()) << exit.status().to_string();
  ASSERT_NO_FATAL_FAILURE(remove(id));
  EXPECT_EQ(read_file(out), "to-out\n");
  EXPECT_EQ(read_file(err), "to-err\n");
}

TEST_F(ContainerdClientTest, CombinedFileTakesStderrToo) {
  const std::string id = "combined-" + random_hex();
  const std::string log = path("combined.log");
  ASSERT_NO_FATAL_FAILURE(create(id, {"/bin/sh", "-c", "echo one; sleep 0.2; echo two >&2"},
                                 TaskIO::combined_file(log)));
  ASSERT_TRUE(client_->start_task(id).ok());
  ASSERT_TRUE(client_->wait_task(id, "", kExitTimeout).ok());
  ASSERT_NO_FATAL_FAILURE(remove(id));
  EXPECT_EQ(read_file(log), "one\ntwo\n");
}

TEST_F(ContainerdClientTest, ContainersListByLabelAndGet) {
  for (const auto& [id, pod] : {std::pair{"list-a", "pod-a"}, std::pair{"list-b", "pod-b"}}) {
    Container container;
    container.id = id;
    container.oci_spec_json = oci_spec_json({"/bin/true"}, options().ns, id);
    container.labels = {{"herd.io/pod", pod}};
    auto created = client_->create_container(container);
    ASSERT_TRUE(created.ok()) << created.status().to_string();
    containers_.push_back(id);
    EXPECT_EQ(created->snapshotter, options().snapshotter);
  }
  auto listed = client_->list_containers({label_filter("herd.io/pod", "pod-b")});
  ASSERT_TRUE(listed.ok()) << listed.status().to_string();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().id, "list-b");
  auto all = client_->list_containers({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  auto got = client_->get_container("list-a");
  ASSERT_TRUE(got.ok()) << got.status().to_string();
  EXPECT_EQ(got->runtime, kRuncRuntime);
  EXPECT_EQ(got->labels.at("herd.io/pod"), "pod-a");
  EXPECT_NE(got->oci_spec_json.find("/bin/true"), std::string::npos);
  EXPECT_EQ(client_->create_container(*got).status().code(), StatusCode::kAlreadyExists);
  for (const char* id : {"list-a", "list-b"}) {
    ASSERT_OK(client_->delete_container(id));
    std::erase(containers_, id);
  }
  EXPECT_EQ(client_->get_container("list-a").status().code(), StatusCode::kNotFound);
}

TEST_F(ContainerdClientTest, SnapshotsStatAndAParentStaysWhileItHasAChild) {
  ASSERT_NO_FATAL_FAILURE(ensure_layer());
  auto layer = client_->stat_snapshot(kLayerSnapshot);
  ASSERT_TRUE(layer.ok()) << layer.status().to_string();
  EXPECT_EQ(layer->kind, SnapshotKind::kCommitted);
  EXPECT_EQ(layer->parent, "");
  auto view = client_->view_snapshot("a-view", kLayerSnapshot);
  ASSERT_TRUE(view.ok()) << view.status().to_string();
  snapshots_.push_back("a-view");
  EXPECT_FALSE(view->empty());
  auto stat = client_->stat_snapshot("a-view");
  ASSERT_TRUE(stat.ok());
  EXPECT_EQ(stat->kind, SnapshotKind::kView);
  EXPECT_EQ(stat->parent, kLayerSnapshot);
  auto mounts = client_->snapshot_mounts("a-view");
  ASSERT_TRUE(mounts.ok());
  EXPECT_EQ(*mounts, *view);
  EXPECT_EQ(client_->remove_snapshot(kLayerSnapshot).code(), StatusCode::kConflict);
  ASSERT_OK(client_->remove_snapshot("a-view"));
  std::erase(snapshots_, "a-view");
  EXPECT_EQ(client_->stat_snapshot("a-view").status().code(), StatusCode::kNotFound);
}

TEST_F(ContainerdClientTest, ErrorsNameTheCallAndTheSubject) {
  const Status status = client_->start_task("nosuch").status();
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_EQ(
      status.message().rfind("containerd Tasks.Start " + options().ns + "/nosuch: NOT_FOUND", 0),
      0u)
      << status.message();
}

}  // namespace
}  // namespace herd::runtime::containerd
