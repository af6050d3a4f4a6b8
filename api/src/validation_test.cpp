#include "herd/api/validation.hpp"

#include <gtest/gtest.h>

#include "herd/api/manifest.hpp"

namespace herd::api {
namespace {

Object decode(const std::string& yaml) {
  Manifest m = decode_manifest(yaml, DecodeOptions{"t.yaml", true});
  EXPECT_EQ(m.objects.size(), 1u);
  return m.objects.at(0).object;
}

TEST(ValidateObject, AcceptsADecodedValidObject) {
  Object pod = decode("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: c, image: busybox}]\n");
  EXPECT_EQ(invalid_object_message(pod, validate_object(pod)), "");
}

TEST(ValidateObject, ReportsWhatCodeBrokeWithKubernetesWording) {
  Object pod = decode("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: c, image: busybox}]\n");
  std::get<Pod>(pod).spec.containers[0].image.clear();
  EXPECT_EQ(invalid_object_message(pod, validate_object(pod)),
            "Pod \"web\" is invalid: spec.containers[0].image: Required value");
  std::get<Pod>(pod).spec.restart_policy = "Sometimes";
  std::string two = invalid_object_message(pod, validate_object(pod));
  EXPECT_EQ(two.rfind("Pod \"web\" is invalid: [", 0), 0u) << two;
  EXPECT_NE(two.find("spec.restartPolicy: Unsupported value: \"Sometimes\""), std::string::npos) << two;
}

}  // namespace
}  // namespace herd::api
