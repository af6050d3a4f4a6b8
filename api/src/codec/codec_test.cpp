#include "herd/api/codec.hpp"

#include <gtest/gtest.h>

namespace herd::api {
namespace {

Value only_document(const ParsedText& parsed) {
  EXPECT_FALSE(parsed.error.has_value()) << parsed.error->message;
  EXPECT_EQ(parsed.documents.size(), 1u);
  return parsed.documents.at(0);
}

TEST(YamlReader, TypesPlainScalarsAndKeepsQuotedOnesStrings) {
  ParsedText parsed = parse_yaml("a: 1\nb: \"1\"\nc: true\nd: 'true'\ne: 0.9\nf: ~\ng: web\nh: 1e3\n");
  Value doc = only_document(parsed);
  EXPECT_TRUE(doc.find("a")->is_int());
  EXPECT_TRUE(doc.find("b")->is_string());
  EXPECT_TRUE(doc.find("c")->is_bool());
  EXPECT_TRUE(doc.find("d")->is_string());
  EXPECT_TRUE(doc.find("e")->is_number());
  EXPECT_EQ(doc.find("e")->as_number().text, "0.9");
  EXPECT_TRUE(doc.find("f")->is_null());
  EXPECT_EQ(doc.find("g")->as_string(), "web");
  EXPECT_TRUE(doc.find("h")->is_number());
}

TEST(YamlReader, RecordsOneBasedLineAndColumnOfKeysAndValues) {
  ParsedText parsed = parse_yaml("metadata:\n  name: web\n");
  Value doc = only_document(parsed);
  const Value::Member* name = doc.find("metadata")->find_member("name");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->key_pos, (SourcePos{2, 3}));
  EXPECT_EQ(name->value.pos(), (SourcePos{2, 9}));
}

TEST(YamlReader, BlockScalarsAreStrings) {
  Value doc = only_document(parse_yaml("k: |\n  123\n  line two\n"));
  EXPECT_EQ(doc.find("k")->as_string(), "123\nline two\n");
}

TEST(YamlReader, SplitsDocumentsOnSeparatorsAndEndMarkers) {
  ParsedText parsed = parse_yaml("a: 1\n---\nb: 2\n...\n---\nc: 3\n");
  ASSERT_FALSE(parsed.error.has_value());
  ASSERT_EQ(parsed.documents.size(), 3u);
  EXPECT_EQ(parsed.documents[2].find("c")->as_int(), 3);
}

TEST(YamlReader, SyntaxErrorKeepsEarlierDocumentsAndGivesPosition) {
  ParsedText parsed = parse_yaml("a: 1\n---\nb: [1, 2\n");
  ASSERT_TRUE(parsed.error.has_value());
  EXPECT_EQ(parsed.documents.size(), 1u);
  EXPECT_GE(parsed.error->pos.line, 3);
}

TEST(YamlReader, DuplicateKeyIsAnErrorNamingBothLines) {
  ParsedText parsed = parse_yaml("a: 1\nb: 2\na: 3\n");
  ASSERT_TRUE(parsed.error.has_value());
  EXPECT_EQ(parsed.error->pos.line, 3);
  EXPECT_NE(parsed.error->message.find("first at line 1"), std::string::npos) << parsed.error->message;
}

TEST(YamlReader, ResolvesAnchorsAliasesAndMergeKeys) {
  Value doc = only_document(parse_yaml("base: &b {x: 1, y: 2}\ncopy: *b\nmerged:\n  <<: *b\n  y: 3\n"));
  EXPECT_EQ(*doc.find("copy"), *doc.find("base"));
  EXPECT_EQ(doc.find("merged")->find("x")->as_int(), 1);
  EXPECT_EQ(doc.find("merged")->find("y")->as_int(), 3);
}

TEST(YamlReader, RejectsNestingBeyondTheLimit) {
  std::string deep(kMaxNestingDepth + 5, '[');
  ParsedText parsed = parse_yaml(deep);
  ASSERT_TRUE(parsed.error.has_value());
}

TEST(YamlReader, AliasExpansionIsBounded) {
  // "billion laughs": each level references the previous one nine times.
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    std::string p = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + p + "," + p + "," + p + "," + p + "," + p +
            "," + p + "," + p + "," + p + "," + p + "]\n";
  }
  ParsedText parsed = parse_yaml(text);
  ASSERT_TRUE(parsed.error.has_value());
  EXPECT_NE(parsed.error->message.find("nodes"), std::string::npos);
}

TEST(JsonReader, ReadsValuesWithPositionsAndExactNumbers) {
  Value doc = only_document(parse_json("{\n  \"a\": 12,\n  \"b\": 1.50,\n  \"c\": [true, null, \"s\"]\n}"));
  EXPECT_EQ(doc.find("a")->as_int(), 12);
  EXPECT_EQ(doc.find("b")->as_number().text, "1.50");
  EXPECT_EQ(doc.find_member("b")->key_pos.line, 3);
  EXPECT_EQ(doc.find("c")->as_array().size(), 3u);
}

TEST(JsonReader, ReadsConcatenatedValuesAndReportsErrors) {
  ParsedText parsed = parse_json("{\"a\":1} {\"b\":2}");
  EXPECT_EQ(parsed.documents.size(), 2u);
  ParsedText bad = parse_json("{\"a\":1,\n \"a\":2}");
  ASSERT_TRUE(bad.error.has_value());
  EXPECT_NE(bad.error->message.find("duplicate key"), std::string::npos);
  ParsedText broken = parse_json("{\"a\": }");
  ASSERT_TRUE(broken.error.has_value());
}

TEST(ParseManifestText, ChoosesJsonForBracesAndYamlOtherwise) {
  EXPECT_EQ(only_document(parse_manifest_text("  {\"kind\": \"Pod\"}")).find("kind")->as_string(), "Pod");
  EXPECT_EQ(only_document(parse_manifest_text("kind: Pod")).find("kind")->as_string(), "Pod");
}

TEST(YamlWriter, QuotesStringsThatWouldReadBackAsOtherTypes) {
  Value v = Value::object();
  v.set("version", Value::string("0.9"));
  v.set("flag", Value::string("true"));
  v.set("empty", Value::string(""));
  v.set("count", Value::integer(3));
  v.set("text", Value::string("line one\nline two\n"));
  v.set("list", Value::array({Value::string("a"), Value::object()}));
  std::string yaml = to_yaml(v);
  EXPECT_EQ(only_document(parse_yaml(yaml)), v) << yaml;
}

TEST(YamlWriter, MultiLineStringsOfEveryShapeReadBackUnchanged) {
  for (std::string s : {std::string("a\nb"), std::string("a\nb\n"), std::string("a\n\n"), std::string("\n"),
                        std::string("x\r\ny"), std::string("  x\ny\n"), std::string("a\n  b\n"),
                        std::string("tab\n\tx\n"), std::string("nul\0in\nside\n", 12), std::string("bell\a")}) {
    Value v = Value::object();
    v.set("k", Value::string(s));
    std::string yaml = to_yaml(v);
    ParsedText parsed = parse_yaml(yaml);
    ASSERT_FALSE(parsed.error.has_value()) << yaml;
    EXPECT_EQ(parsed.documents.at(0).find("k")->as_string(), s) << yaml;
  }
}

TEST(YamlWriter, QuotesYaml11BooleansForOtherReaders) {
  Value v = Value::object();
  v.set("gzip", Value::string("on"));
  v.set("answer", Value::string("yes"));
  std::string yaml = to_yaml(v);
  EXPECT_NE(yaml.find("\"on\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("\"yes\""), std::string::npos) << yaml;
}

TEST(YamlReader, LeadingZeroIntegersAreOctalAsInYaml11) {
  Value doc = only_document(parse_yaml("mode: 0644\nplain: 644\nzero: 0\nnine: 09\n"));
  EXPECT_EQ(doc.find("mode")->as_int(), 420);
  EXPECT_EQ(doc.find("plain")->as_int(), 644);
  EXPECT_EQ(doc.find("zero")->as_int(), 0);
  EXPECT_EQ(doc.find("nine")->as_int(), 9);
}

TEST(JsonWriter, RoundTripsThroughTheReader) {
  Value v = Value::object();
  v.set("s", Value::string("quote \" and \\ and \n"));
  v.set("n", Value::number(1.5, "1.5"));
  v.set("i", Value::integer(-7));
  v.set("a", Value::array({Value::boolean(false), Value::null()}));
  EXPECT_EQ(only_document(parse_json(to_json(v))), v);
  EXPECT_EQ(only_document(parse_json(to_json(v, /*pretty=*/true))), v);
}

}  // namespace
}  // namespace herd::api
