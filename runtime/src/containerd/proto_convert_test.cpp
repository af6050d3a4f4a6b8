#include "containerd/proto_convert.hpp"

#include <gtest/gtest.h>

#include "github.com/containerd/containerd/api/events/container.pb.h"
#include "github.com/containerd/containerd/api/events/task.pb.h"

namespace herd::runtime::containerd {
namespace {

namespace ev = pb::event_types;

template <class Message>
pb::events::Envelope envelope(const std::string& topic, const std::string& type_url,
                              const Message& message) {
  pb::events::Envelope envelope;
  envelope.set_topic(topic);
  envelope.set_namespace_("herd");
  envelope.mutable_timestamp()->set_seconds(1700000000);
  envelope.mutable_timestamp()->set_nanos(5000);
  envelope.mutable_event()->set_type_url(type_url);
  envelope.mutable_event()->set_value(message.SerializeAsString());
  return envelope;
}

TEST(ContainerdProtoConvert, DescriptorRoundTrips) {
  const Descriptor descriptor{"application/vnd.oci.image.layer.v1.tar",
                              "sha256:ab",
                              42,
                              {{"org.opencontainers.image.title", "x"}}};
  pb::types::Descriptor proto;
  to_proto(descriptor, &proto);
  EXPECT_EQ(proto.size(), 42);
  EXPECT_EQ(from_proto(proto), descriptor);
}

TEST(ContainerdProtoConvert, MountsRoundTrip) {
  const std::vector<Mount> mounts = {
      {"overlay", "overlay", "", {"lowerdir=/a", "upperdir=/b", "workdir=/c"}},
      {"bind", "/x", "/y", {"rbind", "ro"}}};
  google::protobuf::RepeatedPtrField<pb::types::Mount> proto;
  to_proto(mounts, &proto);
  ASSERT_EQ(proto.size(), 2);
  EXPECT_EQ(proto[0].options(1), "upperdir=/b");
  EXPECT_EQ(from_proto(proto), mounts);
}

TEST(ContainerdProtoConvert, ContainerSpecTravelsAsJsonInAnAny) {
  Container container;
  container.id = "abc";
  container.image = "busybox";
  container.oci_spec_json = R"({"ociVersion":"1.0.2"})";
  container.snapshotter = "overlayfs";
  container.snapshot_key = "abc-rootfs";
  container.labels = {{"herd.io/pod", "p"}};
  pb::containers::Container proto;
  to_proto(container, &proto);
  EXPECT_EQ(proto.spec().type_url(), "types.containerd.io/opencontainers/runtime-spec/1/Spec");
  EXPECT_EQ(proto.spec().value(), container.oci_spec_json);
  EXPECT_EQ(proto.runtime().name(), "io.containerd.runc.v2");
  const Container back = from_proto(proto);
  EXPECT_EQ(back.id, "abc");
  EXPECT_EQ(back.runtime, "io.containerd.runc.v2");
  EXPECT_EQ(back.oci_spec_json, container.oci_spec_json);
  EXPECT_EQ(back.snapshot_key, "abc-rootfs");
  EXPECT_EQ(back.labels, container.labels);
}

TEST(ContainerdProtoConvert, InitProcessHasNoExecId) {
  pb::task_types::Process process;
  process.set_container_id("abc");
  process.set_id("abc");
  process.set_pid(7);
  process.set_status(pb::task_types::STOPPED);
  process.set_exit_status(3);
  ProcessInfo info = from_proto(process);
  EXPECT_EQ(info.exec_id, "");
  EXPECT_EQ(info.status, ProcessStatus::kStopped);
  EXPECT_EQ(info.exit_code, 3u);
  process.set_id("exec1");
  EXPECT_EQ(from_proto(process).exec_id, "exec1");
}

TEST(ContainerdProtoConvert, ProcessWithoutContainerIdIsAnInitProcess) {
  pb::task_types::Process process;  // as Tasks.List of containerd 1.6 sends it
  process.set_id("abc");
  const ProcessInfo info = from_proto(process);
  EXPECT_EQ(info.container_id, "abc");
  EXPECT_EQ(info.exec_id, "");
}

TEST(ContainerdProtoConvert, SnapshotKinds) {
  pb::snapshots::Info info;
  info.set_name("k");
  info.set_parent("p");
  info.set_kind(pb::snapshots::COMMITTED);
  EXPECT_EQ(from_proto(info).kind, SnapshotKind::kCommitted);
  info.set_kind(pb::snapshots::ACTIVE);
  EXPECT_EQ(from_proto(info).kind, SnapshotKind::kActive);
  EXPECT_EQ(from_proto(info).parent, "p");
}

TEST(ContainerdProtoConvert, TaskExitDecodesFromContainerdsTypeUrl) {
  ev::TaskExit exit;
  exit.set_container_id("abc");
  exit.set_id("abc");
  exit.set_pid(42);
  exit.set_exit_status(3);
  exit.mutable_exited_at()->set_seconds(1700000001);
  auto event = decode_event(envelope("/tasks/exit", "containerd.events.TaskExit", exit));
  ASSERT_TRUE(event.ok()) << event.status().to_string();
  EXPECT_EQ(event->type, Event::Type::kTaskExit);
  EXPECT_EQ(event->topic, "/tasks/exit");
  EXPECT_EQ(event->ns, "herd");
  EXPECT_EQ(event->container_id, "abc");
  EXPECT_EQ(event->exec_id, "");
  EXPECT_EQ(event->pid, 42u);
  EXPECT_EQ(event->exit_code, 3u);
  EXPECT_EQ(event->exited_at, TimePoint(std::chrono::seconds(1700000001)));
  EXPECT_EQ(event->timestamp,
            TimePoint(std::chrono::seconds(1700000000)) + std::chrono::microseconds(5));
}

TEST(ContainerdProtoConvert, ExecExitKeepsItsExecId) {
  ev::TaskExit exit;
  exit.set_container_id("abc");
  exit.set_id("probe-1");
  auto event = decode_event(envelope("/tasks/exit", "containerd.events.TaskExit", exit));
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->exec_id, "probe-1");
}

TEST(ContainerdProtoConvert, OomAndContainerEventsDecode) {
  ev::TaskOOM oom;
  oom.set_container_id("abc");
  auto event = decode_event(envelope("/tasks/oom", "types.example/containerd.events.TaskOOM", oom));
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->type, Event::Type::kTaskOOM);
  EXPECT_EQ(event->container_id, "abc");

  ev::ContainerDelete deleted;
  deleted.set_id("c1");
  event =
      decode_event(envelope("/containers/delete", "containerd.events.ContainerDelete", deleted));
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->type, Event::Type::kContainerDelete);
  EXPECT_EQ(event->container_id, "c1");
}

TEST(ContainerdProtoConvert, UnknownTypeIsOtherWithTopic) {
  ev::TaskOOM oom;
  auto event = decode_event(envelope("/images/create", "containerd.events.ImageCreate", oom));
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->type, Event::Type::kOther);
  EXPECT_EQ(event->topic, "/images/create");
}

TEST(ContainerdProtoConvert, PayloadThatDoesNotParseIsCorrupt) {
  pb::events::Envelope bad;
  bad.set_topic("/tasks/exit");
  bad.mutable_event()->set_type_url("containerd.events.TaskExit");
  bad.mutable_event()->set_value("\xff\xff\xff");
  EXPECT_EQ(decode_event(bad).status().code(), StatusCode::kCorrupt);
}

TEST(ContainerdProtoConvert, TypeNameIsWhatFollowsTheLastSlash) {
  EXPECT_EQ(type_name_of("containerd.events.TaskExit"), "containerd.events.TaskExit");
  EXPECT_EQ(type_name_of("type.googleapis.com/a.B"), "a.B");
}

TEST(ContainerdClientHelpers, LabelFilterQuotesKeyAndValue) {
  EXPECT_EQ(label_filter("herd.io/pod", "default/web"), R"(labels."herd.io/pod"=="default/web")");
  EXPECT_EQ(label_filter("k", R"(a"b\c)"), R"(labels."k"=="a\"b\\c")");
}

TEST(ContainerdClientHelpers, CombinedFileUsesTheShimsFileScheme) {
  const TaskIO io = TaskIO::combined_file("/var/log/herd/x.log");
  EXPECT_EQ(io.stdout_uri, "file:///var/log/herd/x.log");
  EXPECT_EQ(io.stderr_uri, "file:///var/log/herd/x.log");
  EXPECT_EQ(io.stdin_path, "");
  EXPECT_FALSE(io.terminal);
}

TEST(ContainerdClientHelpers, ProcessStatusNames) {
  EXPECT_EQ(process_status_name(ProcessStatus::kRunning), "running");
  EXPECT_EQ(process_status_name(ProcessStatus::kStopped), "stopped");
  EXPECT_EQ(process_status_name(ProcessStatus::kUnknown), "unknown");
}

}  // namespace
}  // namespace herd::runtime::containerd
