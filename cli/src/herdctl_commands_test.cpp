#include "herd/cli/herdctl_commands.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "herd/api/codec.hpp"

namespace herd::cli {
namespace {

struct CommandRun {
  int code;
  std::string out;
  std::string err;
};

CommandRun validate(std::vector<std::string> files, bool lenient = false, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  int code = run_validate(ValidateOptions{std::move(files), false, lenient}, in, out, err);
  return {code, out.str(), err.str()};
}

CommandRun convert(std::vector<std::string> files, const std::string& output, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  int code = run_convert(ConvertOptions{std::move(files), false, false, output}, in, out, err);
  return {code, out.str(), err.str()};
}

const std::string kExamples = HERD_SOURCE_DIR "/examples/seed";
const std::string kSeed = HERD_SHARED_DIR "/seed/manifests";

TEST(HerdctlValidate, CorrectedExamplesAreAllValid) {
  CommandRun r = validate({kExamples});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(r.out, "12 objects in 12 files: 12 valid, 0 invalid; 0 errors, 0 warnings\n");
}

TEST(HerdctlValidate, VerbatimSeedFailsWithOneLinePerProblemAndASummary) {
  CommandRun r = validate({kSeed});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find(kSeed + "/service-registry.yaml:12:3: spec.targetPort: unknown field; did you mean "
                                "spec.ports[0].targetPort?\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("in 12 files: 5 valid, 4 invalid;"), std::string::npos) << r.out;
}

TEST(HerdctlValidate, ReadsStdinAndLenientTurnsUnknownFieldsIntoWarnings) {
  std::string text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  colour: blue\n";
  CommandRun strict = validate({"-"}, false, text);
  EXPECT_EQ(strict.code, 1);
  EXPECT_NE(strict.out.find("-:5:3: metadata.colour: unknown field"), std::string::npos) << strict.out;
  CommandRun lenient = validate({"-"}, true, text);
  EXPECT_EQ(lenient.code, 0);
  EXPECT_NE(lenient.out.find("-:5:3: warning: metadata.colour: unknown field"), std::string::npos);
}

TEST(HerdctlValidate, MissingFileIsAnErrorNamingIt) {
  CommandRun r = validate({"/nonexistent/x.yaml"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "error: /nonexistent/x.yaml: no such file or directory\n");
}

TEST(HerdctlConvert, PrintsLegacyDeploymentAsAppsV1WithDefaults) {
  CommandRun r = convert({kSeed + "/deployment-sise-deploy.yaml"}, "yaml");
  EXPECT_EQ(r.code, 0) << r.err;
  api::ParsedText parsed = api::parse_yaml(r.out);
  ASSERT_EQ(parsed.documents.size(), 1u) << r.out;
  const api::Value& d = parsed.documents[0];
  EXPECT_EQ(d.find("apiVersion")->as_string(), "apps/v1");
  EXPECT_EQ(d.find("spec")->find("selector")->find("matchLabels")->find("app")->as_string(), "sise");
  EXPECT_EQ(d.find("spec")->find("revisionHistoryLimit")->as_int(), 2);
  EXPECT_EQ(d.find("spec")->find("strategy")->find("type")->as_string(), "RollingUpdate");
}

TEST(HerdctlConvert, JsonOfSeveralObjectsIsAList) {
  CommandRun r = convert({kExamples + "/service-registry.yaml", kExamples + "/ingress-registry.yaml"}, "json");
  EXPECT_EQ(r.code, 0) << r.err;
  api::ParsedText parsed = api::parse_json(r.out);
  ASSERT_EQ(parsed.documents.size(), 1u);
  EXPECT_EQ(parsed.documents[0].find("kind")->as_string(), "List");
  const auto& items = parsed.documents[0].find("items")->as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].find("apiVersion")->as_string(), "networking.k8s.io/v1");
}

TEST(HerdctlConvert, InvalidObjectsAreReportedAndLeftOut) {
  CommandRun r = convert({kSeed + "/service-registry.yaml"}, "yaml");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("spec.targetPort: unknown field"), std::string::npos);
}

}  // namespace
}  // namespace herd::cli
