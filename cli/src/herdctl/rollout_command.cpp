// `rollout status|history|undo|pause|resume` for Deployments. status
// watches the Deployment (re-reading it whenever the watch ends) until the
// rollout completes; undo replaces the template with the chosen revision's,
// as kubectl does, with a JSON patch.

#include <ostream>

#include "herd/api/codec.hpp"
#include "herdctl/commands.hpp"
#include "herdctl/fields.hpp"
#include "herdctl/resources.hpp"
#include "herdctl/rollout.hpp"
#include "herdctl/table.hpp"

namespace herd::cli::herdctl {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr char kChangeCauseAnnotation[] = "kubernetes.io/change-cause";

struct Target {
  const api::KindInfo* kind;
  std::string namespace_;
  std::string name;
  std::string path;
};

Result<Target> deployment_target(const RolloutOptions& options, const Session& session) {
  HERD_ASSIGN_OR_RETURN(std::vector<ResourceRef> refs, parse_resource_args(options.resources));
  if (refs.size() != 1 || refs[0].name.empty()) {
    return Status::invalid_argument("rollout takes one object: KIND/NAME or KIND NAME");
  }
  if (refs[0].kind->kind != "Deployment") {
    return Status::unimplemented("rollout " + options.action + " works on deployments, not " +
                                 std::string(refs[0].kind->plural));
  }
  std::string ns = request_namespace(*refs[0].kind, session.namespace_, false);
  return Target{refs[0].kind, ns, refs[0].name, object_path(*refs[0].kind, ns, refs[0].name)};
}

// Prints progress: kubectl's lines (each change once), or on a terminal a
// bar redrawn in place.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(const Session& session) : session_(session) {}

  void show(const RolloutProgress& p) {
    if (p.message == last_) return;
    last_ = p.message;
    if (!session_.terminal || p.done || p.failed || p.desired <= 0) {
      session_.out << (bar_shown_ ? "\n" : "") << p.message << "\n";
      bar_shown_ = false;
    } else {
      constexpr int64_t kWidth = 30;
      int64_t filled = std::min<int64_t>(kWidth, p.available * kWidth / p.desired);
      session_.out << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
                   << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << p.updated << "/"
                   << p.desired << " updated, " << p.available << "/" << p.desired << " available\x1b[K";
      bar_shown_ = true;
    }
    session_.out.flush();
  }

 private:
  const Session& session_;
  std::string last_;
  bool bar_shown_ = false;
};

int rollout_status(const Target& target, const RolloutOptions& options, Session& session) {
  std::optional<SteadyClock::time_point> deadline;
  if (options.timeout.count() > 0) deadline = SteadyClock::now() + options.timeout;
  ProgressPrinter printer(session);
  Status timed_out = Status::unavailable("timed out waiting for the condition");
  while (true) {
    Result<api::Value> deployment = session.api.get(target.path);
    if (!deployment.ok()) return report_error(deployment.status(), session.err);
    RolloutProgress progress = rollout_progress(*deployment);
    printer.show(progress);
    if (progress.done) return 0;
    if (progress.failed) return report_error(Status::unavailable(progress.message), session.err);
    std::map<std::string, std::string> params{
        {"watch", "true"},
        {"fieldSelector", "metadata.name=" + target.name},
        {"resourceVersion", text_at(*deployment, {"metadata", "resourceVersion"})}};
    Status gone;
    Status watched = session.api.watch(
        with_query(collection_path(*target.kind, target.namespace_), params),
        [&](const WatchEvent& event) {
          if (event.type == "DELETED") gone = Status::not_found("object has been deleted");
          if (event.type != "ADDED" && event.type != "MODIFIED") return gone.ok();
          progress = rollout_progress(event.object);
          printer.show(progress);
          return !progress.done && !progress.failed;
        },
        "application/json", deadline);
    if (!gone.ok()) return report_error(gone, session.err);
    if (progress.done) return 0;
    if (progress.failed) return report_error(Status::unavailable(progress.message), session.err);
    if (deadline && SteadyClock::now() >= *deadline) return report_error(timed_out, session.err);
    if (!watched.ok()) return report_error(watched, session.err);
  }
}

Result<std::vector<Revision>> load_revisions(const Target& target, const Session& session, api::Value& deployment) {
  HERD_ASSIGN_OR_RETURN(deployment, session.api.get(target.path));
  const api::KindInfo* replica_sets = api::find_kind("ReplicaSet");
  std::string selector = selector_string(at(deployment, {"spec", "selector"}));
  HERD_ASSIGN_OR_RETURN(api::Value list, session.api.get(with_query(collection_path(*replica_sets, target.namespace_),
                                                                    {{"labelSelector", selector}})));
  std::vector<api::Value> items;
  if (const api::Value* array = list.find("items"); array != nullptr && array->is_array()) items = array->as_array();
  return revisions_of(deployment, items);
}

int rollout_history(const Target& target, const RolloutOptions& options, Session& session) {
  api::Value deployment;
  Result<std::vector<Revision>> revisions = load_revisions(target, session, deployment);
  if (!revisions.ok()) return report_error(revisions.status(), session.err);
  std::string label = qualified_name(*target.kind, target.name);
  if (options.revision > 0) {
    const Revision* r = undo_target(*revisions, 0, options.revision);
    if (r == nullptr) {
      return report_error(Status::not_found("unable to find the specified revision"), session.err);
    }
    session.out << label << " with revision #" << options.revision << "\nPod Template:\n";
    const api::Value* tmpl = at(r->replica_set, {"spec", "template"});
    session.out << (tmpl != nullptr ? api::to_yaml(*tmpl) : "") << "\n";
    return 0;
  }
  Table table;
  table.columns = {{"Revision", 0}, {"Change-Cause", 0}};
  for (const Revision& r : *revisions) {
    std::string cause = text_at(r.replica_set, {"metadata", "annotations", kChangeCauseAnnotation}, "<none>");
    table.rows.push_back({{std::to_string(r.number), cause}, ""});
  }
  session.out << label << " \n";
  print_table(table, {}, session.out);
  session.out << "\n";
  return 0;
}

// The template of a ReplicaSet as the Deployment's: without the
// pod-template-hash label the ReplicaSet controller added.
api::Value deployment_template(const api::Value& replica_set) {
  const api::Value* found = at(replica_set, {"spec", "template"});
  api::Value tmpl = found != nullptr ? *found : api::Value::object();
  if (api::Value* labels = tmpl.find("metadata") ? tmpl.find("metadata")->find("labels") : nullptr) {
    if (labels->is_object()) (void)labels->take("pod-template-hash");  // the ReplicaSet's own label
  }
  return tmpl;
}

int rollout_undo(const Target& target, const RolloutOptions& options, Session& session) {
  api::Value deployment;
  Result<std::vector<Revision>> revisions = load_revisions(target, session, deployment);
  if (!revisions.ok()) return report_error(revisions.status(), session.err);
  std::string current = text_at(deployment, {"metadata", "annotations", kRevisionAnnotation}, "0");
  int64_t current_number =
      current.find_first_not_of("0123456789") == std::string::npos && current.size() < 18 ? std::stoll(current) : 0;
  const Revision* r = undo_target(*revisions, current_number, options.to_revision);
  if (r == nullptr) {
    return report_error(Status::not_found(options.to_revision == 0
                                              ? "no rollout history found for " + quoted_name(*target.kind, target.name)
                                              : "unable to find specified revision " +
                                                    std::to_string(options.to_revision) + " in history"),
                        session.err);
  }
  std::string label = qualified_name(*target.kind, target.name);
  api::Value tmpl = deployment_template(r->replica_set);
  const api::Value* now = at(deployment, {"spec", "template"});
  if (now != nullptr && *now == tmpl) {
    session.out << label << " skipped rollback (current template already matches revision " << r->number << ")\n";
    return 0;
  }
  // The change-cause is left to the server, which records this rollback as the
  // cause.
  api::Value op = api::Value::object();
  op.set("op", api::Value::string("replace"));
  op.set("path", api::Value::string("/spec/template"));
  op.set("value", std::move(tmpl));
  api::Value patch = api::Value::array();
  patch.push_back(std::move(op));
  Result<api::Value> patched = session.api.send("PATCH", target.path, patch, kJsonPatch);
  if (!patched.ok()) return report_error(patched.status(), session.err);
  session.out << label << " rolled back\n";
  return 0;
}

int rollout_pause(const Target& target, bool pause, Session& session) {
  Result<api::Value> deployment = session.api.get(target.path);
  if (!deployment.ok()) return report_error(deployment.status(), session.err);
  const api::Value* paused = at(*deployment, {"spec", "paused"});
  bool is_paused = paused != nullptr && paused->is_bool() && paused->as_bool();
  std::string label = qualified_name(*target.kind, target.name);
  if (is_paused == pause) {
    return report_error(Status::invalid_argument(label + (pause ? " is already paused" : " is not paused")),
                        session.err);
  }
  api::Value spec = api::Value::object();
  spec.set("paused", pause ? api::Value::boolean(true) : api::Value::null());
  api::Value patch = api::Value::object();
  patch.set("spec", std::move(spec));
  Result<api::Value> patched = session.api.send("PATCH", target.path, patch, kMergePatch);
  if (!patched.ok()) return report_error(patched.status(), session.err);
  session.out << label << (pause ? " paused" : " resumed") << "\n";
  return 0;
}

}  // namespace

int run_rollout(const RolloutOptions& options, Session& session) {
  Result<Target> target = deployment_target(options, session);
  if (!target.ok()) return report_error(target.status(), session.err);
  if (options.action == "status") return rollout_status(*target, options, session);
  if (options.action == "history") return rollout_history(*target, options, session);
  if (options.action == "undo") return rollout_undo(*target, options, session);
  if (options.action == "pause" || options.action == "resume") {
    return rollout_pause(*target, options.action == "pause", session);
  }
  return report_error(Status::invalid_argument("unknown rollout command \"" + options.action + "\""), session.err);
}

}  // namespace herd::cli::herdctl
