#include "openapi/openapi_schemas.hpp"

#include <array>
#include <utility>
#include <variant>

#include "herd/api/codec.hpp"
#include "herd/base/check.hpp"
#include "openapi/openapi_json.hpp"
#include "openapi/openapi_names.hpp"
#include "patch/patch_strategy.hpp"

namespace herd::server::openapi {
namespace {

constexpr std::string_view kQuantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
constexpr std::string_view kIntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

// List map keys beyond the merge key, as Kubernetes declares them
// (+listMapKey): a port is identified by its number and its protocol.
struct ExtraMapKey {
  std::string_view type;
  std::string_view field;
  std::string_view key;
};
constexpr ExtraMapKey kExtraMapKeys[] = {
    {"Container", "ports", "protocol"},
    {"ServiceSpec", "ports", "protocol"},
};

template <std::size_t... I>
const api::TypeInfo& kind_type_at(std::size_t index, std::index_sequence<I...>) {
  static const std::array<const api::TypeInfo*, sizeof...(I)> types = {
      &api::type_info_of<std::variant_alternative_t<I, api::Object>>()...};
  return *types.at(index);
}

api::Value struct_schema(std::initializer_list<std::pair<std::string_view, api::Value>> properties) {
  return object_of({{"properties", object_of(properties)}, {"type", string_of("object")}});
}

api::Value array_of(api::Value items) { return object_of({{"items", std::move(items)}, {"type", string_of("array")}}); }

// The meta/v1 schemas herd's model has no struct for, which the paths use.
void add_meta_schemas(std::map<std::string, api::Value>& schemas) {
  const api::Value text = typed("string");
  schemas[meta_schema_name("ListMeta")] = struct_schema({{"continue", text},
                                                         {"remainingItemCount", typed("integer", "int64")},
                                                         {"resourceVersion", text},
                                                         {"selfLink", text}});
  schemas[meta_schema_name("StatusCause")] = struct_schema({{"field", text}, {"message", text}, {"reason", text}});
  schemas[meta_schema_name("StatusDetails")] =
      struct_schema({{"causes", array_of(holds(meta_schema_name("StatusCause")))},
                     {"group", text},
                     {"kind", text},
                     {"name", text},
                     {"retryAfterSeconds", typed("integer", "int32")},
                     {"uid", text}});
  schemas[meta_schema_name("Status")] = struct_schema({{"apiVersion", text},
                                                       {"code", typed("integer", "int32")},
                                                       {"details", holds(meta_schema_name("StatusDetails"))},
                                                       {"kind", text},
                                                       {"message", text},
                                                       {"metadata", holds(meta_schema_name("ListMeta"))},
                                                       {"reason", text},
                                                       {"status", text}});
  schemas[meta_schema_name("Preconditions")] = struct_schema({{"resourceVersion", text}, {"uid", text}});
  schemas[meta_schema_name("DeleteOptions")] =
      struct_schema({{"apiVersion", text},
                     {"dryRun", array_of(text)},
                     {"gracePeriodSeconds", typed("integer", "int64")},
                     {"kind", text},
                     {"orphanDependents", typed("boolean")},
                     {"preconditions", holds(meta_schema_name("Preconditions"))},
                     {"propagationPolicy", text}});
  schemas[meta_schema_name("Patch")] = typed("object");
}

// Quantity and IntOrString as Kubernetes' v3 documents publish them (a
// string or a number; an integer or a string), IntOrString also with the
// x-kubernetes-int-or-string marker of CRD schemas.
api::Value scalar_type_schema(std::string_view name) {
  if (name == kQuantity) return object_of({{"oneOf", api::Value::array({typed("string"), typed("number")})}});
  return object_of({{"format", string_of("int-or-string")},
                    {"oneOf", api::Value::array({typed("integer"), typed("string")})},
                    {"x-kubernetes-int-or-string", api::Value::boolean(true)}});
}

// The strategic-merge and list-type extensions of list field `field` of `owner`.
void add_list_extensions(api::Value& schema, std::string_view owner, std::string_view field) {
  const patch::ListStrategy* strategy = patch::list_strategy(owner, field);
  if (strategy == nullptr) {
    schema.set("x-kubernetes-list-type", string_of("atomic"));
    return;
  }
  if (strategy->merge_key.empty()) {
    schema.set("x-kubernetes-list-type", string_of("set"));
  } else {
    api::Value keys = strings_of({strategy->merge_key});
    for (const ExtraMapKey& extra : kExtraMapKeys) {
      if (extra.type == owner && extra.field == field) keys.push_back(string_of(extra.key));
    }
    schema.set("x-kubernetes-list-map-keys", std::move(keys));
    schema.set("x-kubernetes-list-type", string_of("map"));
    schema.set("x-kubernetes-patch-merge-key", string_of(strategy->merge_key));
  }
  schema.set("x-kubernetes-patch-strategy", string_of(strategy->retain_keys ? "merge,retainKeys" : "merge"));
}

// Writes the schemas of kinds, and of what they reach, into one map.
class SchemaWriter {
 public:
  explicit SchemaWriter(std::map<std::string, api::Value>& schemas) : schemas_(schemas) {}

  void add_kind(const api::KindInfo& kind) {
    std::string name = add_struct(kind_type(kind), {kind.kind, "", ""});
    schemas_[name].set("x-kubernetes-group-version-kind",
                       api::Value::array({group_version_kind(kind, kind.kind)}));
    api::Value list = struct_schema({{"apiVersion", typed("string")},
                                     {"items", array_of(holds(name))},
                                     {"kind", typed("string")},
                                     {"metadata", holds(meta_schema_name("ListMeta"))}});
    list.set("required", strings_of({"items"}));
    list.set("x-kubernetes-group-version-kind",
             api::Value::array({group_version_kind(kind, std::string(kind.kind) + "List")}));
    schemas_[list_schema_name(kind)] = std::move(list);
  }

 private:
  // Adds the schema of `type` used where `where` says (once per name) and
  // returns its name.
  std::string add_struct(const api::TypeInfo& type, const NameContext& where) {
    std::string name = schema_name(type.name, where);
    HERD_CHECK(!name.empty()) << "no Kubernetes schema name for " << type.name << " (openapi_names.cpp)";
    if (schemas_.contains(name)) return name;
    schemas_[name] = api::Value::object();  // marks it written before its fields recurse
    api::Value properties = api::Value::object();
    api::Value required = api::Value::array();
    for (const api::FieldInfo& field : type.fields) {
      properties.set(std::string(field.name), field_schema(type, field, where.kind));
      if (field.required) required.push_back(string_of(field.name));
    }
    api::Value schema = object_of({{"properties", std::move(properties)}});
    if (!required.as_array().empty()) schema.set("required", std::move(required));
    schema.set("type", string_of("object"));
    schemas_[name] = std::move(schema);
    return name;
  }

  api::Value field_schema(const api::TypeInfo& owner, const api::FieldInfo& field, std::string_view kind) {
    api::Value element = element_schema(owner, field, kind);
    if (field.list) {
      api::Value schema = array_of(std::move(element));
      add_list_extensions(schema, owner.name, field.name);
      return schema;
    }
    if (field.map) return object_of({{"additionalProperties", std::move(element)}, {"type", string_of("object")}});
    if (!field.default_text.empty() && field.kind != api::ValueKind::kObject) {
      element.set("default", field.kind == api::ValueKind::kString
                                 ? string_of(field.default_text)
                                 : api::resolve_plain_scalar(std::string(field.default_text)));
    }
    if (patch::retains_keys(owner.name, field.name)) {
      element.set("x-kubernetes-patch-strategy", string_of("retainKeys"));
    }
    return element;
  }

  // The schema of one value of the field (an element, for lists and maps).
  api::Value element_schema(const api::TypeInfo& owner, const api::FieldInfo& field, std::string_view kind) {
    switch (field.kind) {
      case api::ValueKind::kString: return string_schema(field);
      case api::ValueKind::kBool: return typed("boolean");
      case api::ValueKind::kInt32: return typed("integer", "int32");
      case api::ValueKind::kInt64: return typed("integer", "int64");
      case api::ValueKind::kBytes: return typed("string", "byte");
      case api::ValueKind::kQuantity: return holds(add_scalar_type(kQuantity));
      case api::ValueKind::kIntOrString: return holds(add_scalar_type(kIntOrString));
      case api::ValueKind::kObject: return holds(add_struct(*field.type, {kind, owner.name, field.name}));
    }
    HERD_CHECK(false) << "unknown value kind of " << owner.name << "." << field.name;
    return {};
  }

  std::string_view add_scalar_type(std::string_view name) {
    auto [it, added] = schemas_.try_emplace(std::string(name));
    if (added) it->second = scalar_type_schema(name);
    return name;
  }

  // Allowed values, as Kubernetes' enum (which never lists the empty string).
  static api::Value string_schema(const api::FieldInfo& field) {
    api::Value schema = typed("string");
    api::Value values = api::Value::array();
    for (std::size_t i = 0; i < field.allowed.size; ++i) {
      if (!field.allowed.values[i].empty()) values.push_back(string_of(field.allowed.values[i]));
    }
    if (!values.as_array().empty()) schema.set("enum", std::move(values));
    return schema;
  }

  std::map<std::string, api::Value>& schemas_;
};

}  // namespace

const api::TypeInfo& kind_type(const api::KindInfo& kind) {
  return kind_type_at(kind.index, std::make_index_sequence<std::variant_size_v<api::Object>>());
}

std::string kind_schema_name(const api::KindInfo& kind) {
  return schema_name(kind_type(kind).name, {kind.kind, "", ""});
}

std::string list_schema_name(const api::KindInfo& kind) { return kind_schema_name(kind) + "List"; }

std::string meta_schema_name(std::string_view type) {
  return std::string(kMetaPackage) + "." + std::string(type);
}

api::Value group_version_kind(const api::KindInfo& kind, std::string_view kind_name) {
  return object_of(
      {{"group", string_of(kind.group)}, {"kind", string_of(kind_name)}, {"version", string_of(kind.version)}});
}

std::map<std::string, api::Value> schemas_for(std::span<const api::KindInfo* const> kinds) {
  std::map<std::string, api::Value> schemas;
  add_meta_schemas(schemas);
  SchemaWriter writer(schemas);
  for (const api::KindInfo* kind : kinds) writer.add_kind(*kind);
  return schemas;
}

}  // namespace herd::server::openapi
