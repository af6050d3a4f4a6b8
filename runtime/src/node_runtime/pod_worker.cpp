#include "node_runtime/pod_worker.hpp"

#include <csignal>

#include <algorithm>

#include "herd/base/logging.hpp"
#include "herd/runtime/container_env.hpp"
#include "herd/runtime/oci_spec.hpp"
#include "node_runtime/best_effort.hpp"
#include "node_runtime/container_instance.hpp"
#include "node_runtime/pod_files.hpp"

namespace herd::runtime {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

// How long the wait for a task's exit may run before it is asked again.
constexpr milliseconds kExitWaitTimeout = std::chrono::hours(24 * 365);

struct PodWorker::ContainerRun {
  const api::Container* spec = nullptr;
  std::size_t index = 0;        // in containers_: the init containers first, in order
  bool init = false;            // an init container: runs to completion before the next
  std::string id;               // the current instance; "" when none exists
  int restarts = 0;             // restart count of the current (or next) instance
  bool has_run = false;         // an instance of it has run: the next one is a restart
  bool running = false;
  bool done = false;            // exited and will not run again
  bool ready = false;           // its readiness probe's result
  int stop_signal = SIGTERM;
  std::string image;
  std::string cgroups_path;
  SteadyClock::time_point started{};
  std::unique_ptr<containerd::PendingCall> wait;
  BackOff restart_back_off;
  BackOff retry_back_off;
  std::string waiting_reason;   // what it was last reported waiting for
  int last_exit_code = 0;

  ContainerRun(const ContainerdRuntimeOptions& o)
      : restart_back_off(o.restart_backoff_initial, o.restart_backoff_max, o.restart_backoff_reset_after),
        retry_back_off(o.retry_initial, o.retry_max) {}
};

namespace {

PullPolicy pull_policy(const api::Container& c) {
  if (c.image_pull_policy == "Always") return PullPolicy::kAlways;
  if (c.image_pull_policy == "Never") return PullPolicy::kNever;
  if (c.image_pull_policy == "IfNotPresent") return PullPolicy::kIfNotPresent;
  Result<ImageReference> ref = ImageReference::parse(c.image);
  return ref.ok() ? default_pull_policy(*ref) : PullPolicy::kIfNotPresent;
}

// "docker.io/library/busybox@sha256:...": what status.containerStatuses[].imageID shows.
std::string image_id(const PulledImage& image) {
  Result<ImageReference> ref = ImageReference::parse(image.name);
  if (!ref.ok() || image.manifest_digest.empty()) return image.manifest_digest;
  return ref->domain + "/" + ref->path + "@" + image.manifest_digest;
}

std::vector<PortMapping> host_ports(const api::Pod& pod) {
  std::vector<PortMapping> out;
  for (const api::Container& c : pod.spec.containers) {
    for (const api::ContainerPort& p : c.ports) {
      if (!p.host_port || *p.host_port <= 0) continue;
      PortMapping m;
      m.host_port = *p.host_port;
      m.container_port = p.container_port;
      m.protocol = p.protocol.empty() ? "tcp" : p.protocol;
      for (char& ch : m.protocol) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      m.host_ip = p.host_ip;
      out.push_back(std::move(m));
    }
  }
  return out;
}

MountPropagation propagation(const std::string& p) {
  if (p == "HostToContainer") return MountPropagation::kHostToContainer;
  if (p == "Bidirectional") return MountPropagation::kBidirectional;
  return MountPropagation::kPrivate;
}

bool will_restart(const std::string& policy, int exit_code) {
  if (policy == "Never") return false;
  if (policy == "OnFailure") return exit_code != 0;
  return true;  // Always, the default
}

}  // namespace

PodWorker::PodWorker(const NodeParts& parts, std::string pod_key, api::Pod pod, PodEventSink sink)
    : parts_(parts),
      key_(std::move(pod_key)),
      pod_(std::move(pod)),
      uid_(pod_.metadata.uid),
      sink_(std::move(sink)),
      setup_back_off_(parts.options->retry_initial, parts.options->retry_max) {
  auto add = [this](const api::Container& spec, bool init, const std::vector<api::ContainerStatus>& statuses) {
    auto run = std::make_unique<ContainerRun>(*parts_.options);
    run->spec = &spec;
    run->init = init;
    run->index = containers_.size();
    // Restarts the control plane already counted (the agent was restarted).
    for (const api::ContainerStatus& s : statuses) {
      if (s.name != spec.name) continue;
      run->restarts = s.restart_count;
      run->has_run = s.state.running || s.state.terminated || s.last_state.terminated;
      // An init container that already succeeded does not run again.
      run->done = init && s.state.terminated && s.state.terminated->exit_code == 0;
    }
    containers_.push_back(std::move(run));
  };
  for (const api::Container& c : pod_.spec.init_containers) add(c, true, pod_.status.init_container_statuses);
  for (const api::Container& c : pod_.spec.containers) add(c, false, pod_.status.container_statuses);
}

PodWorker::~PodWorker() {
  {
    std::lock_guard lock(mu_);
    finished_ = true;
    steps_.clear();
  }
  wake_.notify_all();
  // The step in progress finishes first; only then do the prober and the
  // exit waits go (their callbacks find the worker gone and do nothing).
  if (thread_.joinable()) {
    if (thread_.get_id() == std::this_thread::get_id()) {
      thread_.detach();
    } else {
      thread_.join();
    }
  }
  prober_.reset();
  for (auto& c : containers_) c->wait.reset();
}

void PodWorker::start() {
  std::weak_ptr<PodWorker> weak = weak_from_this();
  ProberDeps deps;
  deps.scheduler = parts_.scheduler;
  deps.executor = parts_.probe_executor;
  deps.exec = parts_.exec;
  deps.sink = [weak](ProbeReport r) {
    if (auto self = weak.lock()) self->post([r = std::move(r)](PodWorker& w) { w.on_probe(r); });
  };
  prober_ = make_prober(std::move(deps));
  thread_ = std::thread([this] { loop(); });
  post([](PodWorker& w) { w.set_up_pod(); });
}

void PodWorker::stop(std::chrono::seconds grace) {
  post([grace](PodWorker& w) { w.begin_stop(grace); });
}

bool PodWorker::finished() const {
  std::lock_guard lock(mu_);
  return finished_;
}

void PodWorker::post(std::function<void(PodWorker&)> step) {
  {
    std::lock_guard lock(mu_);
    if (finished_) return;
    steps_.push_back(std::move(step));
  }
  wake_.notify_one();
}

void PodWorker::after(milliseconds delay, std::function<void(PodWorker&)> step) {
  std::weak_ptr<PodWorker> weak = weak_from_this();
  uint64_t generation = generation_;
  parts_.scheduler(delay, [weak, generation, step = std::move(step)] {
    auto self = weak.lock();
    if (!self) return;
    self->post([generation, step](PodWorker& w) {
      if (w.generation_ == generation) step(w);
    });
  });
}

void PodWorker::loop() {
  for (;;) {
    std::function<void(PodWorker&)> step;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return finished_ || !steps_.empty(); });
      if (finished_) return;
      step = std::move(steps_.front());
      steps_.pop_front();
    }
    step(*this);
  }
}

PodEvent PodWorker::event(PodEvent::Type type, const ContainerRun* c) const {
  PodEvent e;
  e.type = type;
  e.pod_key = key_;
  e.pod_uid = uid_;
  e.pod_ip = pod_ip_;
  if (c != nullptr) {
    e.container = c->spec->name;
    e.container_id = c->id.empty() ? "" : std::string(kContainerIdPrefix) + c->id;
    e.init = c->init;
    e.image = c->image.empty() ? c->spec->image : c->image;
  }
  return e;
}

void PodWorker::emit(PodEvent e) {
  if (sink_) sink_(std::move(e));
}

void PodWorker::retry_pod_setup(std::string_view reason, const Status& status) {
  if (status.message() != last_setup_failure_) {
    if (last_setup_failure_.empty()) {
      // What kubectl shows for the pod while it waits, as the kubelet sets it.
      for (auto& c : containers_) {
        if (!c->init) wait_with(*c, kContainerCreating, "");
      }
    }
    last_setup_failure_ = status.message();
    PodEvent e = event(PodEvent::Type::kPodFailed);
    e.reason = std::string(reason);
    e.message = status.message();
    emit(std::move(e));
  }
  milliseconds wait = setup_back_off_.next();
  HERD_LOG(kInfo, "node") << key_ << ": " << reason << ": " << status.message() << " (again in "
                          << wait.count() << " ms)";
  after(wait, [](PodWorker& w) { w.set_up_pod(); });
}

void PodWorker::set_up_pod() {
  if (stopping_) return;
  if (Status s = parts_.volumes->setup(pod_); !s.ok()) return retry_pod_setup(kFailedMount, s);
  std::string hostname = pod_hostname(pod_);
  if (!pod_.spec.host_network) {
    PodNetworkRequest request;
    request.uid = uid_;
    request.name = pod_.metadata.name;
    request.namespace_ = pod_.metadata.namespace_;
    request.port_mappings = host_ports(pod_);
    Result<PodNetworkStatus> net = parts_.network->setup(request);
    if (!net.ok()) return retry_pod_setup(kFailedCreatePodSandBox, net.status());
    pod_ip_ = net->ip;
  } else {
    pod_ip_ = parts_.host_ip;
  }
  Result<PodFiles> files = write_pod_files(parts_.pods_dir / uid_, hostname,
                                           pod_.spec.host_network ? "" : pod_ip_);
  if (!files.ok()) return retry_pod_setup(kFailedCreatePodSandBox, files.status());
  etc_hosts_ = files->etc_hosts;
  etc_hostname_ = files->etc_hostname;
  resolv_conf_ = files->resolv_conf;
  sandbox_ready_ = true;
  setup_back_off_.reset();
  if (pod_.status.pod_ip != pod_ip_ || pod_.status.phase != "Running") emit(event(PodEvent::Type::kPodStarted));
  adopt_or_start_containers();
}

void PodWorker::adopt_or_start_containers() {
  Result<std::vector<containerd::Container>> existing =
      parts_.containerd->list_containers({containerd::label_filter(kPodUidLabel, uid_)});
  if (!existing.ok()) {
    HERD_LOG(kWarning, "node") << key_ << ": listing its containers: " << existing.status().message();
  }
  std::vector<bool> adopted(containers_.size(), false);
  if (existing.ok()) {
    for (const containerd::Container& found : *existing) {
      auto name = found.labels.find(std::string(kContainerNameLabel));
      ContainerRun* run = nullptr;
      for (auto& c : containers_) {
        if (name != found.labels.end() && c->spec->name == name->second && !adopted[c->index]) run = c.get();
      }
      if (run != nullptr && adopt(*run, found)) {
        adopted[run->index] = true;
      } else {
        best_effort(remove_instance(*parts_.containerd, found.id), key_ + ": removing stale instance " + found.id);
      }
    }
  }
  for (auto& c : containers_) {
    // What an adopted app container shows: its init containers had finished.
    if (c->init && std::any_of(containers_.begin(), containers_.end(),
                               [&](const auto& app) { return !app->init && adopted[app->index]; })) {
      c->done = true;
    }
  }
  start_next();
}

// Starts the first init container that has not finished, or, once every one
// has, each app container that is not running yet.
void PodWorker::start_next() {
  for (auto& c : containers_) {
    if (!c->init || c->done) continue;
    if (!c->running) start_container(c->index);
    return;
  }
  for (auto& c : containers_) {
    if (!c->init && !c->running && !c->done) start_container(c->index);
  }
}

// Takes over an instance a previous node agent started. True when it runs
// (or ran, and its exit is now handled as any exit).
bool PodWorker::adopt(ContainerRun& c, const containerd::Container& existing) {
  Result<containerd::ProcessInfo> task = parts_.containerd->get_task(existing.id);
  if (!task.ok()) return false;
  auto restarts = existing.labels.find(std::string(kRestartCountLabel));
  c.id = existing.id;
  c.image = existing.image;
  c.restarts = restarts != existing.labels.end() ? std::atoi(restarts->second.c_str()) : c.restarts;
  c.cgroups_path = instance_cgroups_path(uid_, c.id);
  c.has_run = true;
  c.started = SteadyClock::now();
  c.running = true;
  HERD_LOG(kInfo, "node") << key_ << ": adopting container " << c.spec->name << " (" << c.id << ", "
                          << containerd::process_status_name(task->status) << ")";
  bool known = false;
  for (const api::ContainerStatus& s : pod_.status.container_statuses) {
    if (s.name == c.spec->name && s.container_id == std::string(kContainerIdPrefix) + c.id && s.state.running) known = true;
  }
  if (!known && task->status != containerd::ProcessStatus::kStopped) {
    PodEvent e = event(PodEvent::Type::kContainerStarted, &c);
    e.restart_count = c.restarts;
    emit(std::move(e));
  }
  watch_exit(c);  // returns at once for a task that already exited
  if (task->status != containerd::ProcessStatus::kStopped) {
    ProbeTarget target{c.spec->name, c.id, pod_ip_};
    best_effort(prober_->start(pod_, target), key_ + ": probes of " + c.spec->name);
  }
  return true;
}

void PodWorker::wait_with(ContainerRun& c, std::string_view reason, const std::string& message) {
  c.waiting_reason = std::string(reason);
  PodEvent e = event(PodEvent::Type::kContainerWaiting, &c);
  e.reason = std::string(reason);
  e.message = message;
  emit(std::move(e));
}

void PodWorker::start_container(std::size_t index) {
  ContainerRun& c = *containers_[index];
  if (stopping_ || c.running || c.done) return;
  // Waits with `reason`, then tries again after the back-off; a failed pull
  // shows ImagePullBackOff once the kubelet's next sync would (after the
  // first retry interval) until the pull is tried again.
  auto retry = [this, &c, index](std::string_view reason, const std::string& message, bool pull) {
    wait_with(c, reason, message);
    milliseconds wait = c.retry_back_off.next();
    HERD_LOG(kInfo, "node") << key_ << ": container " << c.spec->name << ": " << reason << ": " << message
                            << " (again in " << wait.count() << " ms)";
    if (pull && wait > parts_.options->retry_initial) {
      std::string back_off = "Back-off pulling image \"" + c.spec->image + "\"";
      after(parts_.options->retry_initial,
            [index, back_off](PodWorker& w) { w.wait_with(*w.containers_[index], kImagePullBackOff, back_off); });
    }
    after(wait, [index](PodWorker& w) { w.start_container(index); });
  };
  Result<PulledImage> image = parts_.images->ensure_image(c.spec->image, pull_policy(*c.spec));
  if (!image.ok()) {
    std::string_view reason = image_error_reason(image.status());
    return retry(reason, image_error_message(image.status()), reason == kErrImagePull);
  }
  c.image = image->name;
  Status started = start_instance(c, *image);
  if (!started.ok()) {
    std::string_view reason = started.code() == StatusCode::kInvalidArgument ||
                                      started.code() == StatusCode::kNotFound
                                  ? kCreateContainerConfigError
                                  : kCreateContainerError;
    return retry(reason, started.message(), false);
  }
  c.retry_back_off.reset();
  PodEvent e = event(PodEvent::Type::kContainerStarted, &c);
  e.image_id = image_id(*image);
  e.restart_count = c.restarts;
  emit(std::move(e));
  ProbeTarget target{c.spec->name, c.id, pod_ip_};
  if (Status s = prober_->start(pod_, target); !s.ok()) {
    HERD_LOG(kWarning, "node") << key_ << ": probes of " << c.spec->name << ": " << s.message();
  }
  update_ready();
}

Status PodWorker::start_instance(ContainerRun& c, const PulledImage& image) {
  PodEnvContext where;
  where.pod_ips = {pod_ip_};
  where.host_ip = parts_.host_ip;
  where.hostname = pod_hostname(pod_);
  where.node_allocatable = parts_.allocatable;
  HERD_ASSIGN_OR_RETURN(ContainerEnv env,
                        container_env(pod_, *c.spec, image.config.env, where, *parts_.configs));
  HERD_ASSIGN_OR_RETURN(std::vector<std::string> args, container_args(image.config, *c.spec, env));
  HERD_ASSIGN_OR_RETURN(std::vector<ContainerMount> mounts, parts_.volumes->container_mounts(pod_, *c.spec));

  int restart = c.has_run ? c.restarts + 1 : c.restarts;
  std::string id = instance_id(uid_, c.spec->name, restart);
  OciSpecInput input;
  input.env = std::move(env.process_env);
  input.args = std::move(args);
  for (const ContainerMount& m : mounts) {
    input.mounts.push_back(BindMount{m.destination, m.source, m.read_only, propagation(m.propagation)});
  }
  input.etc_hosts = etc_hosts_;
  input.etc_hostname = etc_hostname_;
  input.resolv_conf = resolv_conf_;
  input.netns_path = pod_.spec.host_network ? "" : parts_.options->network.netns_dir + "/herd-" + uid_;
  input.cgroups_path = instance_cgroups_path(uid_, id);
  HERD_ASSIGN_OR_RETURN(std::string spec, build_oci_spec(pod_, *c.spec, image.config, input));

  std::filesystem::path log_file = container_log_path(parts_.pods_dir, uid_, c.spec->name, restart);
  std::error_code ec;
  std::filesystem::create_directories(log_file.parent_path(), ec);
  if (ec) return Status::unavailable("creating " + log_file.parent_path().string() + ": " + ec.message());
  best_effort(remove_old_container_logs(parts_.pods_dir, uid_, c.spec->name), key_ + ": old logs");

  InstanceSpec instance;
  instance.id = id;
  instance.image = image.name;
  instance.oci_spec_json = std::move(spec);
  instance.parent_snapshot = image.top_chain_id;
  instance.labels = {{std::string(kPodUidLabel), uid_},
                     {std::string(kPodKeyLabel), key_},
                     {std::string(kContainerNameLabel), c.spec->name},
                     {std::string(kRestartCountLabel), std::to_string(restart)}};
  instance.log_uri = log_driver_uri(parts_.log_driver, log_file);
  HERD_RETURN_IF_ERROR(create_instance(*parts_.containerd, instance));

  c.id = id;
  c.restarts = restart;
  c.cgroups_path = input.cgroups_path;
  c.stop_signal = stop_signal_number(image.config.stop_signal);
  watch_exit(c);
  Result<uint32_t> pid = parts_.containerd->start_task(id);
  if (!pid.ok()) {
    c.wait.reset();
    best_effort(remove_instance(*parts_.containerd, id), key_ + ": removing " + id);
    c.id.clear();
    return Status(pid.status().code(),
                  "failed to start container \"" + c.spec->name + "\": " + pid.status().message());
  }
  c.has_run = true;
  c.running = true;
  c.started = SteadyClock::now();
  c.waiting_reason.clear();
  return Status();
}

void PodWorker::watch_exit(ContainerRun& c) {
  std::weak_ptr<PodWorker> weak = weak_from_this();
  std::size_t index = c.index;
  std::string id = c.id;
  c.wait = parts_.containerd->wait_task_async(
      id, "", kExitWaitTimeout, [weak, index, id](Result<containerd::ExitStatus> exit) {
        if (auto self = weak.lock()) {
          self->post([index, id, exit = std::move(exit)](PodWorker& w) { w.on_exit(index, id, exit); });
        }
      });
}

void PodWorker::on_exit(std::size_t index, std::string id, Result<containerd::ExitStatus> exit) {
  ContainerRun& c = *containers_[index];
  if (c.id != id || !c.running) return;  // an older instance, or already handled
  if (!exit.ok() && exit.status().code() == StatusCode::kUnavailable && !stopping_) {
    // The wait broke (containerd restarted): wait again, the task still runs.
    HERD_LOG(kWarning, "node") << key_ << ": waiting for " << c.spec->name << ": " << exit.status().message();
    after(parts_.options->retry_initial, [index](PodWorker& w) {
      ContainerRun& again = *w.containers_[index];
      if (again.running) w.watch_exit(again);
    });
    return;
  }
  int code = exit.ok() ? static_cast<int>(exit->exit_code) : 255;
  bool oom = cgroup_oom_killed(c.cgroups_path);
  std::string reason = oom ? "OOMKilled" : code == 0 ? "Completed" : "Error";
  milliseconds ran = std::chrono::duration_cast<milliseconds>(SteadyClock::now() - c.started);
  prober_->stop(c.spec->name);
  c.running = false;
  c.ready = false;
  c.wait.reset();
  best_effort(remove_instance(*parts_.containerd, c.id), key_ + ": removing " + c.id);
  report_exit(c, code, reason);
  update_ready();
  if (stopping_) return finish_if_stopped();
  after_exit(index, ran);
}

void PodWorker::report_exit(ContainerRun& c, int exit_code, const std::string& reason) {
  c.last_exit_code = exit_code;
  PodEvent e = event(PodEvent::Type::kContainerExited, &c);
  e.exit_code = exit_code;
  e.signal = exit_code > 128 && exit_code < 128 + 65 ? exit_code - 128 : 0;
  e.reason = reason;
  HERD_LOG(kInfo, "node") << key_ << ": container " << c.spec->name << " exited with " << exit_code << " ("
                          << reason << ")";
  emit(std::move(e));
}

void PodWorker::after_exit(std::size_t index, milliseconds ran) {
  ContainerRun& c = *containers_[index];
  std::string policy = pod_.spec.restart_policy.empty() ? "Always" : pod_.spec.restart_policy;
  if (c.init && c.last_exit_code == 0) {
    c.done = true;
    return start_next();
  }
  // A failed init container is tried again unless restartPolicy is Never
  // (then the pod fails: nothing after it runs).
  if (c.init ? policy == "Never" : !will_restart(policy, c.last_exit_code)) {
    c.done = true;
    return;
  }
  milliseconds wait = c.restart_back_off.next(ran);
  wait_with(c, kCrashLoopBackOff,
            "back-off " + std::to_string(wait.count() / 1000) + "s restarting failed container=" +
                c.spec->name + " pod=" + pod_.metadata.name + "_" + pod_.metadata.namespace_ + "(" + uid_ + ")");
  after(wait, [index](PodWorker& w) { w.start_container(index); });
}

void PodWorker::on_probe(ProbeReport report) {
  if (stopping_) return;
  ContainerRun* c = nullptr;
  for (auto& run : containers_) {
    if (run->spec->name == report.container) c = run.get();
  }
  if (c == nullptr || !c->running) return;
  if (!report.message.empty()) {
    HERD_LOG(kInfo, "node") << key_ << ": " << report.message;
  }
  if (report.kind == ProbeKind::kReadiness) {
    c->ready = report.result == ProbeResult::kSuccess;
    update_ready();
  }
  if (report.restart) {
    HERD_LOG(kInfo, "node") << key_ << ": container " << c->spec->name << " failed "
                            << probe_kind_name(report.kind) << " probe, will be restarted";
    kill_instance(*c, grace_period());
  }
}

// The pod is ready when every container runs and each one with a readiness
// probe passes it.
void PodWorker::update_ready() {
  bool ready = !stopping_ && sandbox_ready_;
  for (const auto& c : containers_) {
    if (!c->init && (!c->running || (c->spec->readiness_probe && !c->ready))) ready = false;
  }
  if (ready == ready_) return;
  ready_ = ready;
  PodEvent e = event(PodEvent::Type::kReady);
  e.ready = ready;
  emit(std::move(e));
}

std::chrono::seconds PodWorker::grace_period() const {
  return std::chrono::seconds(pod_.spec.termination_grace_period_seconds.value_or(30));
}

// Sends the container its stop signal, and SIGKILL once `grace` has passed
// if the same instance still runs.
void PodWorker::kill_instance(ContainerRun& c, std::chrono::seconds grace) {
  std::string id = c.id;
  int signal = grace.count() > 0 ? c.stop_signal : SIGKILL;
  best_effort(parts_.containerd->kill_task(id, signal, false), key_ + ": signalling " + c.spec->name);
  if (signal == SIGKILL) return;
  std::size_t index = c.index;
  // Outlives a stop's generation bump: the kill must come whatever happens.
  std::weak_ptr<PodWorker> weak = weak_from_this();
  parts_.scheduler(grace, [weak, index, id] {
    if (auto self = weak.lock()) {
      self->post([index, id](PodWorker& w) {
        ContainerRun& again = *w.containers_[index];
        if (again.running && again.id == id) {
          HERD_LOG(kInfo, "node") << w.key_ << ": container " << again.spec->name
                                  << " outlived its grace period: SIGKILL";
          best_effort(w.parts_.containerd->kill_task(id, SIGKILL, true), w.key_ + ": killing " + id);
        }
      });
    }
  });
}

void PodWorker::begin_stop(std::chrono::seconds grace) {
  if (stopping_) {
    // A second delete with a shorter grace (e.g. --force) cuts the wait.
    if (grace.count() == 0) {
      for (auto& c : containers_) {
        if (c->running) kill_instance(*c, grace);
      }
    }
    return;
  }
  stopping_ = true;
  ++generation_;  // pending starts and retries are void
  prober_->stop_all();
  update_ready();
  for (auto& c : containers_) {
    if (c->running) kill_instance(*c, grace);
  }
  finish_if_stopped();
}

void PodWorker::finish_if_stopped() {
  for (const auto& c : containers_) {
    if (c->running) return;
  }
  finish();
}

void PodWorker::finish() {
  Result<std::vector<containerd::Container>> left =
      parts_.containerd->list_containers({containerd::label_filter(kPodUidLabel, uid_)});
  if (left.ok()) {
    for (const containerd::Container& c : *left) {
      best_effort(remove_instance(*parts_.containerd, c.id), key_ + ": removing " + c.id);
    }
  }
  if (!pod_.spec.host_network) best_effort(parts_.network->teardown(uid_), key_ + ": network");
  best_effort(parts_.volumes->teardown(uid_), key_ + ": volumes");
  std::error_code ec;
  std::filesystem::remove_all(parts_.pods_dir / uid_, ec);
  if (ec) {
    HERD_LOG(kWarning, "node") << key_ << ": removing " << (parts_.pods_dir / uid_) << ": " << ec.message();
  }
  remove_pod_cgroups(uid_);
  HERD_LOG(kInfo, "node") << key_ << ": stopped and cleaned up";
  emit(event(PodEvent::Type::kPodStopped));
  std::lock_guard lock(mu_);
  finished_ = true;
  steps_.clear();
}

}  // namespace herd::runtime
