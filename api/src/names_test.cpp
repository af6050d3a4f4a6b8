#include "herd/api/names.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace herd::api {
namespace {

using Check = std::vector<std::string> (*)(std::string_view);

// Expects every value in `good` to pass and every value in `bad` to fail.
void expect_good_and_bad(Check check, const std::vector<std::string>& good,
                         const std::vector<std::string>& bad) {
  for (const std::string& value : good) {
    EXPECT_EQ(check(value), std::vector<std::string>{}) << "value: '" << value << "'";
  }
  for (const std::string& value : bad) {
    EXPECT_FALSE(check(value).empty()) << "value: '" << value << "'";
  }
}

const std::string kSubdomainMessage =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const std::string kLabelMessage =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const std::string kNamePartRegexMessage =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
    "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

// Kubernetes' RegexError really produces "'a',  or 'b'" (comma, double space); see names.cpp.
// Tables below follow Kubernetes' pkg/util/validation/validation_test.go.

TEST(Dns1123Label, AcceptsKubernetesGoodValues) {
  expect_good_and_bad(&is_dns1123_label,
                      {"a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a",
                       "1--a--b--2", std::string(63, 'a')},
                      {"", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_",
                       "a_", "_a", "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a.b", "1.", ".1",
                       "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", std::string(64, 'a')});
}

TEST(Dns1123Label, ReportsDotsSeparatelyFromFormat) {
  EXPECT_EQ(is_dns1123_label("a.b"), std::vector<std::string>{"must not contain dots"});
  EXPECT_EQ(is_dns1123_label("A_b"), std::vector<std::string>{kLabelMessage});
}

TEST(Dns1123Label, ReportsLengthAndFormatTogether) {
  std::vector<std::string> expected = {"must be no more than 63 characters"};
  EXPECT_EQ(is_dns1123_label(std::string(64, 'a')), expected);
  expected.push_back(kLabelMessage);
  EXPECT_EQ(is_dns1123_label(std::string(64, 'A')), expected);
}

TEST(Dns1123Subdomain, AcceptsKubernetesGoodValues) {
  expect_good_and_bad(
      &is_dns1123_subdomain,
      {"a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2",
       "a.a", "ab.a", "abc.a", "a1.a", "a-1.a", "a--1--2--b.a", "a.1", "ab.1", "abc.1", "a1.1",
       "a-1.1", "a--1--2--b.1", "0.a", "01.a", "012.a", "1a.a", "1-a.a", "1--a--b--2",
       "0.1", "01.1", "012.1", "1a.1", "1-a.1", "1--a--b--2.1", "a.b.c.d.e", "aa.bb.cc.dd.ee",
       "1.2.3.4.5", "11.22.33.44.55", std::string(253, 'a')},
      {"", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a",
       "a_b", "1_", "_1", "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ", "a ", " a",
       "a b", "1 ", " 1", "1 2", "A.a", "aB.a", "ab.A", "A1.a", "a1.A", "A.1", "aB.1", "A1.1",
       "1A.1", "0.A", "01.A", "012.A", "1A.a", "1a.A", "A.B.C.D.E", "AA.BB.CC.DD.EE",
       "a.B.c.d.e", "aa.bB.cc.dd.ee", "a@b", "a,b", "a_b", "a;b", "a:b", "a%b", "a?b", "a$b",
       std::string(254, 'a')});
}

TEST(Dns1123Subdomain, UsesKubernetesWording) {
  EXPECT_EQ(is_dns1123_subdomain("Foo"), std::vector<std::string>{kSubdomainMessage});
  EXPECT_EQ(is_dns1123_subdomain(std::string(254, 'a')),
            std::vector<std::string>{"must be no more than 253 characters"});
}

TEST(QualifiedName, AcceptsKubernetesGoodValues) {
  expect_good_and_bad(
      &is_qualified_name,
      {"simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple",
       "now-with-dashes/simple", "now-with-dashes/now-with-dashes", "now.with.dots/simple",
       "now-with.dashes-and.dots/simple", "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678",
       "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123", "requests.storage-foo",
       std::string(63, 'a'), std::string(253, 'a') + "/" + std::string(63, 'b')},
      {"nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash",
       "Example.com/abc", "example_com/abc", "example.com/", "/simple", std::string(64, 'a'),
       std::string(254, 'a') + "/abc"});
}

TEST(QualifiedName, PrefixesMessagesWithThePartAtFault) {
  EXPECT_EQ(is_qualified_name("/simple"),
            std::vector<std::string>{"prefix part must be non-empty"});
  EXPECT_EQ(is_qualified_name("Example.com/abc"),
            std::vector<std::string>{"prefix part " + kSubdomainMessage});
  EXPECT_EQ(is_qualified_name("example.com/"),
            (std::vector<std::string>{"name part must be non-empty", kNamePartRegexMessage}));
  EXPECT_EQ(is_qualified_name(std::string(64, 'a')),
            std::vector<std::string>{"name part must be no more than 63 characters"});
}

TEST(QualifiedName, RejectsTwoSlashesWithOneMessage) {
  std::vector<std::string> errs = is_qualified_name("only/one/slash");
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0],
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must "
            "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
            "or '123-abc', regex used for validation is "
            "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') "
            "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
}

TEST(LabelValue, AcceptsEmptyAndKubernetesGoodValues) {
  expect_good_and_bad(&is_valid_label_value,
                      {"", "simple", "now-with-dashes", "1-starts-with-num", "end-with-num-1",
                       "1234", "Mixed_Case.value", std::string(63, 'a')},
                      {"nospecialchars%^=@", "Tama-nui-te-r\xc4\x81.is.M\xc4\x81ori.sun",
                       "\\backslashes\\are\\bad", "-starts-with-dash", "ends-with-dash-",
                       ".starts.with.dot", "ends.with.dot.", "has space", std::string(64, 'a')});
}

TEST(LabelValue, UsesKubernetesWording) {
  EXPECT_EQ(is_valid_label_value("-x"),
            std::vector<std::string>{
                "a valid label must be an empty string or consist of alphanumeric characters, "
                "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
                "'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"});
  EXPECT_EQ(is_valid_label_value(std::string(64, 'a')),
            std::vector<std::string>{"must be no more than 63 characters"});
}

TEST(CIdentifier, AcceptsKubernetesGoodValues) {
  expect_good_and_bad(&is_c_identifier,
                      {"a", "ab", "abc", "a1", "_a", "a_", "a_b", "a_1", "a__1__2__b", "__abc_123",
                       "A", "AB", "AbC", "A1", "_A", "A_", "A_B", "A_1", "A__1__2__B", "__123_ABC"},
                      {"", "1", "123", "1a", "-", "a-", "-a", "1-", "-1", "1_", "1_2", ".", "a.",
                       ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2",
                       "#a#"});
}

TEST(EnvVarName, AllowsDotsAndDashesUnlikeCIdentifier) {
  expect_good_and_bad(&is_env_var_name,
                      {"ABC", "AbC_123", "abc", "a.b.c", "a-b-c", "A_B-C.d", "_abc", "-abc",
                       ".abc", "my.env-name", "MY_ENV.NAME", "MyEnvName1"},
                      {"", "1abc", "a b", "a=b", "a:b", "$X", ".", "..", "..abc"});
  EXPECT_FALSE(is_c_identifier("a.b").empty());
}

TEST(EnvVarName, RejectsDirectoryLikeNames) {
  EXPECT_EQ(is_env_var_name("."), std::vector<std::string>{"must not be '.'"});
  EXPECT_EQ(is_env_var_name(".."), std::vector<std::string>{"must not be '..'"});
  EXPECT_EQ(is_env_var_name("..a"), std::vector<std::string>{"must not start with '..'"});
  std::vector<std::string> errs = is_env_var_name("1x");
  ASSERT_EQ(errs.size(), 1u);
  EXPECT_EQ(errs[0],
            "a valid environment variable name must consist of alphabetic characters, digits, "
            "'_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or "
            "'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is "
            "'[-._a-zA-Z][-._a-zA-Z0-9]*')");
}

TEST(PortName, AcceptsKubernetesGoodValues) {
  expect_good_and_bad(&is_port_name,
                      {"telnet", "re-mail-ck", "pop3", "a", "a-1", "1-a", "a-1-b-2-c", "1-a-2-b-3",
                       std::string(15, 'a')},
                      {"longerthan15characters", "", std::string(16, 'a'), "12345", "1-2-3-4",
                       "-begin", "end-", "two--hyphens", "whois++", "Http"});
}

TEST(PortName, ReportsEveryBrokenRule) {
  EXPECT_EQ(is_port_name("-1--"),
            (std::vector<std::string>{"must contain at least one letter (a-z)",
                                      "must not contain consecutive hyphens",
                                      "must not begin or end with a hyphen"}));
  EXPECT_EQ(is_port_name(""),
            (std::vector<std::string>{
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "must contain at least one letter (a-z)"}));
  EXPECT_EQ(is_port_name("abcdefghijklmnop"),
            std::vector<std::string>{"must be no more than 15 characters"});
}

TEST(PathSegmentName, AcceptsKubernetesGoodValues) {
  // Kubernetes' pkg/api/validation/path tests.
  expect_good_and_bad(&is_path_segment_name,
                      {"", "a", "system:metrics-reader", "...", ".a", "a.", "a..b", "UPPER case"},
                      {".", "..", "a/b", "a%b", "/", "%2F"});
}

TEST(PathSegmentName, UsesKubernetesWording) {
  EXPECT_EQ(is_path_segment_name("."), std::vector<std::string>{"may not be '.'"});
  EXPECT_EQ(is_path_segment_name(".."), std::vector<std::string>{"may not be '..'"});
  EXPECT_EQ(is_path_segment_name("a/b%c"),
            (std::vector<std::string>{"may not contain '/'", "may not contain '%'"}));
}

TEST(ConfigKey, AcceptsKubernetesGoodValues) {
  expect_good_and_bad(&is_config_key,
                      {"a", "ab", "a.b", "a_b", "a-b", ".a", "a..b", "KEY_NAME", "app.properties",
                       std::string(253, 'k')},
                      {"", ".", "..", "..a", "a/b", "a b", "a:b", "a=b", std::string(254, 'k')});
}

TEST(ConfigKey, UsesKubernetesWording) {
  EXPECT_EQ(is_config_key("new key"),
            std::vector<std::string>{
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
                "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
                "'[-._a-zA-Z0-9]+')"});
  EXPECT_EQ(is_config_key(".."), std::vector<std::string>{"must not be '..'"});
  EXPECT_EQ(is_config_key("..data"), std::vector<std::string>{"must not start with '..'"});
  EXPECT_EQ(is_config_key(std::string(254, 'k')),
            std::vector<std::string>{"must be no more than 253 characters"});
  EXPECT_EQ(is_config_key("").size(), 1u);  // the format message alone
}

TEST(PortNumber, AcceptsOneThroughMaxPort) {
  for (int64_t port : {1, 80, 8080, 65535}) {
    EXPECT_TRUE(is_valid_port_number(port).empty()) << port;
  }
  for (int64_t port : {int64_t{0}, int64_t{-1}, int64_t{65536}, INT64_MIN, INT64_MAX}) {
    EXPECT_EQ(is_valid_port_number(port),
              std::vector<std::string>{"must be between 1 and 65535, inclusive"})
        << port;
  }
}

}  // namespace
}  // namespace herd::api
