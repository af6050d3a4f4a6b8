// Container metadata calls. The OCI spec travels as an Any of type
// kOciSpecTypeUrl whose value is the spec's JSON, as containerd's typeurl
// registry encodes specs.Spec (proto_convert.cpp).

#include "containerd/grpc_containerd_client.hpp"
#include "containerd/proto_convert.hpp"

namespace herd::runtime::containerd {

Result<Container> GrpcContainerdClient::create_container(const Container& container) {
  pb::containers::CreateContainerRequest request;
  to_proto(container, request.mutable_container());
  if (container.snapshotter.empty()) {
    request.mutable_container()->set_snapshotter(options().snapshotter);
  }
  pb::containers::CreateContainerResponse response;
  HERD_RETURN_IF_ERROR(unary("Containers.Create", container.id, *conn_->containers,
                             &pb::containers::Containers::Stub::Create, request, &response));
  return from_proto(response.container());
}

Result<Container> GrpcContainerdClient::get_container(const std::string& id) {
  pb::containers::GetContainerRequest request;
  request.set_id(id);
  pb::containers::GetContainerResponse response;
  HERD_RETURN_IF_ERROR(unary("Containers.Get", id, *conn_->containers,
                             &pb::containers::Containers::Stub::Get, request, &response));
  return from_proto(response.container());
}

Result<std::vector<Container>> GrpcContainerdClient::list_containers(
    const std::vector<std::string>& filters) {
  pb::containers::ListContainersRequest request;
  for (const auto& filter : filters) {
    request.add_filters(filter);
  }
  pb::containers::ListContainersResponse response;
  HERD_RETURN_IF_ERROR(unary("Containers.List", "", *conn_->containers,
                             &pb::containers::Containers::Stub::List, request, &response));
  std::vector<Container> containers;
  containers.reserve(response.containers_size());
  for (const auto& container : response.containers()) {
    containers.push_back(from_proto(container));
  }
  return containers;
}

Status GrpcContainerdClient::delete_container(const std::string& id) {
  pb::containers::DeleteContainerRequest request;
  request.set_id(id);
  google::protobuf::Empty response;
  return unary("Containers.Delete", id, *conn_->containers,
               &pb::containers::Containers::Stub::Delete, request, &response);
}

}  // namespace herd::runtime::containerd
