#include "oci/downward_api.hpp"

#include <optional>

namespace herd::runtime::oci {
namespace {

// Splits "metadata.labels['app']" into ("metadata.labels", "app"), as
// Kubernetes' fieldpath.SplitMaybeSubscriptedPath does; nullopt when the
// path has no subscript.
std::optional<std::pair<std::string_view, std::string_view>> split_subscript(
    std::string_view path) {
  constexpr std::string_view kOpen = "['";
  constexpr std::string_view kClose = "']";
  if (path.size() < kClose.size() || path.substr(path.size() - kClose.size()) != kClose) {
    return std::nullopt;
  }
  const std::string_view inner = path.substr(0, path.size() - kClose.size());
  const std::size_t open = inner.find(kOpen);
  if (open == std::string_view::npos || open == 0) {
    return std::nullopt;
  }
  return std::pair{inner.substr(0, open), inner.substr(open + kOpen.size())};
}

std::string map_value(const api::StringMap& map, std::string_view key) {
  auto it = map.find(std::string(key));
  return it == map.end() ? std::string() : it->second;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

// ceil(a / b) for a >= 0; a divisor of 0 or less counts as 1.
int64_t divide_up(int64_t a, int64_t b) {
  if (b <= 0) {
    b = 1;
  }
  return a / b + (a % b != 0 ? 1 : 0);
}

const api::Container* find_container(const api::Pod& pod, const std::string& name) {
  for (const auto* list : {&pod.spec.containers, &pod.spec.init_containers}) {
    for (const api::Container& c : *list) {
      if (c.name == name) {
        return &c;
      }
    }
  }
  return nullptr;
}

const api::Quantity* find_quantity(const api::ResourceList& list, const std::string& name) {
  auto it = list.find(name);
  return it == list.end() ? nullptr : &it->second;
}

}  // namespace

Result<std::string> pod_field_value(const api::ObjectFieldSelector& selector, const api::Pod& pod,
                                    const PodEnvContext& where) {
  if (!selector.api_version.empty() && selector.api_version != "v1") {
    return Status::invalid_argument("unsupported pod version: " + selector.api_version);
  }
  const std::string& path = selector.field_path;
  if (auto subscript = split_subscript(path)) {
    if (subscript->first == "metadata.labels") {
      return map_value(pod.metadata.labels, subscript->second);
    }
    if (subscript->first == "metadata.annotations") {
      return map_value(pod.metadata.annotations, subscript->second);
    }
  } else if (path == "metadata.name") {
    return pod.metadata.name;
  } else if (path == "metadata.namespace") {
    return pod.metadata.namespace_;
  } else if (path == "metadata.uid") {
    return pod.metadata.uid;
  } else if (path == "spec.nodeName") {
    return pod.spec.node_name;
  } else if (path == "spec.serviceAccountName") {
    return pod.spec.service_account_name;
  } else if (path == "status.podIP") {
    return where.pod_ips.empty() ? std::string() : where.pod_ips.front();
  } else if (path == "status.podIPs") {
    return join(where.pod_ips, ",");
  } else if (path == "status.hostIP" || path == "status.hostIPs") {
    return where.host_ip;
  }
  return Status::invalid_argument("field label not supported: " + path);
}

Result<std::string> resource_field_value(const api::ResourceFieldSelector& selector,
                                         const api::Pod& pod, const api::Container& container,
                                         const PodEnvContext& where) {
  const api::Container* target = &container;
  if (!selector.container_name.empty()) {
    target = find_container(pod, selector.container_name);
    if (target == nullptr) {
      return Status::invalid_argument("container " + selector.container_name + " not found");
    }
  }
  const api::Quantity divisor = selector.divisor.has_value() && !selector.divisor->is_zero()
                                    ? *selector.divisor
                                    : api::Quantity::from_int(1);
  const std::string& resource = selector.resource;
  const bool is_limit = resource.starts_with("limits.");
  const std::string name = resource.substr(resource.find('.') + 1);
  if ((!is_limit && !resource.starts_with("requests.")) ||
      (name != "cpu" && name != "memory" && name != "ephemeral-storage")) {
    return Status::invalid_argument("unsupported container resource : " + resource);
  }
  const api::ResourceList& list = is_limit ? target->resources.limits : target->resources.requests;
  api::Quantity amount;
  if (const api::Quantity* set = find_quantity(list, name)) {
    amount = *set;
  } else if (is_limit && name == "cpu") {
    amount = where.node_allocatable.cpu;
  } else if (is_limit && name == "memory") {
    amount = where.node_allocatable.memory;
  }
  // CPU counts in thousandths so that divisors like 1m work; bytes in units.
  const int64_t value = name == "cpu" ? divide_up(amount.milli_value(), divisor.milli_value())
                                      : divide_up(amount.value(), divisor.value());
  return std::to_string(value);
}

}  // namespace herd::runtime::oci
