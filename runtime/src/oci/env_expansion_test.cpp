#include "oci/env_expansion.hpp"

#include <gtest/gtest.h>

#include <map>

namespace herd::runtime::oci {
namespace {

std::string expand(std::string_view input) {
  static const std::map<std::string, std::string, std::less<>> vars{
      {"VAR_A", "A"}, {"VAR_B", "B"}, {"VAR_EMPTY", ""}, {"VAR_REF", "$(VAR_A)"}};
  return expand_env_refs(input, [](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  });
}

// Cases from Kubernetes' third_party/forked/golang/expansion/expand_test.go.
TEST(EnvExpansion, ReplacesKnownReferences) {
  EXPECT_EQ(expand("$(VAR_A)"), "A");
  EXPECT_EQ(expand("___$(VAR_B)___"), "___B___");
  EXPECT_EQ(expand("$(VAR_A)-$(VAR_A)"), "A-A");
  EXPECT_EQ(expand("$(VAR_A)$(VAR_B)"), "AB");
  EXPECT_EQ(expand("x$(VAR_EMPTY)y"), "xy");
  EXPECT_EQ(expand("no refs at all"), "no refs at all");
}

TEST(EnvExpansion, DoubleDollarEscapes) {
  EXPECT_EQ(expand("$$(VAR_A)"), "$(VAR_A)");
  EXPECT_EQ(expand("$$$(VAR_A)"), "$A");
  EXPECT_EQ(expand("$$$$(VAR_A)"), "$$(VAR_A)");
  EXPECT_EQ(expand("$$"), "$");
  EXPECT_EQ(expand("$$$$"), "$$");
  EXPECT_EQ(expand("price: $$5"), "price: $5");
}

TEST(EnvExpansion, UnknownReferencesStayLiteral) {
  EXPECT_EQ(expand("$(VAR_DNE)"), "$(VAR_DNE)");
  EXPECT_EQ(expand("a$(VAR_DNE)b$(VAR_A)"), "a$(VAR_DNE)bA");
  EXPECT_EQ(expand("$()"), "$()");
}

TEST(EnvExpansion, IncompleteOrOtherSyntaxStaysAsWritten) {
  EXPECT_EQ(expand("$"), "$");
  EXPECT_EQ(expand("$(VAR_A)$"), "A$");
  EXPECT_EQ(expand("$("), "$(");
  EXPECT_EQ(expand("$(VAR_A"), "$(VAR_A");
  EXPECT_EQ(expand("$VAR_A"), "$VAR_A");
  EXPECT_EQ(expand("${VAR_A}"), "${VAR_A}");
  EXPECT_EQ(expand("$(VAR_$(VAR_A))"), "$(VAR_$(VAR_A))");
}

TEST(EnvExpansion, IsNotRecursive) { EXPECT_EQ(expand("$(VAR_REF)"), "$(VAR_A)"); }

}  // namespace
}  // namespace herd::runtime::oci
