#include "kube/discovery.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "herd/api/codec.hpp"
#include "herd/api/object.hpp"

namespace herd::server::kube {
namespace {

using api::Value;

// The kinds `kubectl get all` lists (Kubernetes' "all" category), of those herd has.
constexpr std::string_view kAllCategory[] = {"Pod", "ReplicationController", "Service", "Deployment",
                                             "ReplicaSet", "Job", "CronJob"};

Value strings(const std::vector<std::string_view>& items) {
  Value out = Value::array();
  for (std::string_view s : items) out.push_back(Value::string(std::string(s)));
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Value resource(std::string name, const api::KindInfo& kind, std::string_view singular,
               const std::vector<std::string_view>& verbs) {
  Value r = Value::object();
  r.set("name", Value::string(std::move(name)));
  r.set("singularName", Value::string(std::string(singular)));
  r.set("namespaced", Value::boolean(kind.namespaced));
  r.set("kind", Value::string(std::string(kind.kind)));
  r.set("verbs", strings(verbs));
  return r;
}

void add_kind(const api::KindInfo& kind, Value& resources) {
  std::string plural(kind.plural);
  Value main = resource(plural, kind, lower(kind.kind),
                        {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"});
  if (!kind.short_names.empty()) main.set("shortNames", strings(kind.short_names));
  if (std::find(std::begin(kAllCategory), std::end(kAllCategory), kind.kind) != std::end(kAllCategory)) {
    main.set("categories", strings({"all"}));
  }
  resources.push_back(std::move(main));
  resources.push_back(resource(plural + "/status", kind, "", {"get", "patch", "update"}));
  if (kind.kind == "Deployment" || kind.kind == "ReplicaSet" || kind.kind == "ReplicationController") {
    Value scale = resource(plural + "/scale", kind, "", {"get", "patch", "update"});
    scale.set("group", Value::string("autoscaling"));
    scale.set("version", Value::string("v1"));
    scale.set("kind", Value::string("Scale"));
    resources.push_back(std::move(scale));
  }
  if (kind.kind == "Pod") resources.push_back(resource(plural + "/log", kind, "", {"get"}));
}

Value group_version(std::string_view group, std::string_view version) {
  Value gv = Value::object();
  gv.set("groupVersion", Value::string(std::string(group) + "/" + std::string(version)));
  gv.set("version", Value::string(std::string(version)));
  return gv;
}

}  // namespace

std::string version_document(std::string_view herd_version) {
  Value v = Value::object();
  v.set("major", Value::string("1"));
  v.set("minor", Value::string("32"));
  v.set("gitVersion", Value::string("v1.32.0+herd." + std::string(herd_version)));
  v.set("gitCommit", Value::string(""));
  v.set("gitTreeState", Value::string("clean"));
  v.set("buildDate", Value::string(""));
  v.set("goVersion", Value::string(""));
  v.set("compiler", Value::string("g++"));
  v.set("platform", Value::string("linux/amd64"));
  return api::to_json(v);
}

std::string core_versions_document() {
  Value v = Value::object();
  v.set("kind", Value::string("APIVersions"));
  v.set("versions", strings({"v1"}));
  v.set("serverAddressByClientCIDRs", Value::array());
  return api::to_json(v);
}

std::string group_list_document() {
  Value groups = Value::array();
  std::vector<std::string_view> seen;
  for (const api::KindInfo& kind : api::all_kinds()) {
    if (kind.group.empty() || std::find(seen.begin(), seen.end(), kind.group) != seen.end()) continue;
    seen.push_back(kind.group);
    Value g = Value::object();
    g.set("name", Value::string(std::string(kind.group)));
    Value versions = Value::array();
    versions.push_back(group_version(kind.group, kind.version));
    g.set("versions", std::move(versions));
    g.set("preferredVersion", group_version(kind.group, kind.version));
    groups.push_back(std::move(g));
  }
  Value v = Value::object();
  v.set("kind", Value::string("APIGroupList"));
  v.set("apiVersion", Value::string("v1"));
  v.set("groups", std::move(groups));
  return api::to_json(v);
}

std::optional<std::string> resource_list_document(std::string_view group_version) {
  Value resources = Value::array();
  for (const api::KindInfo& kind : api::all_kinds()) {
    if (kind.api_version() == group_version) add_kind(kind, resources);
  }
  if (resources.as_array().empty()) return std::nullopt;
  Value v = Value::object();
  v.set("kind", Value::string("APIResourceList"));
  v.set("apiVersion", Value::string("v1"));
  v.set("groupVersion", Value::string(std::string(group_version)));
  v.set("resources", std::move(resources));
  return api::to_json(v);
}

}  // namespace herd::server::kube
