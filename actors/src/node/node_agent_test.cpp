#include "node/node_agent.hpp"

#include <gtest/gtest.h>

namespace herd::actors {
namespace {

api::ContainerStatus terminated(const std::string& name, int32_t code) {
  api::ContainerStatus s;
  s.name = name;
  s.state.terminated = api::ContainerStateTerminated{};
  s.state.terminated->exit_code = code;
  return s;
}

api::Pod pod_with(const std::string& policy) {
  api::Pod p;
  p.spec.restart_policy = policy;
  p.spec.init_containers.resize(1);
  p.spec.init_containers[0].name = "setup";
  p.spec.containers.resize(1);
  p.spec.containers[0].name = "app";
  return p;
}

TEST(FinalPhase, AFailedInitContainerFailsAPodThatNeverRestarts) {
  api::Pod p = pod_with("Never");
  EXPECT_EQ(final_phase(p), "");
  p.status.init_container_statuses = {terminated("setup", 0)};
  EXPECT_EQ(final_phase(p), "") << "the app container has not run yet";
  p.status.init_container_statuses = {terminated("setup", 1)};
  EXPECT_EQ(final_phase(p), "Failed");
  p.spec.restart_policy = "OnFailure";
  EXPECT_EQ(final_phase(p), "") << "OnFailure runs the init container again";
}

TEST(FinalPhase, AppContainersDecideOnceTheyHaveAllEnded) {
  api::Pod p = pod_with("Never");
  p.status.init_container_statuses = {terminated("setup", 0)};
  p.status.container_statuses = {terminated("app", 0)};
  EXPECT_EQ(final_phase(p), "Succeeded");
  p.status.container_statuses = {terminated("app", 2)};
  EXPECT_EQ(final_phase(p), "Failed");
  p.spec.restart_policy = "Always";
  EXPECT_EQ(final_phase(p), "");
}

}  // namespace
}  // namespace herd::actors
