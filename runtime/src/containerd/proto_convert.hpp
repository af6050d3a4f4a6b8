#pragma once

// Conversions between herd's containerd value types (containerd_client.hpp)
// and containerd's generated protos. Pure functions: no I/O.

#include <string_view>
#include <vector>

#include <google/protobuf/map.h>
#include <google/protobuf/repeated_ptr_field.h>
#include <google/protobuf/timestamp.pb.h>

#include "containerd/proto_namespaces.hpp"
#include "github.com/containerd/containerd/api/services/containers/v1/containers.pb.h"
#include "github.com/containerd/containerd/api/services/events/v1/events.pb.h"
#include "github.com/containerd/containerd/api/services/snapshots/v1/snapshots.pb.h"
#include "github.com/containerd/containerd/api/types/descriptor.pb.h"
#include "github.com/containerd/containerd/api/types/mount.pb.h"
#include "github.com/containerd/containerd/api/types/task/task.pb.h"
#include "herd/base/result.hpp"
#include "herd/runtime/containerd_client.hpp"

namespace herd::runtime::containerd {

using ProtoLabels = google::protobuf::Map<std::string, std::string>;

Labels from_proto(const ProtoLabels& labels);
void to_proto(const Labels& labels, ProtoLabels* out);

TimePoint from_proto(const google::protobuf::Timestamp& timestamp);

Descriptor from_proto(const pb::types::Descriptor& descriptor);
void to_proto(const Descriptor& descriptor, pb::types::Descriptor* out);

Mount from_proto(const pb::types::Mount& mount);
void to_proto(const Mount& mount, pb::types::Mount* out);
std::vector<Mount> from_proto(const google::protobuf::RepeatedPtrField<pb::types::Mount>& mounts);
void to_proto(const std::vector<Mount>& mounts,
              google::protobuf::RepeatedPtrField<pb::types::Mount>* out);

SnapshotInfo from_proto(const pb::snapshots::Info& info);

/// The spec travels as an Any of type kOciSpecTypeUrl whose value is the JSON.
Container from_proto(const pb::containers::Container& container);
void to_proto(const Container& container, pb::containers::Container* out);

/// exec_id is "" for the init process (containerd names it by the container id).
/// Without a container_id (containerd 1.6 sends none) the process is taken for an
/// init process: get_task of an exec sets both ids from its request.
ProcessInfo from_proto(const pb::task_types::Process& process);
ProcessStatus from_proto(pb::task_types::Status status);

/// The envelope's event decoded by its type URL; kOther (topic, namespace and time
/// only) for types herd does not decode, kCorrupt when the payload does not parse.
Result<Event> decode_event(const pb::events::Envelope& envelope);

/// The message name a type URL ends with: "containerd.events.TaskExit" for
/// "containerd.events.TaskExit" (containerd's own form) or "x.io/containerd.events.TaskExit".
std::string_view type_name_of(std::string_view type_url);

}  // namespace herd::runtime::containerd
