#include <algorithm>
#include <cctype>

#include "herd/api/object.hpp"

namespace herd::api {
namespace {

template <class K>
constexpr std::size_t index_of() {
  constexpr std::size_t n = std::variant_size_v<Object>;
  std::size_t found = n;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (void)((std::is_same_v<K, std::variant_alternative_t<I, Object>> ? (found = I, true) : false) || ...);
  }(std::make_index_sequence<n>{});
  return found;
}

std::vector<KindInfo> make_kinds() {
  std::vector<KindInfo> k = {
      {"Pod", "", "v1", "pods", {"po"}, true, {}, index_of<Pod>()},
      {"ReplicationController", "", "v1", "replicationcontrollers", {"rc"}, true, {},
       index_of<ReplicationController>()},
      {"ReplicaSet", "apps", "v1", "replicasets", {"rs"}, true, {"apps/v1beta2", "extensions/v1beta1"},
       index_of<ReplicaSet>()},
      {"Deployment", "apps", "v1", "deployments", {"deploy"}, true,
       {"apps/v1beta1", "apps/v1beta2", "extensions/v1beta1"}, index_of<Deployment>()},
      {"Service", "", "v1", "services", {"svc"}, true, {}, index_of<Service>()},
      {"Endpoints", "", "v1", "endpoints", {"ep"}, true, {}, index_of<Endpoints>()},
      {"ConfigMap", "", "v1", "configmaps", {"cm"}, true, {}, index_of<ConfigMap>()},
      {"Secret", "", "v1", "secrets", {}, true, {}, index_of<Secret>()},
      {"Job", "batch", "v1", "jobs", {}, true, {}, index_of<Job>()},
      {"CronJob", "batch", "v1", "cronjobs", {"cj"}, true, {"batch/v1beta1", "batch/v2alpha1"},
       index_of<CronJob>()},
      {"Namespace", "", "v1", "namespaces", {"ns"}, false, {}, index_of<Namespace>()},
      {"Node", "", "v1", "nodes", {"no"}, false, {}, index_of<Node>()},
      {"Role", "rbac.authorization.k8s.io", "v1", "roles", {}, true, {"rbac.authorization.k8s.io/v1beta1"},
       index_of<Role>()},
      {"ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles", {}, false,
       {"rbac.authorization.k8s.io/v1beta1"}, index_of<ClusterRole>()},
      {"RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings", {}, true,
       {"rbac.authorization.k8s.io/v1beta1"}, index_of<RoleBinding>()},
      {"ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings", {}, false,
       {"rbac.authorization.k8s.io/v1beta1"}, index_of<ClusterRoleBinding>()},
      {"NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", {"netpol"}, true, {"extensions/v1beta1"},
       index_of<NetworkPolicy>()},
      {"Ingress", "networking.k8s.io", "v1", "ingresses", {"ing"}, true,
       {"extensions/v1beta1", "networking.k8s.io/v1beta1"}, index_of<Ingress>()},
      {"Event", "", "v1", "events", {"ev"}, true, {}, index_of<Event>()},
  };
  std::sort(k.begin(), k.end(), [](const KindInfo& a, const KindInfo& b) { return a.index < b.index; });
  return k;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string KindInfo::api_version() const {
  return group.empty() ? std::string(version) : std::string(group) + "/" + std::string(version);
}

bool KindInfo::accepts(std::string_view v) const {
  return v == api_version() ||
         std::find(legacy_api_versions.begin(), legacy_api_versions.end(), v) != legacy_api_versions.end();
}

const std::vector<KindInfo>& all_kinds() {
  static const std::vector<KindInfo> kinds = make_kinds();
  return kinds;
}

const KindInfo* find_kind(std::string_view kind) {
  for (const KindInfo& k : all_kinds()) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

const KindInfo* find_kind_by_name(std::string_view word) {
  std::string w = lower(word);
  std::string group;
  if (auto dot = w.find('.'); dot != std::string::npos) {
    group = w.substr(dot + 1);
    w.resize(dot);
  }
  for (const KindInfo& k : all_kinds()) {
    if (!group.empty() && group != k.group) continue;
    bool hit = w == lower(k.kind) || w == k.plural ||
               std::find(k.short_names.begin(), k.short_names.end(), w) != k.short_names.end();
    if (hit) return &k;
  }
  return nullptr;
}

const KindInfo& kind_of(const Object& object) { return all_kinds()[object.index()]; }

const ObjectMeta& meta(const Object& object) {
  return std::visit([](const auto& o) -> const ObjectMeta& { return o.metadata; }, object);
}

ObjectMeta& meta(Object& object) {
  return std::visit([](auto& o) -> ObjectMeta& { return o.metadata; }, object);
}

}  // namespace herd::api
