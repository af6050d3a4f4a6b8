#include "containerd/connection.hpp"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

namespace herd::runtime::containerd {
namespace {

// containerd's own limit for messages it receives and sends (defaults.DefaultMaxRecvMsgSize).
constexpr int kMaxMessageBytes = 16 << 20;

}  // namespace

std::string grpc_target(const std::string& address) {
  if (!address.empty() && address.front() == '/') {
    return "unix://" + address;
  }
  return address;
}

std::shared_ptr<grpc::Channel> Connection::make_channel(const ContainerdOptions& options) {
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(kMaxMessageBytes);
  arguments.SetMaxSendMessageSize(kMaxMessageBytes);
  // A unix socket has no host name; containerd ignores the authority.
  arguments.SetString(GRPC_ARG_DEFAULT_AUTHORITY, "localhost");
  return grpc::CreateCustomChannel(grpc_target(options.address), grpc::InsecureChannelCredentials(),
                                   arguments);
}

Connection::Connection(ContainerdOptions options) : Connection(make_channel(options), options) {}

Connection::Connection(const std::shared_ptr<grpc::Channel>& channel,
                       const ContainerdOptions& options)
    : containers(pb::containers::Containers::NewStub(channel)),
      content(pb::content::Content::NewStub(channel)),
      diff(pb::diff::Diff::NewStub(channel)),
      events(pb::events::Events::NewStub(channel)),
      images(pb::images::Images::NewStub(channel)),
      leases(pb::leases::Leases::NewStub(channel)),
      namespaces(pb::namespaces::Namespaces::NewStub(channel)),
      snapshots(pb::snapshots::Snapshots::NewStub(channel)),
      tasks(pb::tasks::Tasks::NewStub(channel)),
      version(pb::version::Version::NewStub(channel)),
      options_(options),
      channel_(channel) {}

void Connection::prepare(grpc::ClientContext& context, std::chrono::milliseconds timeout,
                         const std::string& lease) const {
  add_headers(context, lease);
  context.set_deadline(std::chrono::system_clock::now() + timeout);
}

void Connection::add_headers(grpc::ClientContext& context, const std::string& lease) const {
  context.AddMetadata("containerd-namespace", options_.ns);
  if (!lease.empty()) {
    context.AddMetadata("containerd-lease", lease);
  }
}

}  // namespace herd::runtime::containerd
