#include <gtest/gtest.h>

#include "herd/runtime/oci_spec.hpp"

namespace herd::runtime {
namespace {

using Words = std::vector<std::string>;

ImageConfig image(Words entrypoint, Words cmd) {
  ImageConfig config;
  config.entrypoint = std::move(entrypoint);
  config.cmd = std::move(cmd);
  return config;
}

api::Container container(Words command, Words args) {
  api::Container c;
  c.name = "app";
  c.command = std::move(command);
  c.args = std::move(args);
  return c;
}

Words run(const ImageConfig& img, const api::Container& c, const ContainerEnv& env = {}) {
  auto args = container_args(img, c, env);
  EXPECT_TRUE(args.ok()) << args.status().to_string();
  return args.ok() ? *args : Words{};
}

// The table of "Define a Command and Arguments for a Container"
// (kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/).
TEST(ContainerArgs, KubernetesDocsTable) {
  const ImageConfig img = image({"/ep-1"}, {"foo", "bar"});
  EXPECT_EQ(run(img, container({}, {})), (Words{"/ep-1", "foo", "bar"}));
  EXPECT_EQ(run(img, container({"/ep-2"}, {})), (Words{"/ep-2"}));
  EXPECT_EQ(run(img, container({}, {"zoo", "boo"})), (Words{"/ep-1", "zoo", "boo"}));
  EXPECT_EQ(run(img, container({"/ep-2"}, {"zoo", "boo"})), (Words{"/ep-2", "zoo", "boo"}));
}

TEST(ContainerArgs, ImagesWithOnlyCmdOrOnlyEntrypoint) {
  EXPECT_EQ(run(image({}, {"sh"}), container({}, {})), (Words{"sh"}));
  EXPECT_EQ(run(image({}, {"sh"}), container({}, {"-c", "true"})), (Words{"-c", "true"}));
  EXPECT_EQ(run(image({"/tini", "--"}, {}), container({}, {"app"})), (Words{"/tini", "--", "app"}));
  // An Entrypoint of [""] (docker build's ENTRYPOINT []) counts as none.
  EXPECT_EQ(run(image({""}, {"sh"}), container({}, {})), (Words{"sh"}));
}

TEST(ContainerArgs, ExpandsCommandAndArgsAgainstTheDeclaredEnv) {
  ContainerEnv env;
  env.declared = {{"GREETING", "hello"}, {"NAME", "world"}};
  env.process_env = {"PATH=/bin", "IMAGE_ONLY=x"};
  const ImageConfig img = image({"/ep-1"}, {"$(GREETING)"});
  EXPECT_EQ(run(img, container({"echo", "$(GREETING)"}, {"$(NAME)", "$$(NAME)", "$(PATH)"}), env),
            (Words{"echo", "hello", "world", "$(NAME)", "$(PATH)"}));
  // The image's own words are never expanded.
  EXPECT_EQ(run(img, container({}, {}), env), (Words{"/ep-1", "$(GREETING)"}));
}

TEST(ContainerArgs, NothingToRunIsAnError) {
  auto args = container_args(image({}, {}), container({}, {}), {});
  ASSERT_FALSE(args.ok());
  EXPECT_EQ(args.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(args.status().message(), "no command specified");
  EXPECT_FALSE(container_args(image({""}, {}), container({}, {}), {}).ok());
}

}  // namespace
}  // namespace herd::runtime
