#pragma once

// Connection: the gRPC channel to one containerd and a stub per service,
// shared by a ContainerdClient and the clients with_lease() makes of it.
// Immutable once built; every member may be used from any thread.

#include <chrono>
#include <memory>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "containerd/proto_namespaces.hpp"
#include "github.com/containerd/containerd/api/services/containers/v1/containers.grpc.pb.h"
#include "github.com/containerd/containerd/api/services/content/v1/content.grpc.pb.h"
#include "github.com/containerd/containerd/api/services/diff/v1/diff.grpc.pb.h"
#include "github.com/containerd/containerd/api/services/events/v1/events.grpc.pb.h"
#include "github.com/containerd/containerd/api/services/images/v1/images.grpc.pb.h"
#include "github.com/containerd/containerd/api/services/leases/v1/leases.grpc.pb.h"
#include "github.com/containerd/containerd/api/services/namespaces/v1/namespace.grpc.pb.h"
#include "github.com/containerd/containerd/api/services/snapshots/v1/snapshots.grpc.pb.h"
#include "github.com/containerd/containerd/api/services/tasks/v1/tasks.grpc.pb.h"
#include "github.com/containerd/containerd/api/services/version/v1/version.grpc.pb.h"
#include "herd/runtime/containerd_client.hpp"

namespace herd::runtime::containerd {

/// The gRPC target for an address: "unix:///x" as given, "/x" as "unix:///x".
std::string grpc_target(const std::string& address);

class Connection {
 public:
  explicit Connection(ContainerdOptions options);

  const ContainerdOptions& options() const { return options_; }
  grpc::Channel& channel() const { return *channel_; }

  /// Sets the namespace header, the lease header (unless `lease` is ""), and a
  /// deadline `timeout` from now on `context`.
  void prepare(grpc::ClientContext& context, std::chrono::milliseconds timeout,
               const std::string& lease) const;
  /// The headers only: for the event stream, which has no deadline.
  void add_headers(grpc::ClientContext& context, const std::string& lease) const;

  const std::unique_ptr<pb::containers::Containers::Stub> containers;
  const std::unique_ptr<pb::content::Content::Stub> content;
  const std::unique_ptr<pb::diff::Diff::Stub> diff;
  const std::unique_ptr<pb::events::Events::Stub> events;
  const std::unique_ptr<pb::images::Images::Stub> images;
  const std::unique_ptr<pb::leases::Leases::Stub> leases;
  const std::unique_ptr<pb::namespaces::Namespaces::Stub> namespaces;
  const std::unique_ptr<pb::snapshots::Snapshots::Stub> snapshots;
  const std::unique_ptr<pb::tasks::Tasks::Stub> tasks;
  const std::unique_ptr<pb::version::Version::Stub> version;

 private:
  Connection(const std::shared_ptr<grpc::Channel>& channel, const ContainerdOptions& options);
  static std::shared_ptr<grpc::Channel> make_channel(const ContainerdOptions& options);

  ContainerdOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace herd::runtime::containerd
