// The stored decoder (the fast path of decode_stored_object) against the
// checked Decoder: over every example, as stored (encoded after decoding) and
// as written, and over damaged copies of them, both must agree on whether a
// document decodes and, when it does, on the object.

#include "schema/stored_decoder.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "herd/api/codec.hpp"
#include "herd/api/manifest.hpp"
#include "herd/api/object.hpp"
#include "schema/decoder.hpp"

namespace herd::api {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The manifests of examples/kinds and examples/seed, by file name.
std::vector<std::pair<std::string, std::string>> example_texts() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* dir : {"kinds", "seed"}) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(HERD_SOURCE_DIR) / "examples" / dir)) {
      if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) out.emplace_back(std::string(dir) + "/" + f.filename().string(), read_file(f));
  }
  return out;
}

// What each decoder makes of `doc` as kind K.
struct Both {
  bool checked_ok = false;
  bool stored_ok = false;
  std::string checked_json;  // the objects, encoded
  std::string stored_json;
  bool equal = false;  // operator== of the two objects
};

template <class K>
Both decode_both(const Value& doc) {
  Both out;
  K checked;
  FieldErrors errors;
  schema::PositionMap positions;
  schema::Decoder(/*strict=*/true, errors, positions).decode_root(doc, checked);
  out.checked_ok = errors.list().empty();
  K stored;
  out.stored_ok = schema::decode_stored(doc, stored);
  if (out.checked_ok && out.stored_ok) {
    out.checked_json = to_json(encode_object(Object(checked)));
    out.stored_json = to_json(encode_object(Object(stored)));
    out.equal = checked == stored;
  }
  return out;
}

// Decodes `doc` both ways as the kind of `like`.
Both decode_both_as(const Object& like, const Value& doc) {
  return std::visit([&](const auto& o) { return decode_both<std::decay_t<decltype(o)>>(doc); }, like);
}

void expect_agree(const Object& like, const Value& doc, const std::string& what) {
  Both b = decode_both_as(like, doc);
  ASSERT_EQ(b.stored_ok, b.checked_ok) << what << ": " << to_json(doc);
  if (b.checked_ok) {
    EXPECT_TRUE(b.equal) << what;
    EXPECT_EQ(b.stored_json, b.checked_json) << what;
  }
}

// Every node of `doc`, as a pointer into it (the root first).
void collect(Value& v, std::vector<Value*>& out) {
  out.push_back(&v);
  if (v.is_array()) {
    for (Value& item : v.as_array()) collect(item, out);
  } else if (v.is_object()) {
    for (Value::Member& m : v.as_object()) collect(m.value, out);
  }
}

// What a damaged node is replaced with: every type, integers out of the
// int32 and int64 ranges, a bad quantity and bad base64.
std::vector<Value> replacements() {
  std::vector<Value> out = {Value::null(),
                            Value::boolean(true),
                            Value::integer(7),
                            Value::integer(int64_t{1} << 40),
                            Value::number(1.5, "1.5"),
                            Value::number(1e30, "1e30"),
                            Value::string("x"),
                            Value::string("12Mi"),
                            Value::string("not base64!"),
                            Value::array(),
                            Value::object()};
  Value member = Value::object();
  member.set("noSuchField", Value::integer(1));
  out.push_back(member);
  Value list = Value::array();
  list.push_back(Value::string("y"));
  out.push_back(list);
  return out;
}

TEST(StoredDecoder, GivesTheCheckedDecodersObjectForEveryExampleAsStored) {
  int objects = 0;
  for (const auto& [name, text] : example_texts()) {
    Manifest m = decode_manifest(text, DecodeOptions{name, true});
    for (const ManifestObject& mo : m.objects) {
      if (!mo.valid) continue;
      Value doc = encode_object(mo.object);
      Both b = decode_both_as(mo.object, doc);
      EXPECT_TRUE(b.checked_ok && b.stored_ok) << name;
      EXPECT_TRUE(b.equal) << name;
      EXPECT_EQ(b.stored_json, b.checked_json) << name;
      Result<Object> decoded = decode_stored_object(doc);
      ASSERT_TRUE(decoded.ok()) << name << ": " << decoded.status().to_string();
      EXPECT_TRUE(*decoded == mo.object) << name;
      ++objects;
    }
  }
  EXPECT_GE(objects, 25);
}

TEST(StoredDecoder, AgreesWithTheCheckedDecoderOnTheExamplesAsWritten) {
  for (const auto& [name, text] : example_texts()) {
    ParsedText parsed = parse_manifest_text(text);
    Manifest m = decode_manifest(text, DecodeOptions{name, true});
    // As written, some use legacy versions or leave fields to defaults; what
    // matters is that the two decoders make the same of them.
    for (const Value& doc : parsed.documents) {
      if (!doc.is_object() || m.objects.empty()) continue;
      expect_agree(m.objects.front().object, doc, name);
    }
  }
}

TEST(StoredDecoder, AgreesWithTheCheckedDecoderOnDamagedDocuments) {
  const std::vector<Value> bad = replacements();
  int variants = 0, refused = 0;
  for (const auto& [name, text] : example_texts()) {
    if (name.rfind("kinds/", 0) != 0) continue;  // one example per kind is enough here, and quicker
    Manifest m = decode_manifest(text, DecodeOptions{name, true});
    for (const ManifestObject& mo : m.objects) {
      if (!mo.valid) continue;
      Value doc = encode_object(mo.object);
      std::vector<Value*> nodes;
      collect(doc, nodes);
      for (Value* node : nodes) {
        // Each replacement is swapped in and back out: the node's subtree
        // moves aside intact, so the pointers to its descendants stay good.
        for (const Value& replacement : bad) {
          Value aside = replacement;
          std::swap(*node, aside);
          Both b = decode_both_as(mo.object, doc);
          EXPECT_EQ(b.stored_ok, b.checked_ok) << name << ": " << to_json(doc);
          if (b.stored_ok && b.checked_ok) {
            EXPECT_TRUE(b.equal) << name << ": " << to_json(doc);
            EXPECT_EQ(b.stored_json, b.checked_json) << name;
          } else {
            ++refused;
          }
          std::swap(*node, aside);
          ++variants;
        }
      }
      // An unknown member added to each object node (on a copy: adding one
      // may move the node's members, which `nodes` points at).
      for (std::size_t n = 0; n < nodes.size(); ++n) {
        if (!nodes[n]->is_object()) continue;
        Value damaged = doc;
        std::vector<Value*> at;
        collect(damaged, at);
        at[n]->set("zzUnknown", Value::string("v"));
        expect_agree(mo.object, damaged, name + " unknown member");
        ++variants;
      }
      EXPECT_EQ(to_json(doc), to_json(encode_object(mo.object))) << name << ": restored";
    }
  }
  EXPECT_GT(variants, 1000);
  EXPECT_GT(refused, variants / 4);
}

TEST(StoredDecoder, DecodeStoredObjectStillNamesTheFirstProblem) {
  Value doc = encode_object(decode_manifest("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n",
                                            DecodeOptions{"t", true})
                                .objects.at(0)
                                .object);
  doc.find("metadata")->set("nmae", Value::string("b"));
  doc.find("data")->set("n", Value::integer(3));
  Result<Object> r = decode_stored_object(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(r.status().message().find("stored ConfigMap: metadata.nmae: unknown field"), std::string::npos)
      << r.status().message();
}

TEST(StoredDecoder, RepeatedMapKeysAndFieldsDecodeAsTheCheckedDecoderDoes) {
  Value doc = Value::object();
  doc.set("apiVersion", Value::string("v1"));
  doc.set("kind", Value::string("ConfigMap"));
  Value::Object data;
  data.push_back(Value::Member{"b", Value::string("1"), {}});
  data.push_back(Value::Member{"a", Value::string("2"), {}});
  data.push_back(Value::Member{"b", Value::string("3"), {}});
  doc.set("data", Value::object(std::move(data)));
  Value::Object& members = doc.as_object();
  members.push_back(Value::Member{"kind", Value::string("ConfigMap"), {}});
  ConfigMap like;
  expect_agree(Object(like), doc, "repeated keys");
  ConfigMap stored;
  ASSERT_TRUE(schema::decode_stored(doc, stored));
  EXPECT_EQ(stored.data.at("b"), "3");
  EXPECT_EQ(stored.data.size(), 2u);
}

}  // namespace
}  // namespace herd::api
