// The history commands against a fake of the herd server's /herd/v1 routes.

#include "history/history_commands.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "herd/events/event.hpp"

namespace herd::cli {
namespace {

constexpr int64_t kNow = 1'795'840'000'000'000'000;  // 2026-11-28T...

// Answers fixed bodies by path; 404 (kNotFound) for anything else.
struct FakeHerdServer {
  std::map<std::string, std::string> bodies;
  std::vector<std::string> asked;
  ApiGet get() {
    return [this](const std::string& path) -> Result<std::string> {
      asked.push_back(path);
      auto it = bodies.find(path);
      if (it == bodies.end()) return Status::not_found("not found: " + path);
      return it->second;
    };
  }
};

std::string envelope(const std::string& id, const std::string& type, int seq, const std::string& uid,
                     const std::string& actor, const std::string& cause, const std::string& data) {
  return R"({"v":1,"id":")" + id + R"(","type":")" + type + R"(","kind":"Deployment","namespace":"default",)"
         R"("name":"web","uid":")" + uid + R"(","seq":)" + std::to_string(seq) +
         R"(,"time":"2026-11-28T10:00:0)" + std::to_string(seq) + R"(.000000000Z","actor":")" + actor +
         R"(","cause":")" + cause + R"(","data":)" + data + "}";
}

TEST(HistoryCommandsTest, EveryEventWithItsActorAndWhatCausedIt) {
  FakeHerdServer server;
  server.bodies["/herd/v1/history/Deployment/default/web"] =
      R"({"kind":"EventHistory","events":[)" +
      envelope("e1", "ObjectCreated", 1, "u1", "user:alice", "", R"({"object":{}})") + "," +
      envelope("e2", "ObjectUpdated", 2, "u1", "user:bob", "", R"({"changed":["spec.replicas"]})") + "," +
      envelope("e3", "ReplicaSetScaled", 3, "u1", "controller:deployment", "e2", R"({"from":2,"to":1})") + "," +
      envelope("e4", "ObjectCreated", 1, "u2", "user:carol", "", R"({"object":{}})") + "]}";
  std::ostringstream out;
  std::ostringstream err;
  HistoryOptions options;
  options.resource = "deploy/web";
  ASSERT_EQ(run_history(options, server.get(), out, err), 0) << err.str();
  EXPECT_EQ(out.str(),
            "TIME                     SEQ  EVENT                      ACTOR                    WHAT\n"
            "2026-11-28T10:00:01.000Z 1    ObjectCreated              user:alice\n"
            "2026-11-28T10:00:02.000Z 2    ObjectUpdated              user:bob                 changed spec.replicas\n"
            "2026-11-28T10:00:03.000Z 3    ReplicaSetScaled           controller:deployment    replicas 2 -> 1, after line 2\n"
            "-- created again, uid u2\n"
            "2026-11-28T10:00:01.000Z 1    ObjectCreated              user:carol\n");
}

TEST(HistoryCommandsTest, BadWordsAndServerErrorsAreReported) {
  FakeHerdServer server;
  std::ostringstream out;
  std::ostringstream err;
  HistoryOptions options;
  options.resource = "deploy";
  EXPECT_EQ(run_history(options, server.get(), out, err), 1);
  EXPECT_EQ(err.str(), "error: 'deploy' is not KIND/NAME (e.g. deployment/web)\n");
  options.resource = "widget/x";
  EXPECT_EQ(run_history(options, server.get(), out, err), 1);
  options.resource = "node/n1";
  err.str("");
  EXPECT_EQ(run_history(options, server.get(), out, err), 1);
  EXPECT_EQ(server.asked.back(), "/herd/v1/history/Node/-/n1");
  EXPECT_EQ(err.str(), "error: not found: /herd/v1/history/Node/-/n1\n");
}

TEST(HistoryCommandsTest, MomentsAreTimesOrHowLongAgo) {
  EXPECT_EQ(*parse_moment("2026-11-28T10:00:00Z", kNow), "2026-11-28T10:00:00.000000000Z");
  EXPECT_EQ(*parse_moment("90s", kNow), events::format_time(kNow - 90'000'000'000LL));
  EXPECT_EQ(*parse_moment("2h", kNow), events::format_time(kNow - 7'200'000'000'000LL));
  EXPECT_FALSE(parse_moment("yesterday", kNow).ok());
  EXPECT_FALSE(parse_moment("-5m", kNow).ok());
}

TEST(HistoryCommandsTest, DiffShowsTheChangeBetweenTwoMoments) {
  FakeHerdServer server;
  std::string t1 = *parse_moment("10m", kNow);
  std::string t2 = *parse_moment("5m", kNow);
  server.bodies["/herd/v1/state/Deployment/default/web?at=" + t1] =
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2}})";
  server.bodies["/herd/v1/state/Deployment/default/web?at=" + t2] =
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1}})";
  std::ostringstream out;
  std::ostringstream err;
  DiffOptions options;
  options.resource = "deployment/web";
  options.from = "10m";
  options.to = "5m";
  ASSERT_EQ(run_diff(options, server.get(), kNow, out, err), 1) << err.str();
  EXPECT_EQ(out.str(), "--- deployment.apps/web at " + t1 + "\n+++ deployment.apps/web at " + t2 +
                           "\n@@ -3,4 +3,4 @@\n metadata:\n   name: web\n spec:\n-  replicas: 2\n+  replicas: 1\n");

  options.to = "10m";
  out.str("");
  EXPECT_EQ(run_diff(options, server.get(), kNow, out, err), 0);
  EXPECT_EQ(out.str(), "");
  options.from = "1h";  // before it existed: everything is new
  EXPECT_EQ(run_diff(options, server.get(), kNow, out, err), 1);
  EXPECT_NE(out.str().find("+kind: Deployment"), std::string::npos) << out.str();
  options.from = "soon";
  EXPECT_EQ(run_diff(options, server.get(), kNow, out, err), 2);
}

}  // namespace
}  // namespace herd::cli
