// Snapshot and diff calls. Each snapshot call names ContainerdOptions::snapshotter.

#include "containerd/grpc_containerd_client.hpp"
#include "containerd/proto_convert.hpp"

namespace herd::runtime::containerd {

Result<std::vector<Mount>> GrpcContainerdClient::create_snapshot(bool view, const std::string& key,
                                                                 const std::string& parent,
                                                                 const Labels& labels) {
  // Prepare and View take the same four fields.
  auto fill = [&](auto& request) {
    request.set_snapshotter(options().snapshotter);
    request.set_key(key);
    request.set_parent(parent);
    to_proto(labels, request.mutable_labels());
  };
  if (view) {
    pb::snapshots::ViewSnapshotRequest request;
    fill(request);
    pb::snapshots::ViewSnapshotResponse response;
    HERD_RETURN_IF_ERROR(unary("Snapshots.View", key, *conn_->snapshots,
                               &pb::snapshots::Snapshots::Stub::View, request, &response));
    return from_proto(response.mounts());
  }
  pb::snapshots::PrepareSnapshotRequest request;
  fill(request);
  pb::snapshots::PrepareSnapshotResponse response;
  HERD_RETURN_IF_ERROR(unary("Snapshots.Prepare", key, *conn_->snapshots,
                             &pb::snapshots::Snapshots::Stub::Prepare, request, &response));
  return from_proto(response.mounts());
}

Result<std::vector<Mount>> GrpcContainerdClient::prepare_snapshot(const std::string& key,
                                                                  const std::string& parent,
                                                                  const Labels& labels) {
  return create_snapshot(false, key, parent, labels);
}

Result<std::vector<Mount>> GrpcContainerdClient::view_snapshot(const std::string& key,
                                                               const std::string& parent,
                                                               const Labels& labels) {
  return create_snapshot(true, key, parent, labels);
}

Result<std::vector<Mount>> GrpcContainerdClient::snapshot_mounts(const std::string& key) {
  pb::snapshots::MountsRequest request;
  request.set_snapshotter(options().snapshotter);
  request.set_key(key);
  pb::snapshots::MountsResponse response;
  HERD_RETURN_IF_ERROR(unary("Snapshots.Mounts", key, *conn_->snapshots,
                             &pb::snapshots::Snapshots::Stub::Mounts, request, &response));
  return from_proto(response.mounts());
}

Status GrpcContainerdClient::commit_snapshot(const std::string& name, const std::string& key,
                                             const Labels& labels) {
  pb::snapshots::CommitSnapshotRequest request;
  request.set_snapshotter(options().snapshotter);
  request.set_name(name);
  request.set_key(key);
  to_proto(labels, request.mutable_labels());
  google::protobuf::Empty response;
  return unary("Snapshots.Commit", key, *conn_->snapshots, &pb::snapshots::Snapshots::Stub::Commit,
               request, &response);
}

Result<SnapshotInfo> GrpcContainerdClient::stat_snapshot(const std::string& key) {
  pb::snapshots::StatSnapshotRequest request;
  request.set_snapshotter(options().snapshotter);
  request.set_key(key);
  pb::snapshots::StatSnapshotResponse response;
  HERD_RETURN_IF_ERROR(unary("Snapshots.Stat", key, *conn_->snapshots,
                             &pb::snapshots::Snapshots::Stub::Stat, request, &response));
  return from_proto(response.info());
}

Status GrpcContainerdClient::remove_snapshot(const std::string& key) {
  pb::snapshots::RemoveSnapshotRequest request;
  request.set_snapshotter(options().snapshotter);
  request.set_key(key);
  google::protobuf::Empty response;
  return unary("Snapshots.Remove", key, *conn_->snapshots, &pb::snapshots::Snapshots::Stub::Remove,
               request, &response);
}

Result<Descriptor> GrpcContainerdClient::apply_diff(const Descriptor& layer,
                                                    const std::vector<Mount>& mounts) {
  pb::diff::ApplyRequest request;
  to_proto(layer, request.mutable_diff());
  to_proto(mounts, request.mutable_mounts());
  pb::diff::ApplyResponse response;
  HERD_RETURN_IF_ERROR(unary("Diff.Apply", layer.digest, *conn_->diff, &pb::diff::Diff::Stub::Apply,
                             request, &response));
  return from_proto(response.applied());
}

}  // namespace herd::runtime::containerd
