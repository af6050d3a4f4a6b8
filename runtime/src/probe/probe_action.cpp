#include "probe/probe_action.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include "probe/http_probe.hpp"
#include "probe/net_stream.hpp"

namespace herd::runtime::probe {
namespace {

using std::chrono::milliseconds;

// An action that cannot run: every attempt errors with the same reason.
class ErrorAction final : public ProbeAction {
 public:
  explicit ErrorAction(std::string why) : why_(std::move(why)) {}
  ProbeOutcome run(milliseconds) override { return ProbeOutcome::error(why_); }

 private:
  std::string why_;
};

class TcpAction final : public ProbeAction {
 public:
  TcpAction(std::string host, int port) : host_(std::move(host)), port_(port) {}
  ProbeOutcome run(milliseconds timeout) override {
    auto stream = dial_tcp(host_, port_, std::chrono::steady_clock::now() + timeout);
    return stream.ok() ? ProbeOutcome::success() : ProbeOutcome::failure(stream.status().message());
  }

 private:
  std::string host_;
  int port_;
};

class HttpAction final : public ProbeAction {
 public:
  HttpAction(Url url, std::vector<api::HttpHeader> headers)
      : url_(std::move(url)), headers_(std::move(headers)) {}
  ProbeOutcome run(milliseconds timeout) override { return http_probe(url_, headers_, timeout); }

 private:
  Url url_;
  std::vector<api::HttpHeader> headers_;
};

class ExecProbeAction final : public ProbeAction {
 public:
  ExecProbeAction(ExecRunner& runner, std::string container_id, std::vector<std::string> command)
      : runner_(runner), container_id_(std::move(container_id)), command_(std::move(command)) {}

  ProbeOutcome run(milliseconds timeout) override {
    Result<ExecResult> ran = runner_.run(container_id_, command_, timeout);
    if (!ran.ok()) {
      return ProbeOutcome::error(ran.status().message());
    }
    if (ran->timed_out) {
      return ProbeOutcome::failure("command " + quoted_command() + " timed out");
    }
    if (ran->exit_code == 0) {
      return ProbeOutcome::success();
    }
    if (ran->output.empty()) {
      return ProbeOutcome::failure("command " + quoted_command() + " exited with code " +
                                   std::to_string(ran->exit_code));
    }
    return ProbeOutcome::failure(ran->output.substr(0, kMaxProbeBody));  // what the kubelet shows
  }

 private:
  std::string quoted_command() const {
    std::string joined;
    for (const std::string& word : command_) {
      joined += (joined.empty() ? "" : " ") + word;
    }
    return "\"" + joined + "\"";
  }

  ExecRunner& runner_;
  std::string container_id_;
  std::vector<std::string> command_;
};

struct Endpoint {
  std::string host;
  int port = 0;
};

// Where an httpGet or tcpSocket probe connects: its host, else the pod's IP.
Result<Endpoint> endpoint(const api::IntOrString& port, const std::string& host,
                          const api::Container& container, const ProbeTarget& target) {
  HERD_ASSIGN_OR_RETURN(int number, resolve_port(port, container));
  if (host.empty() && target.pod_ip.empty()) {
    return Status::invalid_argument("the pod has no IP to probe");
  }
  return Endpoint{host.empty() ? target.pod_ip : host, number};
}

std::unique_ptr<ProbeAction> http_action(const api::HttpGetAction& get,
                                         const api::Container& container,
                                         const ProbeTarget& target) {
  Result<Endpoint> at = endpoint(get.port, get.host, container, target);
  if (!at.ok()) {
    return std::make_unique<ErrorAction>(at.status().message());
  }
  Url url;
  url.scheme = get.scheme.empty() ? "http" : get.scheme;
  std::transform(url.scheme.begin(), url.scheme.end(), url.scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  url.host = at->host;
  url.port = at->port;
  url.target = get.path.empty() || get.path.front() != '/' ? "/" + get.path : get.path;
  return std::make_unique<HttpAction>(std::move(url), get.http_headers);
}

std::unique_ptr<ProbeAction> make_action(const api::Probe& probe, const api::Container& container,
                                         const ProbeTarget& target, ExecRunner* exec) {
  if (probe.http_get) {
    return http_action(*probe.http_get, container, target);
  }
  if (probe.tcp_socket) {
    Result<Endpoint> at =
        endpoint(probe.tcp_socket->port, probe.tcp_socket->host, container, target);
    if (!at.ok()) {
      return std::make_unique<ErrorAction>(at.status().message());
    }
    return std::make_unique<TcpAction>(at->host, at->port);
  }
  if (probe.exec) {
    if (exec == nullptr) {
      return std::make_unique<ErrorAction>("exec probes are not available on this node");
    }
    return std::make_unique<ExecProbeAction>(*exec, target.container_id, probe.exec->command);
  }
  if (probe.grpc) {
    return std::make_unique<ErrorAction>("grpc probes are not implemented by herd yet (port " +
                                         std::to_string(probe.grpc->port) + ")");
  }
  return std::make_unique<ErrorAction>("the probe has no handler");
}

}  // namespace

ProbeActionFactory real_probe_actions(ExecRunner* exec) {
  return [exec](const api::Probe& probe, const api::Container& container,
                const ProbeTarget& target) { return make_action(probe, container, target, exec); };
}

Result<int> resolve_port(const api::IntOrString& port, const api::Container& container) {
  int number = port.int_value();
  if (port.is_string()) {
    const std::string& name = port.string_value();
    auto named = std::find_if(container.ports.begin(), container.ports.end(),
                              [&](const api::ContainerPort& p) { return p.name == name; });
    if (named != container.ports.end()) {
      number = named->container_port;
    } else {
      // The kubelet's last try: a number written as a string.
      auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), number);
      if (name.empty() || error != std::errc() || end != name.data() + name.size()) {
        return Status::invalid_argument("port \"" + name + "\" not found in container \"" +
                                        container.name + "\"");
      }
    }
  }
  if (number < 1 || number > 65535) {
    return Status::invalid_argument("invalid port number: " + std::to_string(number));
  }
  return number;
}

}  // namespace herd::runtime::probe
