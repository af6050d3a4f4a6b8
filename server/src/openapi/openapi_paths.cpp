#include "openapi/openapi_paths.hpp"

#include <cctype>
#include <initializer_list>
#include <utility>

#include "openapi/openapi_json.hpp"
#include "openapi/openapi_schemas.hpp"

namespace herd::server::openapi {
namespace {

struct Param {
  std::string_view name;
  std::string_view type;
  std::string_view description;
};

constexpr Param kPretty{"pretty", "string", "If 'true', the output is pretty printed."};
constexpr Param kListParams[] = {
    {"allowWatchBookmarks", "boolean", "Ask for BOOKMARK events on a watch; ignored otherwise."},
    {"continue", "string", "The continue token of a previous list call, to read the next chunk."},
    {"fieldSelector", "string", "Only objects whose fields match this selector. Defaults to everything."},
    {"labelSelector", "string", "Only objects whose labels match this selector. Defaults to everything."},
    {"limit", "integer", "At most this many objects; the list's continue token reads the rest."},
    {"resourceVersion", "string", "The resource version the list or watch starts from."},
    {"resourceVersionMatch", "string", "How resourceVersion applies to a list call."},
    {"timeoutSeconds", "integer", "Ends the list or watch call after this many seconds."},
    {"watch", "boolean", "Stream added, modified and deleted objects instead of listing them."},
};
constexpr Param kDryRun{"dryRun", "string", "All: check and answer as usual, but persist nothing."};
constexpr Param kFieldManager{"fieldManager", "string", "The name of the actor making the change."};
constexpr Param kFieldValidation{
    "fieldValidation", "string",
    "What the server does with unknown or duplicate fields in the object: Ignore, Warn or Strict."};
constexpr Param kWriteParams[] = {kDryRun, kFieldManager, kFieldValidation};
constexpr Param kPatchParams[] = {
    kDryRun, kFieldManager, kFieldValidation,
    {"force", "boolean", "Apply patches only: take over fields other managers own."}};
constexpr Param kDeleteParams[] = {
    kDryRun,
    {"gracePeriodSeconds", "integer", "Seconds before the object is deleted; 0 deletes at once."},
    {"orphanDependents", "boolean", "Deprecated: use propagationPolicy."},
    {"propagationPolicy", "string", "What happens to dependents: Orphan, Background or Foreground."}};

api::Value parameter(std::string_view in, const Param& param) {
  api::Value out = object_of({{"description", string_of(param.description)},
                              {"in", string_of(in)},
                              {"name", string_of(param.name)}});
  if (in == "path") out.set("required", api::Value::boolean(true));
  out.set("schema", typed(param.type));
  return out;
}

api::Value query_parameters(std::initializer_list<std::span<const Param>> groups) {
  api::Value out = api::Value::array();
  for (std::span<const Param> group : groups) {
    for (const Param& param : group) out.push_back(parameter("query", param));
  }
  return out;
}

// The parameters of a path item: the name of one object, its namespace, pretty.
api::Value path_parameters(const api::KindInfo& kind, bool one_object) {
  api::Value out = api::Value::array();
  if (one_object) {
    out.push_back(parameter("path", {"name", "string", "name of the " + std::string(kind.kind)}));
  }
  if (kind.namespaced) {
    out.push_back(parameter("path", {"namespace", "string", "the namespace of the object"}));
  }
  out.push_back(parameter("query", kPretty));
  return out;
}

// "apps" -> "Apps", "rbac.authorization.k8s.io" -> "RbacAuthorization", "" -> "Core":
// the group as kube-apiserver writes it in operation ids.
std::string group_words(std::string_view group) {
  if (group.empty()) return "Core";
  if (group.ends_with(".k8s.io")) group.remove_suffix(std::string_view(".k8s.io").size());
  std::string out;
  bool word_start = true;
  for (char c : group) {
    if (c == '.') {
      word_start = true;
      continue;
    }
    out += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    word_start = false;
  }
  return out;
}

// How a kind's operations are named: operation ids "<verb>AppsV1[Namespaced]Deployment", tag "apps_v1".
struct OperationNames {
  std::string group_version;  // "AppsV1"
  std::string tag;
  explicit OperationNames(const api::KindInfo& kind) {
    std::string words = group_words(kind.group);
    std::string version(kind.version);
    tag = words + "_" + version;
    tag[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(tag[0])));
    version[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(version[0])));
    group_version = words + version;
  }
};

api::Value content(std::string_view schema, bool watch) {
  api::Value out = object_of({{"application/json", object_of({{"schema", ref_to(schema)}})}});
  if (watch) out.set("application/json;stream=watch", object_of({{"schema", ref_to(schema)}}));
  return out;
}

// The responses of an operation answering `schema` with the given codes
// ("200", "201", "202"), plus 401.
api::Value responses(std::string_view schema, std::initializer_list<std::string_view> codes, bool watch = false) {
  api::Value out = api::Value::object();
  for (std::string_view code : codes) {
    std::string_view description = code == "200" ? "OK" : code == "201" ? "Created" : "Accepted";
    out.set(std::string(code),
            object_of({{"content", content(schema, watch)}, {"description", string_of(description)}}));
  }
  out.set("401", object_of({{"description", string_of("Unauthorized")}}));
  return out;
}

api::Value body_of(std::string_view schema) {
  return object_of({{"content", object_of({{"*/*", object_of({{"schema", ref_to(schema)}})}})}});
}

api::Value patch_body() {
  api::Value types = api::Value::object();
  for (std::string_view type : {"application/apply-patch+yaml", "application/json-patch+json",
                                "application/merge-patch+json", "application/strategic-merge-patch+json"}) {
    types.set(std::string(type), object_of({{"schema", ref_to(meta_schema_name("Patch"))}}));
  }
  return object_of({{"content", std::move(types)}});
}

// Writes the operations of one kind.
class KindPaths {
 public:
  KindPaths(const api::KindInfo& kind, std::map<std::string, api::Value>& paths)
      : kind_(kind), names_(kind), paths_(paths), schema_(kind_schema_name(kind)) {}

  void add() {
    std::string collection = api_prefix(kind_) + (kind_.namespaced ? "/namespaces/{namespace}/" : "/") +
                             std::string(kind_.plural);
    paths_[collection] = object_of(
        {{"get", operation("list", "list or watch objects of kind ", id("list"), query_parameters({kListParams}),
                           {}, responses(list_schema_name(kind_), {"200"}, true))},
         {"parameters", path_parameters(kind_, false)},
         {"post", operation("post", "create a ", id("create"), query_parameters({kWriteParams}), body_of(schema_),
                            responses(schema_, {"200", "201", "202"}))}});
    paths_[collection + "/{name}"] = one_object();
    if (kind_.namespaced) {
      std::string all_id = "list" + names_.group_version + std::string(kind_.kind) + "ForAllNamespaces";
      paths_[api_prefix(kind_) + "/" + std::string(kind_.plural)] = object_of(
          {{"get", operation("list", "list or watch objects of kind ", all_id, {}, {},
                             responses(list_schema_name(kind_), {"200"}, true))},
           {"parameters", query_parameters({kListParams, std::span<const Param>(&kPretty, 1)})}});
    }
  }

 private:
  api::Value one_object() const {
    std::string status = meta_schema_name("Status");
    return object_of(
        {{"delete", operation("delete", "delete a ", id("delete"), query_parameters({kDeleteParams}),
                              body_of(meta_schema_name("DeleteOptions")), responses(status, {"200", "202"}))},
         {"get", operation("get", "read the specified ", id("read"), {}, {}, responses(schema_, {"200"}))},
         {"parameters", path_parameters(kind_, true)},
         {"patch", operation("patch", "partially update the specified ", id("patch"),
                             query_parameters({kPatchParams}), patch_body(), responses(schema_, {"200", "201"}))},
         {"put", operation("put", "replace the specified ", id("replace"), query_parameters({kWriteParams}),
                           body_of(schema_), responses(schema_, {"200", "201"}))}});
  }

  // "readAppsV1NamespacedDeployment" for verb "read".
  std::string id(std::string_view verb) const {
    return std::string(verb) + names_.group_version + (kind_.namespaced ? "Namespaced" : "") +
           std::string(kind_.kind);
  }

  // One operation; `parameters` and `body` are left out when null.
  api::Value operation(std::string_view action, std::string_view description, const std::string& operation_id,
                       api::Value parameters, api::Value body, api::Value answers) const {
    api::Value out = object_of({{"description", string_of(std::string(description) + std::string(kind_.kind))},
                                {"operationId", string_of(operation_id)}});
    if (!parameters.is_null()) out.set("parameters", std::move(parameters));
    if (!body.is_null()) out.set("requestBody", std::move(body));
    out.set("responses", std::move(answers));
    out.set("tags", strings_of({names_.tag}));
    out.set("x-kubernetes-action", string_of(action));
    out.set("x-kubernetes-group-version-kind", group_version_kind(kind_, kind_.kind));
    return out;
  }

  const api::KindInfo& kind_;
  OperationNames names_;
  std::map<std::string, api::Value>& paths_;
  std::string schema_;
};

}  // namespace

std::string api_prefix(const api::KindInfo& kind) {
  if (kind.group.empty()) return "/api/" + std::string(kind.version);
  return "/apis/" + std::string(kind.group) + "/" + std::string(kind.version);
}

std::map<std::string, api::Value> paths_for(std::span<const api::KindInfo* const> kinds) {
  std::map<std::string, api::Value> paths;
  for (const api::KindInfo* kind : kinds) KindPaths(*kind, paths).add();
  return paths;
}

}  // namespace herd::server::openapi
