#include "actors/testing/control_plane_fixture.hpp"

#include <fstream>
#include <sstream>
#include <thread>

#include "herd/runtime/simulated_runtime.hpp"

namespace herd::actors::testing {

void ControlPlaneFixture::start(events::EventLog& log, int simulated_nodes) {
  ControlPlaneOptions options;
  options.log = &log;
  options.clock = &clock_;
  options.timer_tick = std::chrono::milliseconds(0);
  options.heartbeat_interval = heartbeat;
  for (int i = 0; i < simulated_nodes; ++i) {
    ControlPlaneOptions::NodeSpec node;
    node.name = "sim-node-" + std::to_string(i);
    std::chrono::milliseconds delay = pod_start_delay;
    node.make_runtime = [delay, i](runtime::RuntimeServices services) -> std::unique_ptr<runtime::PodRuntime> {
      runtime::SimulatedRuntimeOptions o;
      o.start_delay = delay;
      o.node_index = i;
      return std::make_unique<runtime::SimulatedRuntime>(std::move(services.scheduler), o);
    };
    options.nodes.push_back(std::move(node));
  }
  Result<std::unique_ptr<ControlPlane>> started = ControlPlane::start(std::move(options));
  ASSERT_TRUE(started.ok()) << started.status().to_string();
  plane_ = std::move(*started);
  settle();
}

void ControlPlaneFixture::settle() {
  ASSERT_TRUE(plane_->wait_idle(std::chrono::seconds(30))) << "the control plane did not settle within 30 s";
}

void ControlPlaneFixture::advance(std::chrono::milliseconds by, std::chrono::milliseconds step) {
  settle();
  while (by.count() > 0) {
    std::chrono::milliseconds d = std::min(by, step);
    clock_.advance(d);
    by -= d;
    // Timers may start work that schedules more timers due now.
    while (plane_->fire_timers() > 0) settle();
    settle();
  }
}

ObjectView ControlPlaneFixture::apply_yaml(const std::string& yaml) {
  api::Manifest m = api::decode_manifest(yaml, api::DecodeOptions{"test.yaml", true});
  EXPECT_EQ(m.objects.size(), 1u);
  EXPECT_EQ(m.error_count(), 0u);
  Result<ObjectView> r = plane_->create(m.objects.at(0).object, "user:test");
  EXPECT_TRUE(r.ok()) << r.status().to_string();
  return r.ok() ? *r : ObjectView{};
}

std::vector<api::Object> ControlPlaneFixture::read_file(const std::string& path) {
  std::ifstream in(std::string(HERD_SOURCE_DIR) + "/" + path);
  EXPECT_TRUE(in) << path;
  std::stringstream text;
  text << in.rdbuf();
  api::Manifest m = api::decode_manifest(text.str(), api::DecodeOptions{path, true});
  EXPECT_FALSE(m.objects.empty()) << path;
  EXPECT_EQ(m.error_count(), 0u) << path;
  std::vector<api::Object> objects;
  for (auto& o : m.objects) objects.push_back(std::move(o.object));
  return objects;
}

void ControlPlaneFixture::apply_file(const std::string& path) {
  std::vector<api::Object> objects = read_file(path);
  ASSERT_FALSE(objects.empty()) << path;
  for (auto& o : objects) {
    Result<ObjectView> r = plane_->create(std::move(o), "user:test");
    ASSERT_TRUE(r.ok()) << path << ": " << r.status().to_string();
  }
}

bool ControlPlaneFixture::advance_until(const std::function<bool()>& done, std::chrono::milliseconds limit,
                                        std::chrono::milliseconds step) {
  settle();
  for (std::chrono::milliseconds waited{0}; !done(); waited += step) {
    if (waited >= limit) return false;
    advance(step, step);
  }
  return true;
}

void ControlPlaneFixture::expect_replay_matches(events::EventLog& log) {
  settle();
  events::ClusterState state;
  Result<events::ReplayStats> stats = events::replay(log, state);
  ASSERT_TRUE(stats.ok()) << stats.status().to_string();
  EXPECT_EQ(state.digest(), plane_->digest()) << "replaying the log does not give the live state";
}

}  // namespace herd::actors::testing
