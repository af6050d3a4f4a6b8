#include "herd/runtime/container_env.hpp"

#include <gtest/gtest.h>

#include "oci/oci_testing.hpp"

namespace herd::runtime {
namespace {

using oci::testing::FakeConfigSource;
using oci::testing::pod_from_yaml;

// A pod "web" in "default" whose container "app" has the given env/envFrom
// (YAML lines indented for the container).
api::Pod pod_with(std::string_view container_fields) {
  return pod_from_yaml(R"yaml(apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
  uid: 6d9c2f7e-1111-2222-3333-444455556666
  labels: {app: web, tier: front}
  annotations: {team: core}
spec:
  nodeName: node-1
  serviceAccountName: builder
  containers:
  - name: app
    image: nginx
    resources:
      limits: {cpu: 500m, memory: 64Mi}
      requests: {cpu: 250m, memory: 32Mi}
)yaml" + std::string(container_fields));
}

PodEnvContext context() {
  PodEnvContext where;
  where.pod_ips = {"10.1.0.7", "fd00::7"};
  where.host_ip = "192.168.1.10";
  where.hostname = "web";
  where.node_allocatable.cpu = api::Quantity::from_int(4);
  where.node_allocatable.memory = api::Quantity::from_int(8LL << 30);
  return where;
}

std::vector<EnvVarValue> vars(std::initializer_list<std::pair<const char*, const char*>> list) {
  std::vector<EnvVarValue> out;
  for (const auto& [name, value] : list) {
    out.push_back({name, value});
  }
  return out;
}

Result<ContainerEnv> env_of(const api::Pod& pod, const FakeConfigSource& configs,
                            const std::vector<std::string>& image_env = {}) {
  return container_env(pod, pod.spec.containers[0], image_env, context(), configs);
}

TEST(ContainerEnv, ImageEnvComesFirstAndPodEnvOverridesItInPlace) {
  api::Pod pod = pod_with(R"yaml(    env:
    - {name: LANG, value: en_US.UTF-8}
    - {name: APP_MODE, value: prod}
)yaml");
  FakeConfigSource configs;
  auto env = env_of(pod, configs, {"PATH=/opt/bin:/usr/bin", "LANG=C", "NGINX_VERSION=1.25"});
  ASSERT_TRUE(env.ok()) << env.status().to_string();
  EXPECT_EQ(env->declared, vars({{"LANG", "en_US.UTF-8"}, {"APP_MODE", "prod"}}));
  EXPECT_EQ(env->process_env,
            (std::vector<std::string>{"PATH=/opt/bin:/usr/bin", "HOSTNAME=web", "LANG=en_US.UTF-8",
                                      "NGINX_VERSION=1.25", "APP_MODE=prod"}));
  EXPECT_TRUE(env->warnings.empty());
}

TEST(ContainerEnv, DefaultPathWhenTheImageHasNone) {
  FakeConfigSource configs;
  auto env = env_of(pod_with(""), configs);
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(
      env->process_env,
      (std::vector<std::string>{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                "HOSTNAME=web"}));
}

TEST(ContainerEnv, PodMayOverridePathAndHostname) {
  FakeConfigSource configs;
  auto env = env_of(pod_with(R"yaml(    env:
    - {name: HOSTNAME, value: custom}
    - {name: PATH, value: /bin}
)yaml"),
                    configs, {"PATH=/usr/bin"});
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->process_env, (std::vector<std::string>{"PATH=/bin", "HOSTNAME=custom"}));
}

TEST(ContainerEnv, EnvFromFirstThenEnvOverridesLaterNamesWin) {
  FakeConfigSource configs;
  configs.add_config_map("default", "app-config", {{"MODE", "debug"}, {"PORT", "8080"}});
  configs.add_secret("default", "db", {{"PASSWORD", "s3cret"}, {"USER", "admin"}});
  auto env = env_of(pod_with(R"yaml(    envFrom:
    - configMapRef: {name: app-config}
    - secretRef: {name: db}
      prefix: DB_
    - configMapRef: {name: app-config}
      prefix: APP_
    env:
    - {name: PORT, value: "9090"}
    - {name: DB_USER, value: root}
    - {name: EXTRA, value: "1"}
    - {name: EXTRA, value: "2"}
)yaml"),
                    configs);
  ASSERT_TRUE(env.ok()) << env.status().to_string();
  EXPECT_EQ(env->declared, vars({{"MODE", "debug"},
                                 {"PORT", "9090"},
                                 {"DB_PASSWORD", "s3cret"},
                                 {"DB_USER", "root"},
                                 {"APP_MODE", "debug"},
                                 {"APP_PORT", "8080"},
                                 {"EXTRA", "2"}}));
}

TEST(ContainerEnv, EnvFromKeysThatAreNotVariableNamesAreSkippedAndReported) {
  FakeConfigSource configs;
  configs.add_config_map(
      "default", "mixed",
      {{"good.key", "1"}, {"1starts-with-digit", "2"}, {"has space", "3"}, {"..dots", "4"}});
  configs.add_secret("default", "creds", {{"ok", "x"}, {"not ok", "y"}});
  auto env = env_of(pod_with(R"yaml(    envFrom:
    - configMapRef: {name: mixed}
    - secretRef: {name: creds}
      prefix: S_
)yaml"),
                    configs);
  ASSERT_TRUE(env.ok()) << env.status().to_string();
  EXPECT_EQ(env->declared, vars({{"good.key", "1"}, {"S_ok", "x"}}));
  ASSERT_EQ(env->warnings.size(), 2u);
  EXPECT_EQ(env->warnings[0].reason, "InvalidEnvironmentVariableNames");
  EXPECT_EQ(env->warnings[0].message,
            "Keys [..dots, 1starts-with-digit, has space] from the EnvFrom configMap default/mixed "
            "were skipped since they are considered invalid environment variable names.");
  EXPECT_EQ(env->warnings[1].message,
            "Keys [S_not ok] from the EnvFrom secret default/creds were skipped since they are "
            "considered invalid environment variable names.");
}

TEST(ContainerEnv, ValuesExpandReferencesToEarlierVariablesOnly) {
  FakeConfigSource configs;
  configs.add_config_map("default", "cfg", {{"HOST", "db.local"}});
  auto env = env_of(pod_with(R"yaml(    envFrom:
    - configMapRef: {name: cfg}
    env:
    - {name: PORT, value: "5432"}
    - {name: URL, value: "postgres://$(HOST):$(PORT)/$(DB_NAME)"}
    - {name: DB_NAME, value: app}
    - {name: ESCAPED, value: "$$(PORT) costs $$5"}
    - {name: FROM_IMAGE, value: "$(PATH)"}
    - {name: SELF, value: "[$(SELF)]"}
    - {name: PORT, value: "$(PORT)0"}
)yaml"),
                    configs, {"PATH=/usr/bin"});
  ASSERT_TRUE(env.ok()) << env.status().to_string();
  EXPECT_EQ(env->declared, vars({{"HOST", "db.local"},
                                 {"PORT", "54320"},
                                 {"URL", "postgres://db.local:5432/$(DB_NAME)"},
                                 {"DB_NAME", "app"},
                                 {"ESCAPED", "$(PORT) costs $5"},
                                 // The kubelet does not see the image's Env.
                                 {"FROM_IMAGE", "$(PATH)"},
                                 {"SELF", "[$(SELF)]"}}));
}

TEST(ContainerEnv, ConfigMapAndSecretKeyRefs) {
  FakeConfigSource configs;
  configs.add_config_map("default", "app-config", {{"log_level", "info"}});
  configs.add_secret("default", "mariadb-secrets", {{"root", "hunter2"}});
  auto env = env_of(pod_with(R"yaml(    env:
    - name: LOG_LEVEL
      valueFrom: {configMapKeyRef: {name: app-config, key: log_level}}
    - name: MARIADB_ROOT_PASSWORD
      valueFrom: {secretKeyRef: {name: mariadb-secrets, key: root}}
    - name: AGAIN
      valueFrom: {configMapKeyRef: {name: app-config, key: log_level}}
)yaml"),
                    configs);
  ASSERT_TRUE(env.ok()) << env.status().to_string();
  EXPECT_EQ(env->declared,
            vars({{"LOG_LEVEL", "info"}, {"MARIADB_ROOT_PASSWORD", "hunter2"}, {"AGAIN", "info"}}));
  EXPECT_EQ(configs.reads(), 2) << "each object is read once";
}

TEST(ContainerEnv, OptionalReferencesToMissingObjectsOrKeysLeaveVariablesUnset) {
  FakeConfigSource configs;
  configs.add_config_map("default", "present", {{"a", "1"}});
  auto env = env_of(pod_with(R"yaml(    envFrom:
    - configMapRef: {name: absent, optional: true}
    - secretRef: {name: absent, optional: true}
    env:
    - name: MISSING_MAP
      valueFrom: {configMapKeyRef: {name: absent, key: a, optional: true}}
    - name: MISSING_KEY
      valueFrom: {configMapKeyRef: {name: present, key: b, optional: true}}
    - name: MISSING_SECRET
      valueFrom: {secretKeyRef: {name: absent, key: a, optional: true}}
    - name: PRESENT
      valueFrom: {configMapKeyRef: {name: present, key: a, optional: true}}
)yaml"),
                    configs);
  ASSERT_TRUE(env.ok()) << env.status().to_string();
  EXPECT_EQ(env->declared, vars({{"PRESENT", "1"}}));
}

TEST(ContainerEnv, EveryDownwardApiField) {
  FakeConfigSource configs;
  auto env = env_of(pod_with(R"yaml(    env:
    - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
    - {name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
    - {name: POD_UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}
    - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
    - {name: TEAM, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['team']"}}}
    - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
    - {name: SA, valueFrom: {fieldRef: {fieldPath: spec.serviceAccountName}}}
    - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
    - {name: POD_IPS, valueFrom: {fieldRef: {fieldPath: status.podIPs}}}
    - {name: HOST_IP, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
    - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}
    - {name: MEM_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
    - {name: CPU_REQUEST, valueFrom: {resourceFieldRef: {resource: requests.cpu}}}
    - {name: MEM_REQUEST_MI, valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Mi}}}
    - {name: ADDR, value: "$(POD_IP):80"}
)yaml"),
                    configs);
  ASSERT_TRUE(env.ok()) << env.status().to_string();
  EXPECT_EQ(env->declared, vars({{"POD_NAME", "web"},
                                 {"POD_NAMESPACE", "default"},
                                 {"POD_UID", "6d9c2f7e-1111-2222-3333-444455556666"},
                                 {"APP", "web"},
                                 {"TEAM", "core"},
                                 {"NODE", "node-1"},
                                 {"SA", "builder"},
                                 {"POD_IP", "10.1.0.7"},
                                 {"POD_IPS", "10.1.0.7,fd00::7"},
                                 {"HOST_IP", "192.168.1.10"},
                                 {"CPU_LIMIT", "500"},
                                 {"MEM_LIMIT", "67108864"},
                                 {"CPU_REQUEST", "1"},
                                 {"MEM_REQUEST_MI", "32"},
                                 {"ADDR", "10.1.0.7:80"}}));
}

TEST(ContainerEnv, MissingConfigMapIsCreateContainerConfigError) {
  FakeConfigSource configs;
  auto env = env_of(pod_with(R"yaml(    env:
    - name: LOG_LEVEL
      valueFrom: {configMapKeyRef: {name: app-config, key: log_level}}
)yaml"),
                    configs);
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env.status().message(), R"(configmap "app-config" not found)");
}

TEST(ContainerEnv, MissingSecretOfEnvFromIsAnError) {
  FakeConfigSource configs;
  auto env = env_of(pod_with(R"yaml(    envFrom:
    - secretRef: {name: db}
)yaml"),
                    configs);
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(env.status().message(), R"(secret "db" not found)");
}

TEST(ContainerEnv, MissingKeysNameTheObject) {
  FakeConfigSource configs;
  configs.add_secret("default", "mariadb-secrets", {{"user", "x"}});
  configs.add_config_map("default", "app-config", {});
  auto secret_key = env_of(pod_with(R"yaml(    env:
    - name: MARIADB_ROOT_PASSWORD
      valueFrom: {secretKeyRef: {name: mariadb-secrets, key: root}}
)yaml"),
                           configs);
  ASSERT_FALSE(secret_key.ok());
  EXPECT_EQ(secret_key.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(secret_key.status().message(),
            "couldn't find key root in Secret default/mariadb-secrets");
  auto map_key = env_of(pod_with(R"yaml(    env:
    - name: LOG_LEVEL
      valueFrom: {configMapKeyRef: {name: app-config, key: log_level}}
)yaml"),
                        configs);
  ASSERT_FALSE(map_key.ok());
  EXPECT_EQ(map_key.status().message(),
            "couldn't find key log_level in ConfigMap default/app-config");
}

TEST(ContainerEnv, OtherConfigSourceErrorsPassThroughEvenWhenOptional) {
  FakeConfigSource configs;
  configs.fail_with(Status::unavailable("control plane unreachable"));
  auto env = env_of(pod_with(R"yaml(    envFrom:
    - configMapRef: {name: app-config, optional: true}
)yaml"),
                    configs);
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(env.status().message(), R"(configmap "default/app-config": control plane unreachable)");
}

TEST(ContainerEnv, UnsupportedFieldRefIsAnError) {
  api::Pod pod = pod_with("");
  api::EnvVar var;
  var.name = "X";
  var.value_from.emplace().field_ref.emplace().field_path = "spec.restartPolicy";
  pod.spec.containers[0].env.push_back(var);
  FakeConfigSource configs;
  auto env = env_of(pod, configs);
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(env.status().message(), "field label not supported: spec.restartPolicy");
}

TEST(PodHostname, SpecHostnameElseNameCutTo63WithoutTrailingDashOrDot) {
  api::Pod pod;
  pod.metadata.name = "web-0";
  EXPECT_EQ(pod_hostname(pod), "web-0");
  pod.spec.hostname = "db";
  EXPECT_EQ(pod_hostname(pod), "db");
  pod.spec.hostname.clear();
  pod.metadata.name = std::string(61, 'a') + ".-bcd";
  EXPECT_EQ(pod_hostname(pod), std::string(61, 'a'));
}

}  // namespace
}  // namespace herd::runtime
