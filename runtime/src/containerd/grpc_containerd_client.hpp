#pragma once

// GrpcContainerdClient: ContainerdClient over containerd's gRPC API. The
// methods are spread over one .cpp per service group:
//   grpc_containerd_client.cpp  connect, version, namespace, leases, images
//   content_client.cpp          content store (ContentWriter)
//   snapshot_client.cpp         snapshots and diff
//   container_client.cpp        containers
//   task_client.cpp             tasks, execs, waits
//   event_subscription.cpp      events

#include <memory>
#include <string>
#include <string_view>

#include "containerd/connection.hpp"
#include "containerd/grpc_status.hpp"
#include "herd/runtime/containerd_client.hpp"

namespace herd::runtime::containerd {

class GrpcContainerdClient final : public ContainerdClient {
 public:
  /// `lease` "" means no lease header.
  GrpcContainerdClient(std::shared_ptr<const Connection> connection, std::string lease);

  std::unique_ptr<ContainerdClient> with_lease(std::string lease_id) const override;

  Result<ContainerdVersion> version() override;
  Status delete_namespace() override;

  Status create_lease(const std::string& id, std::chrono::seconds expire_after,
                      const Labels& labels) override;
  Status delete_lease(const std::string& id, bool sync) override;

  Result<std::unique_ptr<ContentWriter>> open_writer(const std::string& ref,
                                                     const Descriptor& expected) override;
  Status write_blob(const std::string& ref, const Descriptor& expected, std::string_view data,
                    const Labels& labels) override;
  Result<ContentInfo> content_info(const std::string& digest) override;
  Result<bool> has_content(const std::string& digest) override;
  Result<std::string> read_blob(const std::string& digest) override;
  Status delete_content(const std::string& digest) override;

  Result<Image> create_image(const Image& image) override;
  Result<Image> update_image(const Image& image) override;
  Result<Image> get_image(const std::string& name) override;
  Status delete_image(const std::string& name) override;

  Result<std::vector<Mount>> prepare_snapshot(const std::string& key, const std::string& parent,
                                              const Labels& labels) override;
  Result<std::vector<Mount>> view_snapshot(const std::string& key, const std::string& parent,
                                           const Labels& labels) override;
  Result<std::vector<Mount>> snapshot_mounts(const std::string& key) override;
  Status commit_snapshot(const std::string& name, const std::string& key,
                         const Labels& labels) override;
  Result<SnapshotInfo> stat_snapshot(const std::string& key) override;
  Status remove_snapshot(const std::string& key) override;

  Result<Descriptor> apply_diff(const Descriptor& layer, const std::vector<Mount>& mounts) override;

  Result<Container> create_container(const Container& container) override;
  Result<Container> get_container(const std::string& id) override;
  Result<std::vector<Container>> list_containers(const std::vector<std::string>& filters) override;
  Status delete_container(const std::string& id) override;

  Result<uint32_t> create_task(const CreateTaskRequest& request) override;
  Result<uint32_t> start_task(const std::string& container_id, const std::string& exec_id) override;
  Status kill_task(const std::string& container_id, int signal, bool all,
                   const std::string& exec_id) override;
  Result<ExitStatus> wait_task(const std::string& container_id, const std::string& exec_id,
                               std::chrono::milliseconds timeout) override;
  std::unique_ptr<PendingCall> wait_task_async(
      const std::string& container_id, const std::string& exec_id,
      std::chrono::milliseconds timeout, std::function<void(Result<ExitStatus>)> done) override;
  Result<ProcessInfo> get_task(const std::string& container_id,
                               const std::string& exec_id) override;
  Result<std::vector<ProcessInfo>> list_tasks() override;
  Result<ExitStatus> delete_task(const std::string& container_id) override;
  Status exec_process(const ExecRequest& request) override;
  Result<ExitStatus> delete_process(const std::string& container_id,
                                    const std::string& exec_id) override;

  Result<std::unique_ptr<EventSubscription>> subscribe(const std::vector<std::string>& filters,
                                                       std::function<void(Event)> on_event,
                                                       std::function<void(Status)> on_end) override;

 private:
  /// One unary call `call` ("Tasks.Start") about `subject` with the namespace and
  /// lease headers and the call_timeout deadline.
  template <class Stub, class Request, class Response>
  Status unary(std::string_view call, std::string_view subject, Stub& stub,
               grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
               const Request& request, Response* response) const {
    grpc::ClientContext context;
    conn_->prepare(context, conn_->options().call_timeout, lease_);
    return from_grpc((stub.*method)(&context, request, response), call, conn_->options().ns,
                     subject);
  }

  Result<std::vector<Mount>> create_snapshot(bool view, const std::string& key,
                                             const std::string& parent, const Labels& labels);

  std::shared_ptr<const Connection> conn_;
  std::string lease_;
};

}  // namespace herd::runtime::containerd
