#include "herd/actors/control_plane.hpp"

#include <atomic>
#include <thread>

#include "herd/base/logging.hpp"
#include "herd/events/cluster_state.hpp"
#include "core/context.hpp"
#include "core/object_commands.hpp"
#include "core/registry.hpp"
#include "core/startup.hpp"

namespace herd::actors {

class ControlPlane::Impl {
 public:
  explicit Impl(ControlPlaneOptions options)
      : options_(std::move(options)),
        config_(options_.worker_threads),
        system_(config_),
        ctx_(*options_.log, *options_.clock) {}

  ~Impl() {
    // Let acknowledged work finish: a log callback must not outlive the actors.
    for (int i = 0; i < 500 && ctx_.in_flight.load() != 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stopping_ = true;
    if (ticker_.joinable()) ticker_.join();
    stop_agents(system_, agents_);
    agents_.clear();
    if (ctx_.registry) caf::anon_send_exit(ctx_.registry, caf::exit_reason::user_shutdown);
    // Every actor reads ctx_, which goes before system_: none may still run.
    // The registry handle stays until then: actors still reconciling read it
    // (a message to the exited registry is only dropped; resetting the handle
    // under them was a data race that crashed in send_commands).
    system_.await_all_actors_done();
    ctx_.registry = nullptr;
  }

  Status start() {
    HERD_RETURN_IF_ERROR(load_objects(*options_.log, ctx_.store));
    ctx_.registry = spawn_registry(system_, ctx_);
    for (const ObjectPtr& o : all_objects(ctx_.store)) caf::anon_send(ctx_.registry, load_atom::value, o);
    HERD_RETURN_IF_ERROR(ensure_namespaces());
    agents_ = start_agents(system_, ctx_, options_);
    resume_all(ctx_);
    if (options_.timer_tick.count() > 0) {
      ticker_ = std::thread([this] {
        while (!stopping_) {
          std::this_thread::sleep_for(options_.timer_tick);
          ctx_.timers.fire_due();
        }
      });
    }
    return Status();
  }

  Result<ObjectView> call(Command c) {
    caf::scoped_actor self{system_};
    Result<ObjectView> out = Status::unavailable("no reply");
    self->request(ctx_.registry, options_.call_timeout, std::move(c))
        .receive(
            [&](CommandResult& r) {
              if (!r.status.ok()) {
                out = r.status;
              } else {
                out = view(std::move(*r.object), r.seq);
              }
            },
            [&](caf::error& err) { out = Status::unavailable("control plane: " + system_.render(err)); });
    return out;
  }

  static ObjectView view(api::Object object, uint64_t seq) {
    api::meta(object).resource_version = std::to_string(seq);
    return ObjectView{std::move(object), seq};
  }

  Context& ctx() { return ctx_; }

 private:
  struct Config : caf::actor_system_config {
    explicit Config(int threads) {
      if (threads > 0) set("scheduler.max-threads", static_cast<size_t>(threads));
    }
  };

  Status ensure_namespaces() {
    for (const char* name : {"default", "kube-system"}) {
      if (ctx_.store.get("Namespace", "", name)) continue;
      api::Namespace ns;
      ns.metadata.name = name;
      Result<ObjectView> r = call(Command::create(ns, "controller:namespace"));
      if (!r.ok() && r.status().code() != StatusCode::kAlreadyExists) return r.status();
    }
    return Status();
  }

  ControlPlaneOptions options_;
  Config config_;
  caf::actor_system system_;
  Context ctx_;
  std::vector<WatcherActor> agents_;
  std::atomic<bool> stopping_{false};
  std::thread ticker_;
};

ControlPlane::ControlPlane(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ControlPlane::~ControlPlane() = default;

Result<std::unique_ptr<ControlPlane>> ControlPlane::start(ControlPlaneOptions options) {
  if (options.log == nullptr || options.clock == nullptr) return Status::invalid_argument("control plane needs a log and a clock");
  auto impl = std::make_unique<Impl>(std::move(options));
  HERD_RETURN_IF_ERROR(impl->start());
  return std::unique_ptr<ControlPlane>(new ControlPlane(std::move(impl)));
}

Result<ObjectView> ControlPlane::create(api::Object object, std::string actor) {
  return impl_->call(Command::create(std::move(object), std::move(actor)));
}

Result<ObjectView> ControlPlane::update(api::Object object, std::string actor) {
  Command c = Command::update(std::move(object), std::move(actor));
  c.expect_resource_version = api::meta(*c.object).resource_version;
  return impl_->call(std::move(c));
}

Result<ObjectView> ControlPlane::update_status(api::Object object, std::string actor) {
  Command c = Command::status(std::move(object), std::move(actor));
  c.expect_resource_version = api::meta(*c.object).resource_version;
  return impl_->call(std::move(c));
}

Result<ObjectView> ControlPlane::remove(std::string_view kind, std::string_view namespace_, std::string_view name,
                                        DeletePropagation propagation, std::string actor,
                                        std::optional<int64_t> grace_seconds) {
  Command c = Command::remove(events::object_key(kind, namespace_, name), {}, std::move(actor),
                              static_cast<Propagation>(propagation));
  c.grace_seconds = grace_seconds;
  return impl_->call(std::move(c));
}

Result<ObjectView> ControlPlane::record(std::string_view kind, std::string_view namespace_, std::string_view name,
                                        std::string event_type, api::Value data, std::string actor) {
  return impl_->call(Command::record(events::object_key(kind, namespace_, name), {}, std::move(event_type),
                                     std::move(data), std::move(actor)));
}

std::optional<ObjectView> ControlPlane::get(std::string_view kind, std::string_view namespace_,
                                            std::string_view name) const {
  ObjectPtr o = impl_->ctx().store.get(kind, namespace_, name);
  if (!o) return std::nullopt;
  return Impl::view(o->object, o->seq);
}

std::vector<ObjectView> ControlPlane::list(std::string_view kind, std::string_view namespace_) const {
  std::vector<ObjectView> out;
  for (const ObjectPtr& o : impl_->ctx().store.list(kind, namespace_)) out.push_back(Impl::view(o->object, o->seq));
  return out;
}

std::map<std::string, std::size_t> ControlPlane::count_by_kind() const { return impl_->ctx().store.count_by_kind(); }

std::string ControlPlane::digest() const { return impl_->ctx().store.digest(); }

std::size_t ControlPlane::fire_timers() { return impl_->ctx().timers.fire_due(); }

bool ControlPlane::idle() const { return impl_->ctx().in_flight.load() == 0; }

bool ControlPlane::wait_idle(std::chrono::milliseconds timeout) {
  // Idle must hold for a few consecutive looks: a message may be between
  // two actors (a poke, a reply) while nothing is counted in flight.
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int quiet = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    quiet = idle() ? quiet + 1 : 0;
    if (quiet >= 5) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return idle();
}

}  // namespace herd::actors
