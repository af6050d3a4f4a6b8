// ExecRunner over containerd's exec: the command runs as a process of the
// container's task, with the container's own process settings (user, env,
// cwd, capabilities) and only the args replaced, as `kubectl exec` and the
// kubelet's exec probes do.

#include <csignal>

#include <atomic>
#include <fstream>

#include "herd/api/codec.hpp"
#include "herd/base/logging.hpp"
#include "herd/runtime/containerd_client.hpp"
#include "herd/runtime/containerd_runtime.hpp"
#include "node_runtime/best_effort.hpp"

namespace herd::runtime {
namespace {

// More output than a probe message or a test needs is cut here.
constexpr std::size_t kMaxOutput = 64 * 1024;
// How long a killed exec may take to be reaped before it is left to containerd.
constexpr std::chrono::seconds kReapTimeout{5};

class ContainerdExecRunner final : public ExecRunner {
 public:
  ContainerdExecRunner(containerd::ContainerdClient& client, std::filesystem::path scratch_dir)
      : client_(client), scratch_dir_(std::move(scratch_dir)) {}

  Result<ExecResult> run(const std::string& container_id, const std::vector<std::string>& command,
                         std::chrono::milliseconds timeout) override {
    if (command.empty()) return Status::invalid_argument("exec in " + container_id + ": no command");
    HERD_ASSIGN_OR_RETURN(std::string process, process_spec(container_id, command));
    std::string exec_id = "exec-" + std::to_string(next_id_.fetch_add(1));
    std::filesystem::path output = scratch_dir_ / (container_id + "." + exec_id + ".out");
    containerd::ExecRequest request;
    request.container_id = container_id;
    request.exec_id = exec_id;
    request.process_spec_json = std::move(process);
    request.io = containerd::TaskIO::combined_file(output.string());
    HERD_RETURN_IF_ERROR(client_.exec_process(request));
    ExecResult result;
    Status outcome = run_started(container_id, exec_id, timeout, result);
    result.output = read_output(output);
    std::error_code ignored;
    std::filesystem::remove(output, ignored);
    if (!outcome.ok()) return outcome;
    return result;
  }

 private:
  // The container's own process object with `command` as its args.
  Result<std::string> process_spec(const std::string& container_id,
                                   const std::vector<std::string>& command) {
    HERD_ASSIGN_OR_RETURN(containerd::Container c, client_.get_container(container_id));
    Result<api::Value> spec = api::parse_json_value(c.oci_spec_json);
    if (!spec.ok()) return Status::internal("exec in " + container_id + ": its OCI spec: " + spec.status().message());
    const api::Value* found = spec->find("process");
    api::Value process = found != nullptr && found->is_object() ? *found : api::Value::object();
    api::Value args = api::Value::array();
    for (const std::string& a : command) args.push_back(api::Value::string(a));
    process.set("args", std::move(args));
    process.set("terminal", api::Value::boolean(false));
    return api::to_json(process);
  }

  Status run_started(const std::string& id, const std::string& exec_id, std::chrono::milliseconds timeout,
                     ExecResult& result) {
    Status started = client_.start_task(id, exec_id).status();
    if (!started.ok()) {
      best_effort(client_.delete_process(id, exec_id).status(), "exec " + exec_id + " in " + id);
      return started;
    }
    Result<containerd::ExitStatus> exit = client_.wait_task(id, exec_id, timeout);
    if (!exit.ok()) {
      result.timed_out = true;
      best_effort(client_.kill_task(id, SIGKILL, false, exec_id), "killing exec " + exec_id + " in " + id);
      exit = client_.wait_task(id, exec_id, kReapTimeout);
    }
    Result<containerd::ExitStatus> deleted = client_.delete_process(id, exec_id);
    if (exit.ok()) {
      result.exit_code = static_cast<int>(exit->exit_code);
    } else if (deleted.ok()) {
      result.exit_code = static_cast<int>(deleted->exit_code);
    } else {
      return Status::unavailable("exec in " + id + ": " + exit.status().message());
    }
    return Status();
  }

  static std::string read_output(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string out(kMaxOutput, '\0');
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    out.resize(static_cast<std::size_t>(in.gcount()));
    return out;
  }

  containerd::ContainerdClient& client_;
  std::filesystem::path scratch_dir_;
  std::atomic<uint64_t> next_id_{1};
};

}  // namespace

std::unique_ptr<ExecRunner> make_containerd_exec_runner(containerd::ContainerdClient& client,
                                                        std::filesystem::path scratch_dir) {
  return std::make_unique<ContainerdExecRunner>(client, std::move(scratch_dir));
}

}  // namespace herd::runtime
