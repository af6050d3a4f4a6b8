// Task, exec and wait calls. "" exec_id means the task's init process.
//
// Tasks.Wait answers when the process exits, or at once when it already has
// (containerd keeps the exit until the task or process is deleted), so waiting
// after start never misses an exit.

#include <condition_variable>
#include <mutex>
#include <thread>

#include "containerd/grpc_containerd_client.hpp"
#include "containerd/proto_convert.hpp"

namespace herd::runtime::containerd {
namespace {

/// The stdio fields CreateTaskRequest and ExecProcessRequest share.
template <class Request>
void set_io(const TaskIO& io, Request& request) {
  request.set_stdin(io.stdin_path);
  request.set_stdout(io.stdout_uri);
  request.set_stderr(io.stderr_uri);
  request.set_terminal(io.terminal);
}

std::string subject(const std::string& container_id, const std::string& exec_id) {
  return exec_id.empty() ? container_id : container_id + "/" + exec_id;
}

/// One Tasks.Wait on gRPC's callback API. The state outlives the handle when
/// the handle goes first, and keeps the connection alive until the call ends.
struct WaitState {
  std::shared_ptr<const Connection> conn;
  grpc::ClientContext context;
  pb::tasks::WaitRequest request;
  pb::tasks::WaitResponse response;
  std::mutex mu;
  std::condition_variable finished_cv;
  bool finished = false;
  std::thread::id callback_thread;
};

class PendingWait final : public PendingCall {
 public:
  explicit PendingWait(std::shared_ptr<WaitState> state) : state_(std::move(state)) {}

  ~PendingWait() override {
    state_->context.TryCancel();
    std::unique_lock lock(state_->mu);
    if (state_->callback_thread == std::this_thread::get_id()) {
      return;  // destroyed by the callback itself: it is running, so nothing is left to wait for
    }
    state_->finished_cv.wait(lock, [&] { return state_->finished; });
  }

  void cancel() override { state_->context.TryCancel(); }

 private:
  std::shared_ptr<WaitState> state_;
};

}  // namespace

Result<uint32_t> GrpcContainerdClient::create_task(const CreateTaskRequest& request) {
  pb::tasks::CreateTaskRequest proto;
  proto.set_container_id(request.container_id);
  to_proto(request.rootfs, proto.mutable_rootfs());
  set_io(request.io, proto);
  pb::tasks::CreateTaskResponse response;
  HERD_RETURN_IF_ERROR(unary("Tasks.Create", request.container_id, *conn_->tasks,
                             &pb::tasks::Tasks::Stub::Create, proto, &response));
  return response.pid();
}

Result<uint32_t> GrpcContainerdClient::start_task(const std::string& container_id,
                                                  const std::string& exec_id) {
  pb::tasks::StartRequest request;
  request.set_container_id(container_id);
  request.set_exec_id(exec_id);
  pb::tasks::StartResponse response;
  HERD_RETURN_IF_ERROR(unary("Tasks.Start", subject(container_id, exec_id), *conn_->tasks,
                             &pb::tasks::Tasks::Stub::Start, request, &response));
  return response.pid();
}

Status GrpcContainerdClient::kill_task(const std::string& container_id, int signal, bool all,
                                       const std::string& exec_id) {
  pb::tasks::KillRequest request;
  request.set_container_id(container_id);
  request.set_exec_id(exec_id);
  request.set_signal(static_cast<uint32_t>(signal));
  request.set_all(all);
  google::protobuf::Empty response;
  return unary("Tasks.Kill", subject(container_id, exec_id), *conn_->tasks,
               &pb::tasks::Tasks::Stub::Kill, request, &response);
}

Result<ExitStatus> GrpcContainerdClient::wait_task(const std::string& container_id,
                                                   const std::string& exec_id,
                                                   std::chrono::milliseconds timeout) {
  pb::tasks::WaitRequest request;
  request.set_container_id(container_id);
  request.set_exec_id(exec_id);
  pb::tasks::WaitResponse response;
  grpc::ClientContext context;
  conn_->prepare(context, timeout, lease_);
  HERD_RETURN_IF_ERROR(from_grpc(conn_->tasks->Wait(&context, request, &response), "Tasks.Wait",
                                 options().ns, subject(container_id, exec_id)));
  return ExitStatus{response.exit_status(), from_proto(response.exited_at())};
}

std::unique_ptr<PendingCall> GrpcContainerdClient::wait_task_async(
    const std::string& container_id, const std::string& exec_id, std::chrono::milliseconds timeout,
    std::function<void(Result<ExitStatus>)> done) {
  auto state = std::make_shared<WaitState>();
  state->conn = conn_;
  state->request.set_container_id(container_id);
  state->request.set_exec_id(exec_id);
  conn_->prepare(state->context, timeout, lease_);
  auto on_done = [state, done = std::move(done), ns = options().ns,
                  what = subject(container_id, exec_id)](grpc::Status status) {
    {
      std::lock_guard lock(state->mu);
      state->callback_thread = std::this_thread::get_id();
    }
    Status s = from_grpc(status, "Tasks.Wait", ns, what);
    if (s.ok()) {
      done(ExitStatus{state->response.exit_status(), from_proto(state->response.exited_at())});
    } else {
      done(std::move(s));
    }
    std::lock_guard lock(state->mu);
    state->finished = true;
    state->finished_cv.notify_all();
  };
  conn_->tasks->async()->Wait(&state->context, &state->request, &state->response,
                              std::move(on_done));
  return std::make_unique<PendingWait>(std::move(state));
}

Result<ProcessInfo> GrpcContainerdClient::get_task(const std::string& container_id,
                                                   const std::string& exec_id) {
  pb::tasks::GetRequest request;
  request.set_container_id(container_id);
  request.set_exec_id(exec_id);
  pb::tasks::GetResponse response;
  HERD_RETURN_IF_ERROR(unary("Tasks.Get", subject(container_id, exec_id), *conn_->tasks,
                             &pb::tasks::Tasks::Stub::Get, request, &response));
  ProcessInfo info = from_proto(response.process());
  info.container_id = container_id;
  info.exec_id = exec_id;
  return info;
}

Result<std::vector<ProcessInfo>> GrpcContainerdClient::list_tasks() {
  pb::tasks::ListTasksRequest request;
  pb::tasks::ListTasksResponse response;
  HERD_RETURN_IF_ERROR(
      unary("Tasks.List", "", *conn_->tasks, &pb::tasks::Tasks::Stub::List, request, &response));
  std::vector<ProcessInfo> tasks;
  tasks.reserve(response.tasks_size());
  for (const auto& task : response.tasks()) {
    tasks.push_back(from_proto(task));
  }
  return tasks;
}

Result<ExitStatus> GrpcContainerdClient::delete_task(const std::string& container_id) {
  pb::tasks::DeleteTaskRequest request;
  request.set_container_id(container_id);
  pb::tasks::DeleteResponse response;
  HERD_RETURN_IF_ERROR(unary("Tasks.Delete", container_id, *conn_->tasks,
                             &pb::tasks::Tasks::Stub::Delete, request, &response));
  return ExitStatus{response.exit_status(), from_proto(response.exited_at())};
}

Status GrpcContainerdClient::exec_process(const ExecRequest& request) {
  pb::tasks::ExecProcessRequest proto;
  proto.set_container_id(request.container_id);
  proto.set_exec_id(request.exec_id);
  set_io(request.io, proto);
  proto.mutable_spec()->set_type_url(std::string(kOciProcessTypeUrl));
  proto.mutable_spec()->set_value(request.process_spec_json);
  google::protobuf::Empty response;
  return unary("Tasks.Exec", subject(request.container_id, request.exec_id), *conn_->tasks,
               &pb::tasks::Tasks::Stub::Exec, proto, &response);
}

Result<ExitStatus> GrpcContainerdClient::delete_process(const std::string& container_id,
                                                        const std::string& exec_id) {
  pb::tasks::DeleteProcessRequest request;
  request.set_container_id(container_id);
  request.set_exec_id(exec_id);
  pb::tasks::DeleteResponse response;
  HERD_RETURN_IF_ERROR(unary("Tasks.DeleteProcess", subject(container_id, exec_id), *conn_->tasks,
                             &pb::tasks::Tasks::Stub::DeleteProcess, request, &response));
  return ExitStatus{response.exit_status(), from_proto(response.exited_at())};
}

}  // namespace herd::runtime::containerd
