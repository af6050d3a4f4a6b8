#include "containerd/grpc_containerd_client.hpp"

#include <ctime>

#include "containerd/proto_convert.hpp"

namespace herd::runtime::containerd {
namespace {

// containerd's garbage collector drops a lease once the time in this label
// (RFC 3339) has passed.
constexpr const char* kLeaseExpireLabel = "containerd.io/gc.expire";

std::string rfc3339_utc(std::chrono::system_clock::time_point when) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Image image_from_proto(const pb::images::Image& image) {
  return Image{image.name(), from_proto(image.target()), from_proto(image.labels())};
}

void image_to_proto(const Image& image, pb::images::Image* out) {
  out->set_name(image.name);
  to_proto(image.target, out->mutable_target());
  to_proto(image.labels, out->mutable_labels());
}

/// `text` as a double-quoted string of containerd's filter syntax.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

Result<std::unique_ptr<ContainerdClient>> ContainerdClient::connect(ContainerdOptions options) {
  if (options.address.empty()) {
    return Status::invalid_argument("containerd: no socket address");
  }
  if (options.ns.empty()) {
    return Status::invalid_argument("containerd: no namespace");
  }
  auto connection = std::make_shared<const Connection>(std::move(options));
  const auto& opts = connection->options();
  // The first call waits for the socket (wait_for_ready) up to connect_timeout,
  // rather than failing at once while the channel connects.
  grpc::ClientContext context;
  connection->prepare(context, opts.connect_timeout, "");
  context.set_wait_for_ready(true);
  google::protobuf::Empty request;
  pb::version::VersionResponse response;
  HERD_RETURN_IF_ERROR(from_grpc(connection->version->Version(&context, request, &response),
                                 "Version.Version", opts.ns, "")
                           .with_context("connect " + grpc_target(opts.address)));
  return std::unique_ptr<ContainerdClient>(
      std::make_unique<GrpcContainerdClient>(std::move(connection), ""));
}

GrpcContainerdClient::GrpcContainerdClient(std::shared_ptr<const Connection> connection,
                                           std::string lease)
    : ContainerdClient(connection->options()),
      conn_(std::move(connection)),
      lease_(std::move(lease)) {}

std::unique_ptr<ContainerdClient> GrpcContainerdClient::with_lease(std::string lease_id) const {
  return std::make_unique<GrpcContainerdClient>(conn_, std::move(lease_id));
}

Result<ContainerdVersion> GrpcContainerdClient::version() {
  google::protobuf::Empty request;
  pb::version::VersionResponse response;
  HERD_RETURN_IF_ERROR(unary("Version.Version", "", *conn_->version,
                             &pb::version::Version::Stub::Version, request, &response));
  return ContainerdVersion{response.version(), response.revision()};
}

Status GrpcContainerdClient::delete_namespace() {
  pb::namespaces::DeleteNamespaceRequest request;
  request.set_name(options().ns);
  google::protobuf::Empty response;
  return unary("Namespaces.Delete", "", *conn_->namespaces,
               &pb::namespaces::Namespaces::Stub::Delete, request, &response);
}

Status GrpcContainerdClient::create_lease(const std::string& id, std::chrono::seconds expire_after,
                                          const Labels& labels) {
  pb::leases::CreateRequest request;
  request.set_id(id);
  to_proto(labels, request.mutable_labels());
  if (expire_after.count() > 0) {
    (*request.mutable_labels())[kLeaseExpireLabel] =
        rfc3339_utc(std::chrono::system_clock::now() + expire_after);
  }
  pb::leases::CreateResponse response;
  return unary("Leases.Create", id, *conn_->leases, &pb::leases::Leases::Stub::Create, request,
               &response);
}

Status GrpcContainerdClient::delete_lease(const std::string& id, bool sync) {
  pb::leases::DeleteRequest request;
  request.set_id(id);
  request.set_sync(sync);
  google::protobuf::Empty response;
  return unary("Leases.Delete", id, *conn_->leases, &pb::leases::Leases::Stub::Delete, request,
               &response);
}

Result<Image> GrpcContainerdClient::create_image(const Image& image) {
  pb::images::CreateImageRequest request;
  image_to_proto(image, request.mutable_image());
  pb::images::CreateImageResponse response;
  HERD_RETURN_IF_ERROR(unary("Images.Create", image.name, *conn_->images,
                             &pb::images::Images::Stub::Create, request, &response));
  return image_from_proto(response.image());
}

Result<Image> GrpcContainerdClient::update_image(const Image& image) {
  pb::images::UpdateImageRequest request;
  image_to_proto(image, request.mutable_image());
  // Without a mask containerd replaces every field but the name and created_at;
  // naming target and labels says so explicitly.
  request.mutable_update_mask()->add_paths("target");
  request.mutable_update_mask()->add_paths("labels");
  pb::images::UpdateImageResponse response;
  HERD_RETURN_IF_ERROR(unary("Images.Update", image.name, *conn_->images,
                             &pb::images::Images::Stub::Update, request, &response));
  return image_from_proto(response.image());
}

Result<Image> GrpcContainerdClient::get_image(const std::string& name) {
  pb::images::GetImageRequest request;
  request.set_name(name);
  pb::images::GetImageResponse response;
  HERD_RETURN_IF_ERROR(unary("Images.Get", name, *conn_->images, &pb::images::Images::Stub::Get,
                             request, &response));
  return image_from_proto(response.image());
}

Status GrpcContainerdClient::delete_image(const std::string& name) {
  pb::images::DeleteImageRequest request;
  request.set_name(name);
  google::protobuf::Empty response;
  return unary("Images.Delete", name, *conn_->images, &pb::images::Images::Stub::Delete, request,
               &response);
}

std::string label_filter(std::string_view key, std::string_view value) {
  return "labels." + quoted(key) + "==" + quoted(value);
}

std::string_view process_status_name(ProcessStatus status) {
  switch (status) {
    case ProcessStatus::kCreated:
      return "created";
    case ProcessStatus::kRunning:
      return "running";
    case ProcessStatus::kStopped:
      return "stopped";
    case ProcessStatus::kPaused:
      return "paused";
    case ProcessStatus::kPausing:
      return "pausing";
    default:
      return "unknown";
  }
}

TaskIO TaskIO::combined_file(std::string_view path) {
  TaskIO io;
  io.stdout_uri = "file://" + std::string(path);
  io.stderr_uri = io.stdout_uri;
  return io;
}

}  // namespace herd::runtime::containerd
