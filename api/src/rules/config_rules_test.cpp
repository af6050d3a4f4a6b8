#include <string>

#include <gtest/gtest.h>

#include "rules/rules_test_util.hpp"

namespace herd::api::rules {
namespace {

using testing::dump;
using testing::has_error;
using testing::validate;

ConfigMap myapp_config() {
  ConfigMap cm;
  cm.metadata.name = "myapp-config";
  cm.data = {{"key", "value"}, {"app.properties", "a=b\n"}};
  cm.binary_data = {{"logo.png", Bytes{std::string("\x89PNG", 4)}}};
  return cm;
}

Secret mariadb_secret() {
  Secret s;
  s.metadata.name = "mariadb-secrets";
  s.type = "Opaque";
  s.data = {{"root", Bytes{"portus"}}};
  return s;
}

// ConfigMap ------------------------------------------------------------------------

TEST(ConfigMapValidation, AcceptsValidKeys) {
  FieldErrors errors = validate(myapp_config());
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(ConfigMapValidation, RejectsKeysWithInvalidCharacters) {
  ConfigMap cm = myapp_config();
  cm.data["new key"] = "x";
  EXPECT_TRUE(has_error(validate(cm), "data[new key]", "a valid config key must consist of alphanumeric"));
}

TEST(ConfigMapValidation, RejectsDotKeys) {
  ConfigMap cm = myapp_config();
  cm.data = {{".", "x"}, {"..", "y"}, {"..data", "z"}};
  FieldErrors errors = validate(cm);
  EXPECT_TRUE(has_error(errors, "data[.]", "must not be '.'"));
  EXPECT_TRUE(has_error(errors, "data[..]", "must not be '..'"));
  EXPECT_TRUE(has_error(errors, "data[..data]", "must not start with '..'"));
}

TEST(ConfigMapValidation, RejectsOverlongKeys) {
  ConfigMap cm = myapp_config();
  cm.binary_data[std::string(254, 'k')] = Bytes{"x"};
  EXPECT_TRUE(has_error(validate(cm), "binaryData[" + std::string(254, 'k') + "]", "no more than 253 characters"));
}

TEST(ConfigMapValidation, RejectsKeyInBothDataAndBinaryData) {
  ConfigMap cm = myapp_config();
  cm.binary_data["key"] = Bytes{"v"};
  FieldErrors errors = validate(cm);
  EXPECT_TRUE(has_error(errors, "data[key]", "duplicate of key present in binaryData"));
  EXPECT_TRUE(has_error(errors, "binaryData[key]", "duplicate of key present in data"));
}

TEST(ConfigMapValidation, RejectsMoreThanOneMebibyte) {
  ConfigMap cm = myapp_config();
  cm.data["big"] = std::string(1024 * 1024, 'x');
  EXPECT_TRUE(has_error(validate(cm), "", "Too long: must have at most 1048576 bytes"));
}

TEST(ConfigMapValidation, ValidatesObjectMeta) {
  ConfigMap cm = myapp_config();
  cm.metadata.name.clear();
  EXPECT_TRUE(has_error(validate(cm), "metadata.name", "Required value"));
}

// Secret ----------------------------------------------------------------------------

TEST(SecretDefaults, StringDataIsMergedIntoDataAndCleared) {
  Secret s = mariadb_secret();
  s.string_data = {{"root", "override"}, {"user", "portus"}};
  apply_kind_defaults(s);
  EXPECT_TRUE(s.string_data.empty());
  EXPECT_EQ(s.data.at("root"), Bytes{"override"});
  EXPECT_EQ(s.data.at("user"), Bytes{"portus"});
}

TEST(SecretValidation, AcceptsTheSeedSecret) {
  FieldErrors errors = validate(mariadb_secret());
  EXPECT_TRUE(errors.list().empty()) << dump(errors);
}

TEST(SecretValidation, RejectsInvalidKeys) {
  Secret s = mariadb_secret();
  s.data["root/password"] = Bytes{"x"};
  EXPECT_TRUE(has_error(validate(s), "data[root/password]", "a valid config key"));
}

TEST(SecretValidation, RejectsMoreThanOneMebibyte) {
  Secret s = mariadb_secret();
  s.data["big"] = Bytes{std::string(1024 * 1024, 'x')};
  EXPECT_TRUE(has_error(validate(s), "data", "Too long"));
}

TEST(SecretValidation, TlsSecretsNeedCertificateAndKey) {
  Secret s = mariadb_secret();
  s.type = "kubernetes.io/tls";
  FieldErrors errors = validate(s);
  EXPECT_TRUE(has_error(errors, "data[tls.crt]", "Required value"));
  EXPECT_TRUE(has_error(errors, "data[tls.key]", "Required value"));
  s.data = {{"tls.crt", Bytes{"cert"}}, {"tls.key", Bytes{"key"}}};
  EXPECT_TRUE(validate(s).list().empty());
}

TEST(SecretValidation, DockerConfigJsonSecretsNeedTheirKey) {
  Secret s = mariadb_secret();
  s.type = "kubernetes.io/dockerconfigjson";
  EXPECT_TRUE(has_error(validate(s), "data[.dockerconfigjson]", "Required value"));
}

TEST(SecretValidation, BasicAuthNeedsUsernameOrPassword) {
  Secret s = mariadb_secret();
  s.type = "kubernetes.io/basic-auth";
  EXPECT_TRUE(has_error(validate(s), "data[username]", "Required value"));
  s.data["password"] = Bytes{""};
  EXPECT_TRUE(validate(s).list().empty());
}

TEST(SecretValidation, SshAuthNeedsAPrivateKey) {
  Secret s = mariadb_secret();
  s.type = "kubernetes.io/ssh-auth";
  EXPECT_TRUE(has_error(validate(s), "data[ssh-privatekey]", "Required value"));
}

TEST(SecretValidation, ServiceAccountTokenNeedsAccountAnnotation) {
  Secret s = mariadb_secret();
  s.type = "kubernetes.io/service-account-token";
  EXPECT_TRUE(has_error(validate(s), "metadata.annotations[kubernetes.io/service-account.name]",
                        "Required value"));
}

TEST(SecretValidation, CustomTypesNeedNoKeys) {
  Secret s = mariadb_secret();
  s.type = "example.com/whatever";
  s.data.clear();
  EXPECT_TRUE(validate(s).list().empty());
}

}  // namespace
}  // namespace herd::api::rules
