#include "herd/api/codec.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <map>
#include <string>
#include <vector>

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

// Strings with every byte value (control characters, quote, backslash,
// DEL, UTF-8 sequences and bytes that are not UTF-8), and runs long enough
// for the writer's eight-byte steps.
std::vector<std::string> awkward_strings() {
  std::vector<std::string> out = {"", "plain", "quote \" and \\ and /", "tab\there\nnew line\r\f\b",
                                  std::string("nul\0inside", 11), "\x01\x1f\x7f", "h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80",
                                  "\xff\xfe not UTF-8"};
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  out.push_back(all);
  for (std::size_t at = 0; at < 20; ++at) {
    for (char special : {'"', '\\', '\n', '\x00', '\x1f', ' ', '\x7f', '\x80'}) {
      std::string s(20, 'x');
      s[at] = special;
      out.push_back(s);
    }
  }
  return out;
}

Value varied_document() {
  Value doc = Value::object();
  Value strings = Value::array();
  for (const std::string& s : awkward_strings()) strings.push_back(Value::string(s));
  doc.set("strings", std::move(strings));
  Value keys = Value::object();
  for (const std::string& s : awkward_strings()) keys.set(s, Value::integer(static_cast<int64_t>(s.size())));
  doc.set("keys", std::move(keys));
  doc.set("numbers", Value::array({Value::integer(0), Value::integer(-1), Value::integer(INT64_MAX),
                                   Value::integer(INT64_MIN), Value::number(1.5, "1.50"), Value::number(1e3, "1e3"),
                                   Value::number(1e20, "100000000000000000000")}));
  doc.set("scalars", Value::array({Value::null(), Value::boolean(true), Value::boolean(false)}));
  doc.set("nested", Value::array({Value::array(), Value::object(), Value::array({Value::array({Value::object()})})}));
  return doc;
}

TEST(JsonWriter, EscapesEveryControlCharacter) {
  for (int c = 0; c < 0x20; ++c) {
    Value v = Value::array({Value::string(std::string(20, 'x') + static_cast<char>(c) + std::string(20, 'x'))});
    for (bool pretty : {false, true}) {
      std::string json = to_json(v, pretty);
      for (char byte : json) EXPECT_FALSE(byte >= 0 && byte < 0x20 && byte != '\n' && byte != ' ') << c;
      EXPECT_EQ(only_document(parse_json(json)), v) << json;
    }
  }
}

TEST(JsonWriter, WritesTheBytesOfToJson) {
  Value doc = varied_document();
  JsonWriter writer;
  writer.raw("prefix ");
  writer.value(doc);
  EXPECT_EQ(writer.text(), "prefix " + to_json(doc));
  for (const std::string& s : awkward_strings()) {
    writer.clear();
    writer.string(s);
    EXPECT_EQ(writer.text(), to_json(Value::string(s))) << s;
  }
}

TEST(JsonWriter, KeepsWritingCorrectlyAcrossGrowthAndClear) {
  JsonWriter writer;
  std::string expected;
  for (int i = 0; i < 400; ++i) {
    // Strings of every length around one and two 16-byte steps, with an
    // escape at each place (and in the overlapping last 16 bytes).
    std::string s(static_cast<std::size_t>(i % 41), 'a');
    if (!s.empty()) s[static_cast<std::size_t>(i) % s.size()] = "\"\\\n\x01"[i % 4];
    writer.string(s);
    writer.integer(INT64_MIN + i);
    expected += to_json(Value::string(s)) + std::to_string(INT64_MIN + i);
  }
  EXPECT_EQ(writer.text(), expected);
  std::size_t capacity = writer.capacity();
  writer.clear();
  EXPECT_EQ(writer.text(), "");
  writer.value(Value::array({Value::null(), Value::boolean(true), Value::integer(-3)}));
  EXPECT_EQ(writer.text(), "[null,true,-3]");
  EXPECT_EQ(writer.capacity(), capacity);
}

// The positions parse_json records; parse_json_value records none.
void expect_no_positions(const Value& v) {
  EXPECT_FALSE(v.pos().known());
  if (v.is_array()) {
    for (const Value& item : v.as_array()) expect_no_positions(item);
  } else if (v.is_object()) {
    for (const Value::Member& m : v.as_object()) {
      EXPECT_FALSE(m.key_pos.known());
      expect_no_positions(m.value);
    }
  }
}

TEST(JsonReader, ParseJsonValueReadsWhatParseJsonReadsWithoutPositions) {
  std::vector<std::string> texts = {
      " {\"a\": 12, \"b\": 1.50, \"c\": [true, null, \"s\\u00e9\\n\"], \"d\": {\"e\": []}}\n",
      "[1, -0, 1e3, -2.5E-3, 123456789012345678901234567890, 9223372036854775807, -9223372036854775808]",
      "\"just a string\"", "42", "null", "{}", "[[[[]]]]"};
  // Valid UTF-8 strings only: the readers refuse the rest before parsing.
  Value doc = varied_document();
  Value::Array valid;
  for (const Value& s : doc.find("strings")->as_array()) {
    if (!parse_json(to_json(s)).error.has_value()) valid.push_back(s);
  }
  texts.push_back(to_json(Value::array(valid)));
  texts.push_back(to_json(*doc.find("numbers")));
  texts.push_back(to_json(*doc.find("nested"), /*pretty=*/true));
  for (const std::string& text : texts) {
    ParsedText reference = parse_json(text);
    ASSERT_FALSE(reference.error.has_value()) << text;
    Result<Value> fast = parse_json_value(text);
    ASSERT_TRUE(fast.ok()) << text << ": " << fast.status().to_string();
    EXPECT_EQ(*fast, reference.documents.at(0)) << text;
    expect_no_positions(*fast);
  }
}

TEST(JsonReader, ParseJsonValueRefusesWhatParseJsonRefusesAndSaysWhere) {
  for (std::string text : {std::string("{\"a\": }"), std::string("{\"a\":1,\n \"a\":2}"), std::string("[1,]"),
                           std::string(""), std::string("  "), std::string("{\"a\": \"\xff\"}"),
                           std::string("[\"raw \x1f control\"]"), std::string("[\"raw \t tab\"]"),
                           std::string("[\"") + std::string(40, 'x') + "\x1a\"]", std::string("[1,\x1b" "2]"),
                           std::string(kMaxNestingDepth + 1, '[') + std::string(kMaxNestingDepth + 1, ']')}) {
    ParsedText reference = parse_json(text);
    Result<Value> fast = parse_json_value(text);
    EXPECT_FALSE(fast.ok()) << text;
    EXPECT_EQ(fast.status().code(), StatusCode::kInvalidArgument);
    bool raw_control = text.find_first_of("\x1a\x1b\x1c\x1d\x1e\x1f") != std::string::npos;
    if (reference.error && !raw_control) {  // those are refused before parsing, in other words
      EXPECT_NE(fast.status().message().find(reference.error->message), std::string::npos)
          << fast.status().message() << " vs " << reference.error->message;
    }
  }
  EXPECT_EQ(parse_json_value("[1,\n \"a\\u001f\x1f\"]").status().message(),
            "line 2, column 10: unescaped control character (byte 0x1f)");
  Result<Value> duplicate = parse_json_value("{\"a\":1,\n \"a\":2}");
  EXPECT_EQ(duplicate.status().message(), "line 2, column 5: duplicate key \"a\"");  // where parse_json says
  std::string deepest(kMaxNestingDepth, '[');
  EXPECT_TRUE(parse_json_value(deepest + std::string(kMaxNestingDepth, ']')).ok());
}

// The UTF-8 and control-character checks pass over long runs of ASCII a
// block at a time: a bad byte must be found wherever it falls in a block.
TEST(JsonReader, FindsABadByteAtEveryPlace) {
  for (std::size_t at = 0; at < 80; ++at) {
    std::string text = "[\"" + std::string(80, 'x') + "\"]";
    text[2 + at] = '\xff';
    ParsedText parsed = parse_json(text);
    ASSERT_TRUE(parsed.error.has_value()) << at;
    EXPECT_EQ(parsed.error->pos.column, static_cast<int>(3 + at));
    Result<Value> fast = parse_json_value(text);
    EXPECT_EQ(fast.status().message(), "line 1, column " + std::to_string(3 + at) + ": invalid UTF-8 (byte 0xff)");
    text[2 + at] = '\x1c';
    fast = parse_json_value(text);
    EXPECT_EQ(fast.status().message(),
              "line 1, column " + std::to_string(3 + at) + ": unescaped control character (byte 0x1c)");
    text.replace(2 + at, 1, "\xc3\xa9");  // valid two-byte UTF-8 anywhere
    EXPECT_TRUE(parse_json_value(text).ok()) << at;
    EXPECT_FALSE(parse_json(text).error.has_value()) << at;
  }
}

TEST(JsonReader, ParseJsonValueTakesExactlyOneValue) {
  EXPECT_TRUE(parse_json_value(" {\"a\":1} \r\n").ok());
  for (std::string text : {std::string("{\"a\":1} {\"b\":2}"), std::string("{\"a\":1}\0", 8), std::string("1 2"),
                           std::string("{\"a\":1}x")}) {
    Result<Value> parsed = parse_json_value(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_NE(parsed.status().message().find("more text after the JSON value"), std::string::npos)
        << parsed.status().message();
  }
}

// Records what parse_json_object hands over, as text.
class RecordingVisitor : public JsonMemberVisitor {
 public:
  void string_member(std::string_view key, std::string_view value) override {
    seen.push_back(std::string(key) + "=string:" + std::string(value));
  }
  void value_member(std::string_view key, Value value) override {
    expect_no_positions(value);
    seen.push_back(std::string(key) + "=" + to_json(value));
  }
  std::vector<std::string> seen;
};

TEST(JsonReader, ParseJsonObjectHandsOverEachMemberInOrder) {
  RecordingVisitor visitor;
  Status parsed = parse_json_object(
      "{\"s\":\"a\\\"b\",\"i\":7,\"n\":null,\"o\":{\"s\":\"x\",\"a\":[1,{\"b\":2}]},\"a\":[\"y\"],\"e\":\"\",\"f\":1.5}",
      visitor);
  ASSERT_TRUE(parsed.ok()) << parsed.to_string();
  EXPECT_EQ(visitor.seen, (std::vector<std::string>{"s=string:a\"b", "i=7", "n=null",
                                                    "o={\"s\":\"x\",\"a\":[1,{\"b\":2}]}", "a=[\"y\"]", "e=string:",
                                                    "f=1.5"}));
}

TEST(JsonReader, ParseJsonObjectRefusesOtherValuesDuplicatesAndDepth) {
  for (std::string text : {"[1]", "\"s\"", "3", "null", "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "{\"a\":1} 2", "{"}) {
    RecordingVisitor visitor;
    Status parsed = parse_json_object(text, visitor);
    EXPECT_EQ(parsed.code(), StatusCode::kInvalidArgument) << text;
  }
  RecordingVisitor visitor;
  EXPECT_NE(parse_json_object("[1]", visitor).message().find("not a JSON object"), std::string::npos);
  // The same depth limit as parse_json_value: the object itself is one level.
  auto nested = [](int levels) {
    return "{\"a\":" + std::string(levels - 1, '[') + std::string(levels - 1, ']') + "}";
  };
  EXPECT_TRUE(parse_json_object(nested(kMaxNestingDepth), visitor).ok());
  EXPECT_FALSE(parse_json_object(nested(kMaxNestingDepth + 1), visitor).ok());
  EXPECT_TRUE(parse_json_value(nested(kMaxNestingDepth)).ok());
  EXPECT_FALSE(parse_json_value(nested(kMaxNestingDepth + 1)).ok());
}

// A visitor that parses again from inside its callback gets a parse of its
// own, not the state of the one under way.
class NestingVisitor : public JsonMemberVisitor {
 public:
  void string_member(std::string_view key, std::string_view value) override {
    Result<Value> inner = parse_json_value(value);
    ASSERT_TRUE(inner.ok()) << inner.status().to_string();
    values[std::string(key)] = *inner;
  }
  void value_member(std::string_view key, Value value) override { values[std::string(key)] = std::move(value); }
  std::map<std::string, Value> values;
};

TEST(JsonReader, ParseJsonObjectMayBeUsedFromItsOwnCallbacks) {
  NestingVisitor visitor;
  ASSERT_TRUE(parse_json_object(R"({"a":"[1,{\"x\":2}]","b":{"c":[3]}})", visitor).ok());
  EXPECT_EQ(to_json(visitor.values.at("a")), R"([1,{"x":2}])");
  EXPECT_EQ(to_json(visitor.values.at("b")), R"({"c":[3]})");
}

}  // namespace
}  // namespace herd::api
