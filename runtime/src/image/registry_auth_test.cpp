#include "image/registry_auth.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::image {
namespace {

TEST(WwwAuthenticate, DockerHubBearerChallenge) {
  auto challenges = parse_www_authenticate(
      "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
      "scope=\"repository:library/busybox:pull\"");
  ASSERT_EQ(challenges.size(), 1u);
  EXPECT_EQ(challenges[0].scheme, "bearer");
  EXPECT_EQ(challenges[0].param("realm"), "https://auth.docker.io/token");
  EXPECT_EQ(challenges[0].param("service"), "registry.docker.io");
  EXPECT_EQ(challenges[0].param("scope"), "repository:library/busybox:pull");
  EXPECT_EQ(challenges[0].param("error"), "");
}

TEST(WwwAuthenticate, SeveralChallengesSpacesCaseAndEscapes) {
  auto challenges = parse_www_authenticate(
      "Basic realm=\"Registry \\\"Realm\\\"\" , BEARER Realm=https://h/token, Service=svc,"
      " error=\"insufficient_scope\"");
  ASSERT_EQ(challenges.size(), 2u);
  EXPECT_EQ(challenges[0].scheme, "basic");
  EXPECT_EQ(challenges[0].param("realm"), "Registry \"Realm\"");
  EXPECT_EQ(challenges[1].scheme, "bearer");
  EXPECT_EQ(challenges[1].param("realm"), "https://h/token");
  EXPECT_EQ(challenges[1].param("service"), "svc");
  EXPECT_EQ(challenges[1].param("error"), "insufficient_scope");
}

TEST(WwwAuthenticate, MalformedTextGivesWhatCameBefore) {
  EXPECT_TRUE(parse_www_authenticate("").empty());
  EXPECT_TRUE(parse_www_authenticate("=x").empty());
  auto challenges = parse_www_authenticate("Bearer realm=\"unterminated");
  ASSERT_EQ(challenges.size(), 1u);
  EXPECT_EQ(challenges[0].param("realm"), "unterminated");
}

TEST(TokenUrl, AddsServiceAndScopeEncoded) {
  AuthChallenge challenge{"bearer",
                          {{"realm", "https://auth.docker.io/token"},
                           {"service", "registry.docker.io"},
                           {"scope", "repository:library/busybox:pull"}}};
  auto url = token_url(challenge, "ignored");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(*url,
            "https://auth.docker.io/"
            "token?service=registry.docker.io&scope=repository%3Alibrary%2Fbusybox%3Apull");
}

TEST(TokenUrl, DefaultScopeAndExistingQuery) {
  AuthChallenge challenge{"bearer", {{"realm", "http://127.0.0.1:9/token?x=1"}}};
  auto url = token_url(challenge, "repository:a/b:pull");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(*url, "http://127.0.0.1:9/token?x=1&scope=repository%3Aa%2Fb%3Apull");
  auto no_realm = token_url(AuthChallenge{"bearer", {}}, "s");
  EXPECT_EQ(no_realm.status(), Status::invalid_argument("bearer challenge without a realm"));
}

TEST(TokenResponse, TokenOrAccessToken) {
  EXPECT_EQ(*parse_token_response(R"({"token":"abc","expires_in":300})"), "abc");
  EXPECT_EQ(*parse_token_response(R"({"access_token":"xyz"})"), "xyz");
  EXPECT_EQ(parse_token_response(R"({"other":1})").status(),
            Status::invalid_argument("token response has no \"token\""));
  EXPECT_EQ(parse_token_response("<html>").status().code(), StatusCode::kInvalidArgument);
}

TEST(BasicCredentials, Base64OfUserColonPassword) {
  EXPECT_EQ(basic_credentials("aladdin", "opensesame"), "YWxhZGRpbjpvcGVuc2VzYW1l");
}

}  // namespace
}  // namespace herd::runtime::image
