#include "herd/api/label_selector.hpp"

#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace herd::api {

// Lets GoogleTest print requirements readably in failure messages.
inline void PrintTo(const SelectorRequirement& r, std::ostream* os) { *os << r.to_string(); }

namespace {

using Op = SelectorOperator;

Selector must_parse(std::string_view text) {
  Result<Selector> s = Selector::parse(text);
  EXPECT_TRUE(s.ok()) << "'" << text << "': " << s.status().to_string();
  return s.ok() ? *s : Selector::nothing();
}

TEST(SelectorParse, AcceptsKubernetesSetSelectorSyntax) {
  struct Case {
    std::string text;
    std::vector<SelectorRequirement> want;
  };
  // Kubernetes' TestSetSelectorParser (the cases that must parse).
  const std::vector<Case> cases = {
      {"", {}},
      {"\rx", {{"x", Op::kExists, {}}}},
      {"this-is-a-dns.domain.com/key-with-dash",
       {{"this-is-a-dns.domain.com/key-with-dash", Op::kExists, {}}}},
      {"this-is-another-dns.domain.com/key-with-dash in (so,what)",
       {{"this-is-another-dns.domain.com/key-with-dash", Op::kIn, {"so", "what"}}}},
      {"0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
       {{"0.1.2.domain/99", Op::kNotIn, {"10.10.100.1", "tick.tack.clock"}}}},
      {"foo  in\t (abc)", {{"foo", Op::kIn, {"abc"}}}},
      {"x notin\n (abc)", {{"x", Op::kNotIn, {"abc"}}}},
      {"x  notin\t\t(abc,def)", {{"x", Op::kNotIn, {"abc", "def"}}}},
      {"x in (abc,def)", {{"x", Op::kIn, {"abc", "def"}}}},
      {"x in (abc,)", {{"x", Op::kIn, {"", "abc"}}}},
      {"x in ()", {{"x", Op::kIn, {""}}}},
      {"x notin (abc,,def),bar,z in (),w",
       {{"bar", Op::kExists, {}},
        {"w", Op::kExists, {}},
        {"x", Op::kNotIn, {"", "abc", "def"}},
        {"z", Op::kIn, {""}}}},
      {"x,y in (a)", {{"x", Op::kExists, {}}, {"y", Op::kIn, {"a"}}}},
      {"x=a", {{"x", Op::kEquals, {"a"}}}},
      {"x>1", {{"x", Op::kGreaterThan, {"1"}}}},
      {"x<7", {{"x", Op::kLessThan, {"7"}}}},
      {"x=a,y!=b", {{"x", Op::kEquals, {"a"}}, {"y", Op::kNotEquals, {"b"}}}},
      {"x=a,y!=b,z in (h,i,j)",
       {{"x", Op::kEquals, {"a"}}, {"y", Op::kNotEquals, {"b"}}, {"z", Op::kIn, {"h", "i", "j"}}}},
      {"x notin ( )", {{"x", Op::kNotIn, {""}}}},
      {"x notin (, a)", {{"x", Op::kNotIn, {"", "a"}}}},
      {"a ", {{"a", Op::kExists, {}}}},
      {"a in (x,y,notin, z,in)", {{"a", Op::kIn, {"in", "notin", "x", "y", "z"}}}},
      {"x==a", {{"x", Op::kDoubleEquals, {"a"}}}},
      {"x=", {{"x", Op::kEquals, {""}}}},
      {"x= ,z= ", {{"x", Op::kEquals, {""}}, {"z", Op::kEquals, {""}}}},
      {"!x", {{"x", Op::kDoesNotExist, {}}}},
      {"in in (in), notin=notin", {{"in", Op::kIn, {"in"}}, {"notin", Op::kEquals, {"notin"}}}},
      {"a in (b,a,b)", {{"a", Op::kIn, {"a", "b"}}}},
  };
  for (const Case& c : cases) {
    Selector s = must_parse(c.text);
    EXPECT_EQ(s.requirements(), c.want) << "'" << c.text << "'";
    EXPECT_FALSE(s.matches_nothing());
  }
}

TEST(SelectorParse, RejectsKubernetesBadStrings) {
  for (std::string_view text :
       {"x=a||y=b", "x==a==b", "!x=a", "x<a", "x>", "x,,y", ",x,y", "x nott in (y)",
        "a in (xyz),", "a in (xyz)b notin ()", "a in (xyz abc)", "a notin(", "a (", "(", ",",
        "x=a b", "x in (a", "x in a", "x in (a)(", "!", "!!x", "x=(", "x!", "-x", "x=-a",
        "x=a,", "x in ((a)", "a/b/c", "x>99999999999999999999", "=a",
        "x>-3" /* operands must also be valid label values, as in Kubernetes */}) {
    Result<Selector> s = Selector::parse(text);
    EXPECT_FALSE(s.ok()) << "'" << text << "' parsed as '" << (s.ok() ? s->to_string() : "")
                         << "'";
    if (!s.ok()) {
      EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(SelectorParse, NamesTheOffendingTokenAndOffset) {
  struct Case {
    std::string text, message;
  };
  const std::vector<Case> cases = {
      {"x,,y", "found ',' at offset 2, expected: identifier after ','"},
      {"(", "found '(' at offset 0, expected: !, identifier, or 'end of string'"},
      {"a (", "unable to parse requirement: found '(' at offset 2, expected: in, notin, =, ==, "
              "!=, gt, lt"},
      {"a in (xyz abc)", "unable to parse requirement: found 'abc' at offset 10, expected: ',' "
                         "or ')'"},
      {"a notin(", "unable to parse requirement: found end of string at offset 8, expected: "
                   "',', ')' or identifier"},
      {"x=a b", "found 'b' at offset 4, expected: ',' or 'end of string'"},
      {"a in (xyz),", "found end of string at offset 11, expected: identifier after ','"},
      {"x in a", "unable to parse requirement: found 'a' at offset 5, expected: '('"},
      {"x<a", "unable to parse requirement: invalid value \"a\" for key \"x\": for 'Gt', 'Lt' "
              "operators, the value must be an integer"},
      {"x=-a",
       "unable to parse requirement: invalid label value \"-a\" for key \"x\": a valid label "
       "must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
       "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
       "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"},
      {"ok, -x", "unable to parse requirement: invalid label key \"-x\" at offset 4: name part "
                 "must consist of alphanumeric characters, '-', '_' or '.', and must start and "
                 "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                 "'123-abc', regex used for validation is "
                 "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"},
  };
  for (const Case& c : cases) {
    Result<Selector> s = Selector::parse(c.text);
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_EQ(s.status(), Status::invalid_argument(c.message)) << c.text;
  }
}

TEST(SelectorMatches, FollowsKubernetesSemantics) {
  struct Case {
    std::string selector;
    Labels labels;
    bool match;
  };
  // Kubernetes' TestSelectorMatches, plus set-based cases.
  const Labels foo_baz = {{"foo", "bar"}, {"baz", "blah"}};
  const std::vector<Case> cases = {
      {"", {{"x", "y"}}, true},
      {"x=y", {{"x", "y"}}, true},
      {"x=y,z=w", {{"x", "y"}, {"z", "w"}}, true},
      {"x!=y,z!=w", {{"x", "z"}, {"z", "a"}}, true},
      {"notin=in", {{"notin", "in"}}, true},
      {"x", {{"x", "z"}}, true},
      {"!x", {{"y", "z"}}, true},
      {"x>1", {{"x", "2"}}, true},
      {"x<1", {{"x", "0"}}, true},
      {"x=z", {}, false},
      {"x=y", {{"x", "z"}}, false},
      {"x=y,z=w", {{"x", "w"}, {"z", "w"}}, false},
      {"x!=y,z!=w", {{"x", "z"}, {"z", "w"}}, false},
      {"x", {{"y", "z"}}, false},
      {"!x", {{"x", "z"}}, false},
      {"x>1", {{"x", "0"}}, false},
      {"x<1", {{"x", "2"}}, false},
      {"x>1", {}, false},
      {"x>1", {{"x", "abc"}}, false},
      {"x>1", {{"x", "+5"}}, true},
      {"x<1", {{"x", "-5"}}, true},
      {"x>1", {{"x", "99999999999999999999"}}, false},
      {"x>1", {{"x", "+-5"}}, false},
      {"foo=bar", foo_baz, true},
      {"baz=blah", foo_baz, true},
      {"foo=bar,baz=blah", foo_baz, true},
      {"foo=blah", foo_baz, false},
      {"baz=bar", foo_baz, false},
      {"foo=bar,foobar=bar,baz=blah", foo_baz, false},
      {"env in (a,b)", {{"env", "b"}}, true},
      {"env in (a,b)", {{"env", "c"}}, false},
      {"env in (a,b)", {}, false},
      {"env notin (c)", {}, true},
      {"env notin (c)", {{"env", "c"}}, false},
      {"x=", {{"x", ""}}, true},
      {"x=", {}, false},
      {"x!=y", {}, true},
      {"canary,!canary", {{"canary", "1"}}, false},
      {"canary,!canary", {}, false},
      {"app=web,tier!=db,env in (a,b),env notin (c)", {{"app", "web"}, {"env", "a"}}, true},
      {"app=web,tier!=db,env in (a,b),env notin (c)",
       {{"app", "web"}, {"env", "a"}, {"tier", "db"}}, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(must_parse(c.selector).matches(c.labels), c.match) << c.selector;
  }
}

TEST(SelectorToString, PrintsRequirementsSortedByKey) {
  struct Case {
    std::string in, out;
  };
  // Kubernetes' TestToString, reached through parse.
  const std::vector<Case> cases = {
      {"x in (abc,def),y notin (jkl),z", "x in (abc,def),y notin (jkl),z"},
      {"x notin (def,abc),y!=jkl,!z", "x notin (abc,def),y!=jkl,!z"},
      {"z notin (), y in (mno,jkl), x notin (abc)", "x notin (abc),y in (jkl,mno),z notin ()"},
      {"x=abc,y==jkl,z!=a,z", "x=abc,y==jkl,z!=a,z"},
      {"z,y<8,x>2", "x>2,y<8,z"},
      {"  b = 1 , a ", "a,b=1"},
      {"", ""},
  };
  for (const Case& c : cases) {
    Selector s = must_parse(c.in);
    EXPECT_EQ(s.to_string(), c.out) << c.in;
    EXPECT_EQ(must_parse(s.to_string()), s) << "round trip of " << c.in;
  }
}

TEST(SelectorToString, KeepsInputOrderForEqualKeys) {
  EXPECT_EQ(must_parse("canary,!canary").to_string(), "canary,!canary");
  EXPECT_EQ(must_parse("!canary,canary").to_string(), "!canary,canary");
  EXPECT_EQ(must_parse("b=1,a!=2,b!=3").to_string(), "a!=2,b=1,b!=3");
}

TEST(Selector, DistinguishesEverythingFromNothing) {
  const Labels none;
  const Labels some = {{"a", "b"}};
  Selector everything = Selector::everything();
  Selector nothing = Selector::nothing();
  EXPECT_TRUE(everything.empty());
  EXPECT_FALSE(everything.matches_nothing());
  EXPECT_TRUE(everything.matches(none));
  EXPECT_TRUE(everything.matches(some));
  EXPECT_FALSE(nothing.empty());
  EXPECT_TRUE(nothing.matches_nothing());
  EXPECT_FALSE(nothing.matches(none));
  EXPECT_FALSE(nothing.matches(some));
  EXPECT_EQ(everything.to_string(), "");
  EXPECT_EQ(nothing.to_string(), "");
  EXPECT_NE(everything, nothing);
  EXPECT_EQ(must_parse(""), everything);
  EXPECT_EQ(must_parse(" \t "), everything);
}

TEST(Selector, FromLabelsBuildsEqualityRequirements) {
  Selector s = Selector::from_labels({{"tier", "web"}, {"app", "shop"}});
  EXPECT_EQ(s.to_string(), "app=shop,tier=web");
  EXPECT_TRUE(s.matches({{"app", "shop"}, {"tier", "web"}, {"extra", "x"}}));
  EXPECT_FALSE(s.matches({{"app", "shop"}}));
  EXPECT_EQ(Selector::from_labels({}), Selector::everything());
  EXPECT_TRUE(Selector::from_labels({}).matches({{"any", "thing"}}));
}

TEST(SelectorFromLabelSelector, EmptySelectorMatchesEverything) {
  Result<Selector> s = Selector::from_label_selector(LabelSelector{});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->empty());
  EXPECT_TRUE(s->matches({}));
  EXPECT_EQ(*s, Selector::everything());
}

TEST(SelectorFromLabelSelector, CombinesLabelsAndExpressions) {
  LabelSelector ls;
  ls.match_labels = {{"app", "web"}};
  ls.match_expressions = {{"env", "In", {"prod", "canary", "prod"}},
                          {"tier", "NotIn", {"db"}},
                          {"team", "Exists", {}},
                          {"legacy", "DoesNotExist", {}}};
  Result<Selector> s = Selector::from_label_selector(ls);
  ASSERT_TRUE(s.ok()) << s.status().to_string();
  EXPECT_EQ(s->to_string(), "app=web,env in (canary,prod),!legacy,team,tier notin (db)");
  EXPECT_TRUE(s->matches({{"app", "web"}, {"env", "prod"}, {"team", "x"}}));
  EXPECT_FALSE(s->matches({{"app", "web"}, {"env", "prod"}}));
  EXPECT_FALSE(s->matches({{"app", "web"}, {"env", "prod"}, {"team", "x"}, {"legacy", ""}}));
  EXPECT_FALSE(s->matches({{"app", "web"}, {"env", "prod"}, {"team", "x"}, {"tier", "db"}}));
  EXPECT_EQ(must_parse(s->to_string()), *s);
}

TEST(SelectorFromLabelSelector, RejectsInvalidSelectorWithAllProblems) {
  LabelSelector ls;
  ls.match_expressions = {{"env", "In", {}}, {"x", "Equals", {"a"}}};
  Result<Selector> s = Selector::from_label_selector(ls);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status(),
            Status::invalid_argument(
                "matchExpressions[0].values: Required value: must be specified when `operator` "
                "is 'In' or 'NotIn'; matchExpressions[1].operator: Invalid value: \"Equals\": "
                "not a valid selector operator"));
}

TEST(ValidateLabelSelector, ReportsProblemsWithRelativeFieldPaths) {
  LabelSelector ls;
  ls.match_labels = {{"bad key", "ok"}, {"good", "-bad"}};
  ls.match_expressions = {{"a", "Exists", {"x"}},
                          {"b", "NotIn", {}},
                          {"c", "Gt", {"1"}},
                          {"d/e/f", "In", {"ok", "bad value"}}};
  std::vector<std::string> problems = validate_label_selector(ls);
  const std::string name_part =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
      "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
      "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const std::string bad_value =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
      "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
      "'my_value',  or '12345', regex used for validation is "
      "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  const std::vector<std::string> want = {
      "matchLabels: Invalid value: \"bad key\": " + name_part,
      "matchLabels: Invalid value: \"-bad\": " + bad_value,
      "matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' "
      "or 'DoesNotExist'",
      "matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or "
      "'NotIn'",
      "matchExpressions[2].operator: Invalid value: \"Gt\": not a valid selector operator",
      "matchExpressions[3].key: Invalid value: \"d/e/f\": a qualified name must consist of "
      "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
      "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
      "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
      "(e.g. 'example.com/MyName')",
      "matchExpressions[3].values[1]: Invalid value: \"bad value\": " + bad_value,
  };
  EXPECT_EQ(problems, want);
}

TEST(ValidateLabelSelector, AcceptsValidSelectors) {
  LabelSelector ls;
  ls.match_labels = {{"example.com/app", "web"}, {"tier", ""}};
  ls.match_expressions = {{"env", "In", {"prod"}},
                          {"env", "NotIn", {"dev", ""}},
                          {"x", "Exists", {}},
                          {"y", "DoesNotExist", {}}};
  EXPECT_EQ(validate_label_selector(ls), std::vector<std::string>{});
  EXPECT_EQ(validate_label_selector(LabelSelector{}), std::vector<std::string>{});
}

TEST(ValidateLabelSelector, QuotesControlCharactersLikeGo) {
  LabelSelector ls;
  ls.match_labels = {{"k", std::string("a\"b\n\x01\0", 6)}};
  std::vector<std::string> problems = validate_label_selector(ls);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("matchLabels: Invalid value: \"a\\\"b\\n\\x01\\x00\": ", 0), 0u)
      << problems[0];
}

}  // namespace
}  // namespace herd::api
