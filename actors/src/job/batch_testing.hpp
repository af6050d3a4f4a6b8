#pragma once

// Test helpers for the Job and CronJob controllers: objects from YAML and
// from the seed manifests, as the core stores them after creating them, and
// FakeBatchCore, which carries out plans as the core does (just enough for
// multi-step scenarios), so a test reads "step at 0, pod fails at 30, step
// at 40". Header-only; tests only.

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "herd/api/manifest.hpp"
#include "herd/events/event_types.hpp"
#include "core/controller.hpp"
#include "job/batch_time.hpp"
#include "actors/testing/store_builders.hpp"

namespace herd::actors::testing {

/// A round time for schedules: 2026-03-01T10:00:00Z, minute 29539320 since the epoch.
inline constexpr int64_t kT0 = 1772359200;

/// How many commands of `plan` are `op`.
inline int count_ops(const Plan& plan, Command::Op op) {
  int n = 0;
  for (const Command& c : plan.commands) n += c.op == op ? 1 : 0;
  return n;
}

/// The one object of `yaml`, defaulted and validated, as the core stores it
/// after creating it: namespace "default", uid "uid-<name>", generation 1,
/// created at `created_seconds`.
inline api::Object created_from_yaml(const std::string& yaml, int64_t created_seconds = 0,
                                     const std::string& file = "test.yaml") {
  api::Manifest m = api::decode_manifest(yaml, api::DecodeOptions{file, true});
  EXPECT_EQ(m.error_count(), 0u) << (m.diagnostics.empty() ? "" : m.diagnostics[0].to_string());
  EXPECT_EQ(m.objects.size(), 1u);
  if (m.objects.empty()) return api::Object{};
  api::Object object = m.objects[0].object;
  api::ObjectMeta& meta = api::meta(object);
  if (meta.namespace_.empty()) meta.namespace_ = "default";
  meta.uid = "uid-" + meta.name;
  meta.generation = 1;
  meta.creation_timestamp = batch_time_text(at(created_seconds));
  return object;
}

/// A seed manifest from examples/seed, as created at `created_seconds`.
inline api::Object created_from_seed(const std::string& file, int64_t created_seconds = 0) {
  std::string path = std::string(HERD_SOURCE_DIR) + "/examples/seed/" + file;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  return created_from_yaml(text.str(), created_seconds, path);
}

/// A Job "work" (uid "uid-work") with `spec_fields` (YAML lines indented two
/// spaces, e.g. "  completions: 3\n") and a one-container template with
/// label app=work and `restart_policy`.
inline api::Job job_with(const std::string& spec_fields, const std::string& restart_policy = "Never",
                         int64_t created_seconds = 0) {
  std::string yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: work\nspec:\n" + spec_fields +
                     "  template:\n    metadata:\n      labels: {app: work}\n    spec:\n      containers:\n"
                     "      - name: main\n        image: busybox\n      restartPolicy: " + restart_policy + "\n";
  return std::get<api::Job>(created_from_yaml(yaml, created_seconds));
}

/// A pod `name` controlled by `job`, Pending and unscheduled until the
/// builder says otherwise.
inline PodBuilder job_pod(const api::Job& job, const std::string& name) {
  PodBuilder b(name, job.metadata.namespace_);
  b.controlled_by("Job", job.metadata.name, job.metadata.uid, "batch/v1");
  b.pod().spec = job.spec.pod_template.spec;
  return b;
}

/// A CronJob "hello" (uid "uid-hello") created at `created_seconds` with
/// `schedule` and `spec_fields` (YAML lines indented two spaces) and a
/// one-container job template.
inline api::CronJob cronjob_with(const std::string& schedule, const std::string& spec_fields = "",
                                 int64_t created_seconds = 0) {
  std::string yaml = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"" +
                     schedule + "\"\n" + spec_fields +
                     "  jobTemplate:\n    metadata:\n      labels: {app: hello}\n    spec:\n      template:\n"
                     "        spec:\n          containers:\n          - name: hello\n            image: busybox\n"
                     "          restartPolicy: OnFailure\n";
  return std::get<api::CronJob>(created_from_yaml(yaml, created_seconds));
}

/// A Job "<name>" controlled by `cronjob`, started at `start_seconds`;
/// `condition` "Complete" or "Failed" finishes it at `end_seconds`.
inline api::Job cronjob_child(const api::CronJob& cronjob, const std::string& name, int64_t start_seconds,
                              const std::string& condition = "", int64_t end_seconds = 0) {
  api::Job job;
  job.api_version = "batch/v1";
  job.kind = "Job";
  job.metadata.name = name;
  job.metadata.namespace_ = cronjob.metadata.namespace_;
  job.metadata.uid = "uid-" + name;
  job.metadata.creation_timestamp = batch_time_text(at(start_seconds));
  job.metadata.owner_references.push_back(
      {"batch/v1", "CronJob", cronjob.metadata.name, cronjob.metadata.uid, true, true});
  job.spec = cronjob.spec.job_template.spec;
  job.status.start_time = batch_time_text(at(start_seconds));
  if (!condition.empty()) {
    std::string end = batch_time_text(at(end_seconds));
    job.status.conditions.push_back(api::Condition{condition, "True", "", end, "", "", ""});
    if (condition == "Complete") job.status.completion_time = batch_time_text(at(end_seconds));
  }
  return job;
}

/// A container status `name` that has restarted `restarts` times.
inline api::ContainerStatus container_restarted(const std::string& name, int32_t restarts) {
  api::ContainerStatus s;
  s.name = name;
  s.restart_count = restarts;
  return s;
}

/// Marks `pod` finished in `phase` ("Succeeded" or "Failed") with its
/// container terminated at `finished_seconds`.
inline void finish_pod(api::Pod& pod, const std::string& phase, int64_t finished_seconds) {
  pod.status.phase = phase;
  api::ContainerStatus s;
  s.name = pod.spec.containers.empty() ? "main" : pod.spec.containers[0].name;
  api::ContainerStateTerminated t;
  t.exit_code = phase == "Succeeded" ? 0 : 1;
  t.reason = phase == "Succeeded" ? "Completed" : "Error";
  t.finished_at = batch_time_text(at(finished_seconds));
  s.state.terminated = t;
  pod.status.container_statuses = {s};
}

/// Carries out plans as the core would, for scenario tests: own events go
/// through events::apply; created objects get a name (generateName plus a
/// counter), a uid "uid-<name>" and a creation time; deleting a scheduled
/// pod only marks it terminating; deleting anything else removes it.
class FakeBatchCore {
 public:
  FakeBatchCore(std::unique_ptr<Controller> controller, api::Object self)
      : controller_(std::move(controller)), self_(std::move(self)) {
    store_.put(stored(self_, seq_));
  }

  /// One reconcile at `now_seconds`, carried out.
  Plan step(int64_t now_seconds) { return step_at(at(now_seconds)); }
  Plan step_at(Clock::TimePoint now) {
    Plan plan = controller_->reconcile(*stored(self_, seq_), store_, now);
    for (const OwnEvent& e : plan.events) apply_own(e, now);
    store_.put(stored(self_, seq_));
    for (const Command& c : plan.commands) carry_out(c, now);
    return plan;
  }

  /// Reconciles the current state at `now_seconds` twice with this core's
  /// controller and once with a fresh one from the registry (as after a
  /// restart), expecting the same plan each time. Carries nothing out.
  void expect_same_plan(int64_t now_seconds) {
    ObjectPtr self = stored(self_, seq_);
    Plan a = controller_->reconcile(*self, store_, at(now_seconds));
    Plan b = controller_->reconcile(*self, store_, at(now_seconds));
    std::unique_ptr<Controller> fresh = make_controller(api::kind_of(self_).kind);
    ASSERT_NE(fresh, nullptr) << "no controller registered for " << api::kind_of(self_).kind;
    EXPECT_EQ(describe(a), describe(b));
    EXPECT_EQ(describe(a), describe(fresh->reconcile(*self, store_, at(now_seconds))));
  }

  ObjectStore& store() { return store_; }
  const api::Object& self() const { return self_; }
  /// Replaces the object (as a user's update would).
  void set_self(api::Object self) {
    self_ = std::move(self);
    store_.put(stored(self_, ++seq_));
  }
  template <class T>
  const T& self_as() const { return std::get<T>(self_); }

  /// The objects of `kind` the reconciled object owns, in key order.
  std::vector<ObjectPtr> owned(std::string_view kind) const {
    std::vector<ObjectPtr> out;
    for (const ObjectPtr& o : store_.owned_by(api::meta(self_).uid)) {
      if (api::kind_of(o->object).kind == kind) out.push_back(o);
    }
    return out;
  }

  /// Changes a stored object in place (a node or another controller at work).
  template <class T, class F>
  void edit(const std::string& key, F&& change) {
    ObjectPtr o = store_.get(key);
    ASSERT_NE(o, nullptr) << key;
    api::Object object = o->object;
    change(std::get<T>(object));
    store_.put(stored(object, o->seq + 1));
  }

 private:
  void apply_own(const OwnEvent& own, Clock::TimePoint now) {
    events::Event e = events::event_about(self_, ++seq_, controller_actor(api::kind_of(self_).kind), {});
    e.type = own.type;
    e.data = own.data;
    e.time_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
    std::optional<api::Object> o = self_;
    Status s = events::apply(o, e);
    ASSERT_TRUE(s.ok()) << s.to_string();
    self_ = *o;
  }

  void carry_out(const Command& c, Clock::TimePoint now) {
    if (c.op == Command::Op::kCreate) {
      api::Object object = *c.object;
      api::ObjectMeta& m = api::meta(object);
      if (m.name.empty()) m.name = m.generate_name + std::to_string(next_++);
      if (m.namespace_.empty()) m.namespace_ = "default";
      m.uid = "uid-" + m.name;
      m.creation_timestamp = batch_time_text(now);
      m.generation = 1;
      if (auto* pod = std::get_if<api::Pod>(&object)) pod->status.phase = "Pending";
      ObjectPtr existing = store_.get(stored(object)->key);
      EXPECT_EQ(existing, nullptr) << "created twice: " << stored(object)->key;
      store_.put(stored(object));
    } else if (c.op == Command::Op::kDelete) {
      ObjectPtr o = store_.get(c.key);
      ASSERT_NE(o, nullptr) << "deleting what is gone: " << c.key;
      const auto* pod = std::get_if<api::Pod>(&o->object);
      if (pod != nullptr && !pod->spec.node_name.empty()) {
        api::Object object = o->object;
        api::meta(object).deletion_timestamp = batch_time_text(now);
        store_.put(stored(object, o->seq + 1));
      } else {
        store_.erase(c.key);
      }
    } else if (c.object) {
      store_.put(stored(*c.object, store_.get(c.key) ? store_.get(c.key)->seq + 1 : 1));
    }
  }

  std::unique_ptr<Controller> controller_;
  api::Object self_;
  uint64_t seq_ = 1;
  int next_ = 0;
  ObjectStore store_;
};

}  // namespace herd::actors::testing
