// describe's views of Pod, Deployment, ReplicaSet, Service and Node: the
// fields kubectl's describers show, in their order and words.

#include "herdctl/describe.hpp"
#include "herdctl/fields.hpp"

namespace herd::cli::herdctl {
namespace {

std::string or_none(const std::string& text) { return text.empty() ? "<none>" : text; }

std::string number_at(const api::Value& v, std::initializer_list<std::string_view> path, int64_t fallback = 0) {
  return std::to_string(int_at(v, path, fallback));
}

const api::Value::Array& array_at(const api::Value& v, std::initializer_list<std::string_view> path) {
  static const api::Value::Array kEmpty;
  const api::Value* found = at(v, path);
  return found != nullptr && found->is_array() ? found->as_array() : kEmpty;
}

std::string ports_string(const api::Value& container) {
  std::string out;
  for (const api::Value& p : array_at(container, {"ports"})) {
    out += (out.empty() ? "" : ", ") + number_at(p, {"containerPort"}) + "/" + text_at(p, {"protocol"}, "TCP");
  }
  return or_none(out);
}

// A container status's state: "Running" with its start, "Waiting" with its
// reason, or "Terminated" with reason and exit code.
void container_state(int indent, const api::Value* state, DescribeWriter& w) {
  if (state == nullptr || !state->is_object() || state->as_object().empty()) return w.field(indent, "State", "Waiting");
  const api::Value::Member& m = state->as_object().front();
  w.field(indent, "State", std::string(1, static_cast<char>(std::toupper(m.key[0]))) + m.key.substr(1));
  if (std::string reason = text_at(m.value, {"reason"}); !reason.empty()) w.field(indent + 1, "Reason", reason);
  if (const api::Value* code = m.value.find("exitCode")) w.field(indent + 1, "Exit Code", code->scalar_text());
  if (std::string started = text_at(m.value, {"startedAt"}); !started.empty()) {
    w.field(indent + 1, "Started", describe_time(started));
  }
}

void describe_containers(const api::Value& pod_spec, const api::Value* statuses, DescribeWriter& w, int indent) {
  w.heading(indent, "Containers");
  for (const api::Value& c : array_at(pod_spec, {"containers"})) {
    std::string name = text_at(c, {"name"});
    w.heading(indent + 1, name);
    w.field(indent + 2, "Image", text_at(c, {"image"}));
    w.field(indent + 2, "Port", ports_string(c));
    const api::Value* status = nullptr;
    if (statuses != nullptr && statuses->is_array()) {
      for (const api::Value& s : statuses->as_array()) {
        if (text_at(s, {"name"}) == name) status = &s;
      }
    }
    if (status != nullptr) {
      container_state(indent + 2, status->find("state"), w);
      const api::Value* ready = status->find("ready");
      w.field(indent + 2, "Ready", ready != nullptr && ready->is_bool() && ready->as_bool() ? "True" : "False");
      w.field(indent + 2, "Restart Count", number_at(*status, {"restartCount"}));
    }
    std::string env;
    for (const api::Value& e : array_at(c, {"env"}))
      env += (env.empty() ? "" : ", ") + text_at(e, {"name"}) + "=" + text_at(e, {"value"});
    w.field(indent + 2, "Environment", or_none(env));
  }
}

void describe_pod(const api::Value& pod, DescribeWriter& w) {
  w.field(0, "Node", or_none(text_at(pod, {"spec", "nodeName"})));
  if (std::string start = text_at(pod, {"status", "startTime"}); !start.empty())
    w.field(0, "Start Time", describe_time(start));
  w.field(0, "Status", text_at(pod, {"status", "phase"}, "Pending"));
  w.field(0, "IP", or_none(text_at(pod, {"status", "podIP"})));
  if (const api::Value* spec = pod.find("spec"))
    describe_containers(*spec, at(pod, {"status", "containerStatuses"}), w, 0);
  describe_conditions(pod, w, false);
}

void describe_deployment(const api::Value& d, DescribeWriter& w) {
  w.field(0, "Selector", selector_string(at(d, {"spec", "selector"})));
  w.field(0, "Replicas",
          number_at(d, {"spec", "replicas"}, 1) + " desired | " + number_at(d, {"status", "updatedReplicas"}) +
              " updated | " + number_at(d, {"status", "replicas"}) + " total | " +
              number_at(d, {"status", "availableReplicas"}) + " available | " +
              number_at(d, {"status", "unavailableReplicas"}) + " unavailable");
  std::string strategy = text_at(d, {"spec", "strategy", "type"}, "RollingUpdate");
  w.field(0, "StrategyType", strategy);
  w.field(0, "MinReadySeconds", number_at(d, {"spec", "minReadySeconds"}));
  if (strategy == "RollingUpdate") {
    const api::Value* ru = at(d, {"spec", "strategy", "rollingUpdate"});
    std::string unavailable = ru && ru->find("maxUnavailable") ? ru->find("maxUnavailable")->scalar_text() : "25%";
    std::string surge = ru && ru->find("maxSurge") ? ru->find("maxSurge")->scalar_text() : "25%";
    w.field(0, "RollingUpdateStrategy", unavailable + " max unavailable, " + surge + " max surge");
  }
  describe_pod_template(at(d, {"spec", "template"}), w);
  describe_conditions(d, w, true);
}

void describe_replica_set(const api::Value& rs, DescribeWriter& w) {
  w.field(0, "Selector", selector_string(at(rs, {"spec", "selector"})));
  w.field(0, "Replicas",
          number_at(rs, {"status", "replicas"}) + " current / " + number_at(rs, {"spec", "replicas"}, 1) + " desired");
  w.field(0, "Pods Status",
          number_at(rs, {"status", "readyReplicas"}) + " Ready / " + number_at(rs, {"status", "availableReplicas"}) +
              " Available");
  describe_pod_template(at(rs, {"spec", "template"}), w);
  describe_conditions(rs, w, true);
}

void describe_service(const api::Value& s, DescribeWriter& w) {
  w.field(0, "Selector", or_none(pairs_string(at(s, {"spec", "selector"}))));
  w.field(0, "Type", text_at(s, {"spec", "type"}, "ClusterIP"));
  w.field(0, "IP", or_none(text_at(s, {"spec", "clusterIP"})));
  for (const api::Value& p : array_at(s, {"spec", "ports"})) {
    std::string name = or_none(text_at(p, {"name"}));
    std::string protocol = text_at(p, {"protocol"}, "TCP");
    w.field(0, "Port", name + "  " + number_at(p, {"port"}) + "/" + protocol);
    const api::Value* target = p.find("targetPort");
    w.field(0, "TargetPort", (target ? target->scalar_text() : number_at(p, {"port"})) + "/" + protocol);
    if (const api::Value* node_port = p.find("nodePort"))
      w.field(0, "NodePort", name + "  " + node_port->scalar_text() + "/" + protocol);
  }
  w.field(0, "Session Affinity", text_at(s, {"spec", "sessionAffinity"}, "None"));
}

void describe_node(const api::Value& n, DescribeWriter& w) {
  describe_conditions(n, w, true);
  w.heading(0, "Addresses");
  for (const api::Value& a : array_at(n, {"status", "addresses"}))
    w.field(1, text_at(a, {"type"}), text_at(a, {"address"}));
  for (std::string_view section : {"capacity", "allocatable"}) {
    std::string title(section);
    title[0] = static_cast<char>(std::toupper(title[0]));
    w.heading(0, title);
    if (const api::Value* map = at(n, {"status", section}); map != nullptr && map->is_object()) {
      for (const api::Value::Member& m : map->as_object()) w.field(1, m.key, m.value.scalar_text());
    }
  }
  if (const api::Value* info = at(n, {"status", "nodeInfo"}); info != nullptr && info->is_object()) {
    w.heading(0, "System Info");
    for (const api::Value::Member& m : info->as_object()) w.field(1, m.key, m.value.scalar_text());
  }
  w.field(0, "PodCIDR", or_none(text_at(n, {"spec", "podCIDR"})));
  w.field(0, "Unschedulable",
          at(n, {"spec", "unschedulable"}) ? at(n, {"spec", "unschedulable"})->scalar_text() : "false");
}

}  // namespace

void describe_pod_template(const api::Value* pod_template, DescribeWriter& w) {
  w.heading(0, "Pod Template");
  if (pod_template == nullptr) return;
  w.pairs(1, "Labels", at(*pod_template, {"metadata", "labels"}));
  if (const api::Value* spec = pod_template->find("spec")) describe_containers(*spec, nullptr, w, 1);
}

void describe_conditions(const api::Value& object, DescribeWriter& w, bool with_reason) {
  const api::Value::Array& conditions = array_at(object, {"status", "conditions"});
  if (conditions.empty()) return;
  Table table;
  table.columns = {{"Type", 0}, {"Status", 0}};
  if (with_reason) table.columns.push_back({"Reason", 0});
  for (const api::Value& c : conditions) {
    TableRow row{{text_at(c, {"type"}), text_at(c, {"status"})}, ""};
    if (with_reason) row.cells.push_back(or_none(text_at(c, {"reason"})));
    table.rows.push_back(std::move(row));
  }
  w.heading(0, "Conditions");
  w.table(1, table);
}

bool describe_kind(const std::string& kind, const api::Value& object, DescribeWriter& w) {
  if (kind == "Pod") {
    describe_pod(object, w);
  } else if (kind == "Deployment") {
    describe_deployment(object, w);
  } else if (kind == "ReplicaSet") {
    describe_replica_set(object, w);
  } else if (kind == "Service") {
    describe_service(object, w);
  } else if (kind == "Node") {
    describe_node(object, w);
  } else {
    return false;
  }
  return true;
}

}  // namespace herd::cli::herdctl
