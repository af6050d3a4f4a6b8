#include "containerd/proto_convert.hpp"

#include <string>

#include "github.com/containerd/containerd/api/events/container.pb.h"
#include "github.com/containerd/containerd/api/events/task.pb.h"

namespace herd::runtime::containerd {
namespace {

namespace ev = pb::event_types;

/// The init process's exec id is its container id in containerd's messages.
std::string exec_id_of(const std::string& container_id, const std::string& id) {
  return id == container_id ? std::string() : id;
}

/// When `type` names message M: parses the payload into M and lets `fill` copy its
/// fields into `event` (or sets `status` when it does not parse). False otherwise.
template <class M, class Fill>
bool decode_as(std::string_view type, const google::protobuf::Any& any, Event& event,
               Status& status, Event::Type event_type, Fill fill) {
  if (type != M::descriptor()->full_name()) {
    return false;
  }
  M message;
  if (!message.ParseFromString(any.value())) {
    status = Status::corrupt("containerd event " + any.type_url() + ": payload does not parse");
    return true;
  }
  event.type = event_type;
  fill(message, event);
  return true;
}

Status decode_payload(std::string_view type, const google::protobuf::Any& any, Event& e) {
  using T = Event::Type;
  Status s;
  (void)(decode_as<ev::TaskExit>(type, any, e, s, T::kTaskExit,
                                 [](const ev::TaskExit& m, Event& e) {
                                   e.container_id = m.container_id();
                                   e.exec_id = exec_id_of(m.container_id(), m.id());
                                   e.pid = m.pid();
                                   e.exit_code = m.exit_status();
                                   e.exited_at = from_proto(m.exited_at());
                                 }) ||
         decode_as<ev::TaskOOM>(
             type, any, e, s, T::kTaskOOM,
             [](const ev::TaskOOM& m, Event& e) { e.container_id = m.container_id(); }) ||
         decode_as<ev::TaskCreate>(type, any, e, s, T::kTaskCreate,
                                   [](const ev::TaskCreate& m, Event& e) {
                                     e.container_id = m.container_id();
                                     e.pid = m.pid();
                                   }) ||
         decode_as<ev::TaskStart>(type, any, e, s, T::kTaskStart,
                                  [](const ev::TaskStart& m, Event& e) {
                                    e.container_id = m.container_id();
                                    e.pid = m.pid();
                                  }) ||
         decode_as<ev::TaskDelete>(type, any, e, s, T::kTaskDelete,
                                   [](const ev::TaskDelete& m, Event& e) {
                                     e.container_id = m.container_id();
                                     e.exec_id = exec_id_of(m.container_id(), m.id());
                                     e.pid = m.pid();
                                     e.exit_code = m.exit_status();
                                     e.exited_at = from_proto(m.exited_at());
                                   }) ||
         decode_as<ev::TaskExecAdded>(type, any, e, s, T::kTaskExecAdded,
                                      [](const ev::TaskExecAdded& m, Event& e) {
                                        e.container_id = m.container_id();
                                        e.exec_id = m.exec_id();
                                      }) ||
         decode_as<ev::TaskExecStarted>(type, any, e, s, T::kTaskExecStarted,
                                        [](const ev::TaskExecStarted& m, Event& e) {
                                          e.container_id = m.container_id();
                                          e.exec_id = m.exec_id();
                                          e.pid = m.pid();
                                        }) ||
         decode_as<ev::TaskPaused>(
             type, any, e, s, T::kTaskPaused,
             [](const ev::TaskPaused& m, Event& e) { e.container_id = m.container_id(); }) ||
         decode_as<ev::TaskResumed>(
             type, any, e, s, T::kTaskResumed,
             [](const ev::TaskResumed& m, Event& e) { e.container_id = m.container_id(); }) ||
         decode_as<ev::ContainerCreate>(
             type, any, e, s, T::kContainerCreate,
             [](const ev::ContainerCreate& m, Event& e) { e.container_id = m.id(); }) ||
         decode_as<ev::ContainerUpdate>(
             type, any, e, s, T::kContainerUpdate,
             [](const ev::ContainerUpdate& m, Event& e) { e.container_id = m.id(); }) ||
         decode_as<ev::ContainerDelete>(
             type, any, e, s, T::kContainerDelete,
             [](const ev::ContainerDelete& m, Event& e) { e.container_id = m.id(); }));
  return s;
}

}  // namespace

Labels from_proto(const ProtoLabels& labels) { return Labels(labels.begin(), labels.end()); }

void to_proto(const Labels& labels, ProtoLabels* out) {
  out->clear();
  for (const auto& [key, value] : labels) {
    (*out)[key] = value;
  }
}

TimePoint from_proto(const google::protobuf::Timestamp& timestamp) {
  return TimePoint(std::chrono::duration_cast<TimePoint::duration>(
      std::chrono::seconds(timestamp.seconds()) + std::chrono::nanoseconds(timestamp.nanos())));
}

Descriptor from_proto(const pb::types::Descriptor& descriptor) {
  return Descriptor{descriptor.media_type(), descriptor.digest(), descriptor.size(),
                    from_proto(descriptor.annotations())};
}

void to_proto(const Descriptor& descriptor, pb::types::Descriptor* out) {
  out->set_media_type(descriptor.media_type);
  out->set_digest(descriptor.digest);
  out->set_size(descriptor.size);
  to_proto(descriptor.annotations, out->mutable_annotations());
}

Mount from_proto(const pb::types::Mount& mount) {
  return Mount{mount.type(), mount.source(), mount.target(),
               std::vector<std::string>(mount.options().begin(), mount.options().end())};
}

void to_proto(const Mount& mount, pb::types::Mount* out) {
  out->set_type(mount.type);
  out->set_source(mount.source);
  out->set_target(mount.target);
  out->clear_options();
  for (const auto& option : mount.options) {
    out->add_options(option);
  }
}

std::vector<Mount> from_proto(const google::protobuf::RepeatedPtrField<pb::types::Mount>& mounts) {
  std::vector<Mount> result;
  result.reserve(mounts.size());
  for (const auto& mount : mounts) {
    result.push_back(from_proto(mount));
  }
  return result;
}

void to_proto(const std::vector<Mount>& mounts,
              google::protobuf::RepeatedPtrField<pb::types::Mount>* out) {
  out->Clear();
  for (const auto& mount : mounts) {
    to_proto(mount, out->Add());
  }
}

SnapshotInfo from_proto(const pb::snapshots::Info& info) {
  SnapshotInfo result;
  result.name = info.name();
  result.parent = info.parent();
  switch (info.kind()) {
    case pb::snapshots::VIEW:
      result.kind = SnapshotKind::kView;
      break;
    case pb::snapshots::ACTIVE:
      result.kind = SnapshotKind::kActive;
      break;
    case pb::snapshots::COMMITTED:
      result.kind = SnapshotKind::kCommitted;
      break;
    default:
      result.kind = SnapshotKind::kUnknown;
      break;
  }
  result.labels = from_proto(info.labels());
  return result;
}

Container from_proto(const pb::containers::Container& container) {
  Container result;
  result.id = container.id();
  result.image = container.image();
  result.runtime = container.runtime().name();
  result.oci_spec_json = container.spec().value();
  result.snapshotter = container.snapshotter();
  result.snapshot_key = container.snapshot_key();
  result.labels = from_proto(container.labels());
  return result;
}

void to_proto(const Container& container, pb::containers::Container* out) {
  out->set_id(container.id);
  out->set_image(container.image);
  out->mutable_runtime()->set_name(container.runtime);
  out->mutable_spec()->set_type_url(std::string(kOciSpecTypeUrl));
  out->mutable_spec()->set_value(container.oci_spec_json);
  out->set_snapshotter(container.snapshotter);
  out->set_snapshot_key(container.snapshot_key);
  to_proto(container.labels, out->mutable_labels());
}

ProcessStatus from_proto(pb::task_types::Status status) {
  switch (status) {
    case pb::task_types::CREATED:
      return ProcessStatus::kCreated;
    case pb::task_types::RUNNING:
      return ProcessStatus::kRunning;
    case pb::task_types::STOPPED:
      return ProcessStatus::kStopped;
    case pb::task_types::PAUSED:
      return ProcessStatus::kPaused;
    case pb::task_types::PAUSING:
      return ProcessStatus::kPausing;
    default:
      return ProcessStatus::kUnknown;
  }
}

ProcessInfo from_proto(const pb::task_types::Process& process) {
  ProcessInfo result;
  // containerd 1.6 leaves container_id empty in Tasks.Get and Tasks.List; what
  // it lists are init processes, named by their container id.
  result.container_id = process.container_id().empty() ? process.id() : process.container_id();
  result.exec_id = exec_id_of(result.container_id, process.id());
  result.pid = process.pid();
  result.status = from_proto(process.status());
  result.exit_code = process.exit_status();
  result.exited_at = from_proto(process.exited_at());
  return result;
}

std::string_view type_name_of(std::string_view type_url) {
  const auto slash = type_url.rfind('/');
  return slash == std::string_view::npos ? type_url : type_url.substr(slash + 1);
}

Result<Event> decode_event(const pb::events::Envelope& envelope) {
  Event event;
  event.topic = envelope.topic();
  event.ns = envelope.namespace_();
  event.timestamp = from_proto(envelope.timestamp());
  const auto type = type_name_of(envelope.event().type_url());
  HERD_RETURN_IF_ERROR(decode_payload(type, envelope.event(), event));
  return event;
}

}  // namespace herd::runtime::containerd
