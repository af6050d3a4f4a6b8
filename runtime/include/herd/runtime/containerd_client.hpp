#pragma once

// ContainerdClient: the calls herd's node runtime makes to containerd (1.6)
// over its gRPC socket, in herd's own value types. gRPC and containerd's
// protos stay behind it, in runtime/src/containerd/ (STYLE.md 2.1).
//
// What a pod's container takes, in call order (with_lease around the first
// three, so nothing is garbage collected half way):
//
//   write_blob (config, layers) ─► create_image ─► prepare_snapshot + apply_diff
//   + commit_snapshot per layer ─► prepare_snapshot (the container's rootfs)
//   ─► create_container ─► create_task ─► start_task ─► wait_task / events
//   ─► kill_task ─► delete_task ─► delete_container ─► remove_snapshot
//
// Every call sends the `containerd-namespace` header (ContainerdOptions::ns),
// a `containerd-lease` header when made through with_lease(), and a deadline:
// ContainerdOptions::call_timeout unless the call takes its own. A failure is
// a Status whose message names the call, the subject and gRPC's code:
//
//   containerd Tasks.Start herd/abc: NOT_FOUND: container "abc" in namespace "herd": not found
//
// with gRPC's code mapped: NOT_FOUND → kNotFound, ALREADY_EXISTS → kAlreadyExists,
// FAILED_PRECONDITION and ABORTED → kConflict, INVALID_ARGUMENT and OUT_OF_RANGE →
// kInvalidArgument, UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED and RESOURCE_EXHAUSTED →
// kUnavailable, UNIMPLEMENTED → kUnimplemented, DATA_LOSS → kCorrupt, anything else →
// kInternal.
//
// Thread safety: a client and the clients with_lease() makes of it may be used
// from any number of threads at once; they share one connection.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "herd/base/result.hpp"
#include "herd/base/status.hpp"

namespace herd::runtime::containerd {

using Labels = std::map<std::string, std::string>;
using TimePoint = std::chrono::system_clock::time_point;

inline constexpr std::string_view kRuncRuntime = "io.containerd.runc.v2";
/// The type URL containerd gives an OCI runtime spec (its value is the JSON).
inline constexpr std::string_view kOciSpecTypeUrl =
    "types.containerd.io/opencontainers/runtime-spec/1/Spec";
/// The type URL of an exec's OCI process spec (its value is the JSON).
inline constexpr std::string_view kOciProcessTypeUrl =
    "types.containerd.io/opencontainers/runtime-spec/1/Process";

struct ContainerdOptions {
  /// "unix:///run/containerd/containerd.sock"; a bare absolute path means unix://path.
  std::string address;
  /// containerd namespace of every object the client touches.
  std::string ns = "herd";
  /// Snapshotter of the snapshot calls and of created containers. "overlayfs" works where
  /// containerd's root is on ext4/xfs; "native" (plain copies) works everywhere.
  std::string snapshotter = "overlayfs";
  /// Deadline of each unary call.
  std::chrono::milliseconds call_timeout{30'000};
  /// Deadline of a whole blob write or read (a content stream).
  std::chrono::milliseconds transfer_timeout{600'000};
  /// How long connect() waits for the socket to answer.
  std::chrono::milliseconds connect_timeout{5'000};
};

/// A content-addressed blob (the OCI descriptor).
struct Descriptor {
  std::string media_type;  ///< e.g. "application/vnd.oci.image.layer.v1.tar"
  std::string digest;      ///< "sha256:<64 hex>"
  int64_t size = 0;
  Labels annotations;
  bool operator==(const Descriptor&) const = default;
};

/// A mount as containerd describes a snapshot (overlay, bind, ...).
struct Mount {
  std::string type;
  std::string source;
  std::string target;
  std::vector<std::string> options;
  bool operator==(const Mount&) const = default;
};

struct ContainerdVersion {
  std::string version;  ///< e.g. "1.6.20~ds1"
  std::string revision;
};

struct ContentInfo {
  std::string digest;
  int64_t size = 0;
  Labels labels;
};

/// A named image: its name ("docker.io/library/busybox:1.36") points at a manifest.
struct Image {
  std::string name;
  Descriptor target;
  Labels labels;
};

enum class SnapshotKind { kUnknown, kView, kActive, kCommitted };

struct SnapshotInfo {
  std::string name;
  std::string parent;  ///< "" for a bottom layer.
  SnapshotKind kind = SnapshotKind::kUnknown;
  Labels labels;
};

/// A container's metadata (what runs comes with its task).
struct Container {
  std::string id;
  std::string image;  ///< informational
  std::string runtime = std::string(kRuncRuntime);
  std::string oci_spec_json;  ///< the OCI runtime spec, as JSON
  std::string snapshotter;    ///< "" on create: ContainerdOptions::snapshotter
  std::string snapshot_key;   ///< the active snapshot of its rootfs
  Labels labels;
};

/// Where a process's standard streams go, as the runc shim (containerd 1.6) reads them:
///   "file:///abs/path"  appended to that file (created if missing); the shim writes
///                       stderr into stdout's file then, whatever `stderr` says;
///   "/abs/path"         an existing FIFO, or an existing regular file (appended to);
///   ""                  discarded (stdin: none).
struct TaskIO {
  std::string stdin_path;
  std::string stdout_uri;
  std::string stderr_uri;
  bool terminal = false;
  /// Both streams appended to `path` through the shim's file:// scheme.
  static TaskIO combined_file(std::string_view path);
};

enum class ProcessStatus { kUnknown, kCreated, kRunning, kStopped, kPaused, kPausing };

/// A task's init process (exec_id "") or an exec'd process.
struct ProcessInfo {
  std::string container_id;
  std::string exec_id;
  uint32_t pid = 0;
  ProcessStatus status = ProcessStatus::kUnknown;
  uint32_t exit_code = 0;  ///< valid when status is kStopped
  TimePoint exited_at{};
};

/// A process's end: its exit code (128 + n when killed by signal n, as a shell reports).
struct ExitStatus {
  uint32_t exit_code = 0;
  TimePoint exited_at{};
};

struct CreateTaskRequest {
  std::string container_id;
  std::vector<Mount> rootfs;  ///< the container snapshot's mounts
  TaskIO io;
};

struct ExecRequest {
  std::string container_id;
  std::string exec_id;            ///< unique within the container
  std::string process_spec_json;  ///< an OCI "process" object, as JSON
  TaskIO io;
};

/// One event from containerd's event stream, decoded.
struct Event {
  enum class Type {
    kTaskCreate,
    kTaskStart,
    kTaskExit,
    kTaskOOM,
    kTaskDelete,
    kTaskExecAdded,
    kTaskExecStarted,
    kTaskPaused,
    kTaskResumed,
    kContainerCreate,
    kContainerUpdate,
    kContainerDelete,
    kOther,  ///< any other topic: only `topic`, `ns` and `timestamp` are set
  };
  Type type = Type::kOther;
  std::string topic;  ///< e.g. "/tasks/exit"
  std::string ns;
  TimePoint timestamp{};
  std::string container_id;
  std::string exec_id;  ///< "" for a task's init process
  uint32_t pid = 0;
  uint32_t exit_code = 0;  ///< kTaskExit, kTaskDelete
  TimePoint exited_at{};   ///< kTaskExit, kTaskDelete
};

/// A running asynchronous call. Destroying it cancels the call and waits until its
/// callback has run (inside the callback itself it does not wait), so nothing the
/// callback uses is touched after the handle is gone.
class PendingCall {
 public:
  virtual ~PendingCall() = default;
  /// Asks for the call to end early; its callback then gets kUnavailable ("CANCELLED").
  virtual void cancel() = 0;
};

/// A live event subscription. Destroying it ends the stream and joins its thread;
/// Requires: not destroyed inside its callbacks.
class EventSubscription {
 public:
  virtual ~EventSubscription() = default;
};

/// Writes one blob into the content store (Content.Write). Not thread-safe: one writer,
/// one thread. Destroying it without commit leaves the partial data under its ref;
/// opening the same ref again starts over.
class ContentWriter {
 public:
  virtual ~ContentWriter() = default;
  /// Appends `data`. Fails with the stream's Status; the writer is then unusable.
  virtual Status write(std::string_view data) = 0;
  /// Commits with `labels`; containerd checks size and digest (kCorrupt/kInvalidArgument
  /// when they do not match; kAlreadyExists when the blob arrived meanwhile).
  virtual Status commit(const Labels& labels) = 0;
  virtual int64_t written() const = 0;
};

class ContainerdClient {
 public:
  virtual ~ContainerdClient() = default;

  /// Connects to options.address and checks that containerd answers (Version);
  /// kUnavailable when nothing answers within options.connect_timeout.
  static Result<std::unique_ptr<ContainerdClient>> connect(ContainerdOptions options);

  const ContainerdOptions& options() const { return options_; }
  /// A client on the same connection whose every call runs in lease `lease_id`.
  virtual std::unique_ptr<ContainerdClient> with_lease(std::string lease_id) const = 0;

  virtual Result<ContainerdVersion> version() = 0;
  /// Deletes this client's namespace; kConflict while anything is left in it.
  virtual Status delete_namespace() = 0;

  // --- leases: while one exists, what was made in it is not garbage collected.
  /// Creates lease `id`; with `expire_after` > 0 containerd drops it after that long.
  virtual Status create_lease(const std::string& id, std::chrono::seconds expire_after,
                              const Labels& labels = {}) = 0;
  /// Deletes the lease; with `sync`, returns only after the garbage collection it allows.
  virtual Status delete_lease(const std::string& id, bool sync = false) = 0;

  // --- content store
  /// Starts writing the blob `expected` (digest and size) under `ref`, a name for the
  /// upload that stays the same across retries. kAlreadyExists when the store has it.
  virtual Result<std::unique_ptr<ContentWriter>> open_writer(const std::string& ref,
                                                             const Descriptor& expected) = 0;
  /// open_writer + write + commit in one; OK too when the blob was already there.
  virtual Status write_blob(const std::string& ref, const Descriptor& expected,
                            std::string_view data, const Labels& labels = {}) = 0;
  /// kNotFound when the store does not have `digest`.
  virtual Result<ContentInfo> content_info(const std::string& digest) = 0;
  virtual Result<bool> has_content(const std::string& digest) = 0;
  /// Reads a whole blob (meant for manifests and configs, not layers).
  virtual Result<std::string> read_blob(const std::string& digest) = 0;
  virtual Status delete_content(const std::string& digest) = 0;

  // --- images
  virtual Result<Image> create_image(const Image& image) = 0;
  /// Replaces target and labels of the existing image `image.name`.
  virtual Result<Image> update_image(const Image& image) = 0;
  virtual Result<Image> get_image(const std::string& name) = 0;
  virtual Status delete_image(const std::string& name) = 0;

  // --- snapshots (ContainerdOptions::snapshotter)
  /// Makes active snapshot `key` on top of committed `parent` ("" for none); returns
  /// the mounts that show it.
  virtual Result<std::vector<Mount>> prepare_snapshot(const std::string& key,
                                                      const std::string& parent,
                                                      const Labels& labels = {}) = 0;
  /// Like prepare_snapshot, read-only.
  virtual Result<std::vector<Mount>> view_snapshot(const std::string& key,
                                                   const std::string& parent,
                                                   const Labels& labels = {}) = 0;
  virtual Result<std::vector<Mount>> snapshot_mounts(const std::string& key) = 0;
  /// Commits active snapshot `key` as `name` (which later snapshots name as parent).
  virtual Status commit_snapshot(const std::string& name, const std::string& key,
                                 const Labels& labels = {}) = 0;
  virtual Result<SnapshotInfo> stat_snapshot(const std::string& key) = 0;
  /// kConflict while a snapshot has children.
  virtual Status remove_snapshot(const std::string& key) = 0;

  // --- diff
  /// Unpacks the layer `layer` (in the content store; tar, optionally gzip) onto
  /// `mounts`; returns the descriptor of the uncompressed tar it applied.
  virtual Result<Descriptor> apply_diff(const Descriptor& layer,
                                        const std::vector<Mount>& mounts) = 0;

  // --- containers
  virtual Result<Container> create_container(const Container& container) = 0;
  virtual Result<Container> get_container(const std::string& id) = 0;
  /// Containers matching any of `filters` (containerd's filter syntax, e.g.
  /// label_filter("herd.io/pod", "abc")); all when empty.
  virtual Result<std::vector<Container>> list_containers(
      const std::vector<std::string>& filters) = 0;
  virtual Status delete_container(const std::string& id) = 0;

  // --- tasks and execs ("" exec_id means the task's init process)
  /// Creates the task (runc create: the process exists, stopped); returns its pid.
  virtual Result<uint32_t> create_task(const CreateTaskRequest& request) = 0;
  /// Starts the task's init process or exec `exec_id`; returns its pid.
  virtual Result<uint32_t> start_task(const std::string& container_id,
                                      const std::string& exec_id = "") = 0;
  /// Sends `signal`; with `all`, to every process of the container.
  virtual Status kill_task(const std::string& container_id, int signal, bool all = false,
                           const std::string& exec_id = "") = 0;
  /// Blocks until the process exits (or returns at once when it has); kUnavailable
  /// after `timeout`.
  virtual Result<ExitStatus> wait_task(const std::string& container_id, const std::string& exec_id,
                                       std::chrono::milliseconds timeout) = 0;
  /// wait_task without blocking: `done` runs once, on a gRPC thread, with the exit or
  /// the failure (kUnavailable after `timeout` or cancel()).
  virtual std::unique_ptr<PendingCall> wait_task_async(
      const std::string& container_id, const std::string& exec_id,
      std::chrono::milliseconds timeout, std::function<void(Result<ExitStatus>)> done) = 0;
  virtual Result<ProcessInfo> get_task(const std::string& container_id,
                                       const std::string& exec_id = "") = 0;
  /// Tasks (init processes) of the namespace.
  virtual Result<std::vector<ProcessInfo>> list_tasks() = 0;
  /// Deletes a stopped task (kConflict while it runs); returns how it exited.
  virtual Result<ExitStatus> delete_task(const std::string& container_id) = 0;
  /// Adds exec process `request.exec_id` to the running task; start it with start_task.
  virtual Status exec_process(const ExecRequest& request) = 0;
  virtual Result<ExitStatus> delete_process(const std::string& container_id,
                                            const std::string& exec_id) = 0;

  // --- events
  /// Subscribes to this namespace's events matching any of `filters` (e.g.
  /// topic=="/tasks/exit"; all when empty). Returns once the stream is live, so no
  /// event after the return is missed. `on_event` runs on the subscription's own
  /// thread, one event at a time; `on_end` runs there once if the stream breaks
  /// (containerd gone), never after the subscription is destroyed.
  virtual Result<std::unique_ptr<EventSubscription>> subscribe(
      const std::vector<std::string>& filters, std::function<void(Event)> on_event,
      std::function<void(Status)> on_end) = 0;

 protected:
  explicit ContainerdClient(ContainerdOptions options) : options_(std::move(options)) {}

 private:
  ContainerdOptions options_;
};

/// The filter `labels."<key>"=="<value>"` (quoted and escaped as containerd's parser reads it).
std::string label_filter(std::string_view key, std::string_view value);

/// "unknown", "created", "running", "stopped", "paused" or "pausing", for messages.
std::string_view process_status_name(ProcessStatus status);

}  // namespace herd::runtime::containerd
