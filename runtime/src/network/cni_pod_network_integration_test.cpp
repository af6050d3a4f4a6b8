// CniPodNetwork against Debian's CNI plugins (containernetworking-plugins, in
// /usr/lib/cni), as root: real netns under /var/run/netns, veths, and the
// bridge herd-test0 on 10.245.77.0/24, which stays after the tests (like
// herd0 on a node; `ip link del herd-test0` removes it). Every netns, veth,
// address and iptables rule a test makes is torn down in TearDown, also when
// the test failed, and SetUp first clears what a crashed run left. The
// bridge plugin turns net.ipv4.ip_forward on; the suite puts back the value
// it found. Traffic goes only between the host and the test's namespaces.
//
// Without root or the plugins every test FAILS (never skips).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "herd/runtime/pod_network.hpp"
#include "network/ipv4.hpp"
#include "network/netns.hpp"

namespace herd::runtime::network {
namespace {

constexpr const char* kUidPrefix = "cnitest-";
constexpr const char* kStateDir = "/tmp/herd-cni-integration";
constexpr const char* kIpForward = "/proc/sys/net/ipv4/ip_forward";
constexpr uint16_t kPort = 8080;

CniNetworkConfig test_config() {
  CniNetworkConfig config;
  config.network_name = "herd-test";
  config.bridge = "herd-test0";
  config.subnet = "10.245.77.0/24";
  config.range_start = "10.245.77.10";
  config.range_end = "10.245.77.200";
  config.state_dir = kStateDir;
  config.plugin_timeout = std::chrono::seconds(20);
  return config;
}

// The same bridge and subnet, but host-local may hand out only one address.
CniNetworkConfig one_address_config() {
  CniNetworkConfig config = test_config();
  config.network_name = "herd-test-one";
  config.range_start = "10.245.77.250";
  config.range_end = "10.245.77.250";
  return config;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  return text;
}

// --- sockets in namespaces ------------------------------------------------
// A socket belongs to the netns of the thread that created it and keeps it,
// so a socket made on a thread inside a pod's netns acts as the pod.

class Socket {
 public:
  explicit Socket(int fd = -1) : fd_(fd) {}
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket& operator=(Socket&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  int fd() const { return fd_; }

 private:
  int fd_;
};

// A TCP socket made in `netns` ("" = the host's namespace).
Socket tcp_socket(const std::string& netns) {
  Socket socket;
  auto make = [&] { socket = Socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)); };
  if (netns.empty()) {
    make();
  } else {
    Status status = run_in_netns(netns, make);
    EXPECT_TRUE(status.ok()) << status.to_string();
  }
  return socket;
}

sockaddr_in address(const std::string& ip, uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, ip.c_str(), &addr.sin_addr);
  return addr;
}

// Listens on 0.0.0.0:`port` inside `netns`, as a pod's server would.
Socket listen_in(const std::string& netns, uint16_t port) {
  Socket socket = tcp_socket(netns);
  const int on = 1;
  setsockopt(socket.fd(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in addr = address("0.0.0.0", port);
  EXPECT_EQ(bind(socket.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0) << std::strerror(errno);
  EXPECT_EQ(listen(socket.fd(), 4), 0) << std::strerror(errno);
  return socket;
}

bool wait_for(int fd, short events) {
  pollfd p{fd, events, 0};
  return poll(&p, 1, 5000) == 1;
}

// Connects from `from_netns` ("" = the host) to ip:port, has the listener
// accept and write "hello from the pod", and returns what the client read
// (or why it could not).
std::string exchange(const std::string& from_netns, const std::string& ip, uint16_t port, const Socket& listener) {
  Socket client = tcp_socket(from_netns);
  sockaddr_in addr = address(ip, port);
  timeval timeout{5, 0};
  setsockopt(client.fd(), SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  setsockopt(client.fd(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (connect(client.fd(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    return std::string("connect: ") + std::strerror(errno);
  }
  if (!wait_for(listener.fd(), POLLIN)) return "the listener saw no connection";
  Socket served(accept4(listener.fd(), nullptr, nullptr, SOCK_CLOEXEC));
  const std::string greeting = "hello from the pod";
  if (write(served.fd(), greeting.data(), greeting.size()) != static_cast<ssize_t>(greeting.size())) {
    return "write failed";
  }
  char buffer[64] = {};
  const ssize_t n = read(client.fd(), buffer, sizeof buffer);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string("read: ") + std::strerror(errno);
}

// --- fixture ----------------------------------------------------------------

class CniPodNetworkTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ip_forward_ = read_file(kIpForward); }
  static void TearDownTestSuite() {
    if (!ip_forward_.empty()) std::ofstream(kIpForward) << ip_forward_ << "\n";
  }

  void SetUp() override {
    ASSERT_EQ(geteuid(), 0u) << "these tests create network namespaces and need root";
    ASSERT_EQ(access("/usr/lib/cni/bridge", X_OK), 0)
        << "no /usr/lib/cni/bridge: apt-get install containernetworking-plugins";
    for (const CniNetworkConfig& config : {test_config(), one_address_config()}) {
      std::unique_ptr<PodNetwork> network = open(config);
      ASSERT_NE(network, nullptr);
      clear_leftovers(*network);
    }
    network_ = open(test_config());
    ASSERT_NE(network_, nullptr);
  }

  void TearDown() override {
    for (const auto& [config, uids] : used_) {
      std::unique_ptr<PodNetwork> network = open(config);
      ASSERT_NE(network, nullptr);
      for (const std::string& uid : uids) {
        Status status = network->teardown(uid);
        EXPECT_TRUE(status.ok()) << status.to_string();
        EXPECT_FALSE(std::filesystem::exists("/var/run/netns/herd-" + uid));
      }
    }
    std::error_code ec;
    std::filesystem::remove_all(kStateDir, ec);
  }

  static std::unique_ptr<PodNetwork> open(const CniNetworkConfig& config) {
    Result<std::unique_ptr<PodNetwork>> network = open_cni_pod_network(config);
    EXPECT_TRUE(network.ok()) << network.status().to_string();
    return network.ok() ? std::move(network).value() : nullptr;
  }

  // Tears down every test pod a crashed run left (netns or cached result).
  static void clear_leftovers(PodNetwork& network) {
    Result<std::vector<ExistingPodNetwork>> existing = network.list();
    ASSERT_TRUE(existing.ok()) << existing.status().to_string();
    for (const ExistingPodNetwork& pod : *existing) {
      if (pod.uid.rfind(kUidPrefix, 0) != 0) continue;
      Status status = network.teardown(pod.uid);
      EXPECT_TRUE(status.ok()) << status.to_string();
    }
  }

  // A request for a test pod, remembered for TearDown under `config`.
  PodNetworkRequest pod(const std::string& name, const CniNetworkConfig& config = test_config()) {
    PodNetworkRequest request;
    request.uid = kUidPrefix + std::to_string(getpid()) + "-" + name;
    request.name = name;
    request.namespace_ = "default";
    bool known = false;
    for (auto& [used_config, uids] : used_) {
      if (used_config.network_name == config.network_name) {
        uids.insert(request.uid);
        known = true;
      }
    }
    if (!known) used_.push_back({config, {request.uid}});
    return request;
  }

  PodNetworkStatus setup(PodNetwork& network, const PodNetworkRequest& request) {
    Result<PodNetworkStatus> status = network.setup(request);
    EXPECT_TRUE(status.ok()) << status.status().to_string();
    return status.ok() ? *status : PodNetworkStatus{};
  }

  static inline std::string ip_forward_;
  std::unique_ptr<PodNetwork> network_;
  std::vector<std::pair<CniNetworkConfig, std::set<std::string>>> used_;
};

bool in_test_subnet(const std::string& ip) {
  Result<uint32_t> address = parse_ipv4(ip);
  return address.ok() && Ipv4Subnet::parse("10.245.77.0/24")->contains(*address);
}

// --- tests --------------------------------------------------------------------

TEST_F(CniPodNetworkTest, TwoPodsGetDistinctAddressesInTheSubnet) {
  const PodNetworkStatus a = setup(*network_, pod("a"));
  const PodNetworkStatus b = setup(*network_, pod("b"));
  EXPECT_NE(a.ip, b.ip);
  EXPECT_TRUE(in_test_subnet(a.ip)) << a.ip;
  EXPECT_TRUE(in_test_subnet(b.ip)) << b.ip;
  EXPECT_EQ(a.gateway, "10.245.77.1");
  EXPECT_EQ(a.netns_path, "/var/run/netns/herd-" + pod("a").uid);
  EXPECT_TRUE(netns_exists(a.netns_path));
  EXPECT_TRUE(netns_exists(b.netns_path));
}

TEST_F(CniPodNetworkTest, TheHostReachesAPodAndPodsReachEachOther) {
  const PodNetworkStatus a = setup(*network_, pod("a"));
  const PodNetworkStatus b = setup(*network_, pod("b"));
  Socket listener_a = listen_in(a.netns_path, kPort);
  Socket listener_b = listen_in(b.netns_path, kPort);

  EXPECT_EQ(exchange("", a.ip, kPort, listener_a), "hello from the pod");
  EXPECT_EQ(exchange("", b.ip, kPort, listener_b), "hello from the pod");
  EXPECT_EQ(exchange(a.netns_path, b.ip, kPort, listener_b), "hello from the pod");
  EXPECT_EQ(exchange(b.netns_path, a.ip, kPort, listener_a), "hello from the pod");
}

TEST_F(CniPodNetworkTest, SetupOfAPodAlreadySetUpReturnsItsNetwork) {
  const PodNetworkRequest request = pod("a");
  const PodNetworkStatus first = setup(*network_, request);
  EXPECT_EQ(setup(*network_, request), first);
  Status check = network_->check(request.uid);
  EXPECT_TRUE(check.ok()) << check.to_string();
}

TEST_F(CniPodNetworkTest, TeardownRemovesTheNetnsAndReleasesTheAddress) {
  std::unique_ptr<PodNetwork> network = open(one_address_config());
  ASSERT_NE(network, nullptr);
  const PodNetworkStatus a = setup(*network, pod("a", one_address_config()));
  EXPECT_EQ(a.ip, "10.245.77.250");

  // The only address is taken: the next pod fails, and leaves nothing behind.
  const PodNetworkRequest b = pod("b", one_address_config());
  Result<PodNetworkStatus> refused = network->setup(b);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("no IP addresses available"), std::string::npos)
      << refused.status().to_string();
  EXPECT_FALSE(std::filesystem::exists("/var/run/netns/herd-" + b.uid));

  Status status = network->teardown(pod("a", one_address_config()).uid);
  ASSERT_TRUE(status.ok()) << status.to_string();
  EXPECT_FALSE(std::filesystem::exists(a.netns_path));
  Result<std::vector<ExistingPodNetwork>> left = network->list();
  ASSERT_TRUE(left.ok());
  for (const ExistingPodNetwork& existing : *left) EXPECT_NE(existing.uid, pod("a", one_address_config()).uid);

  EXPECT_EQ(setup(*network, b).ip, "10.245.77.250");
}

TEST_F(CniPodNetworkTest, TeardownTwiceAndOfAPodNeverSetUpIsFine) {
  const PodNetworkRequest request = pod("a");
  setup(*network_, request);
  for (int i = 0; i < 2; ++i) {
    Status status = network_->teardown(request.uid);
    EXPECT_TRUE(status.ok()) << status.to_string();
  }
  Status never = network_->teardown(pod("never").uid);
  EXPECT_TRUE(never.ok()) << never.to_string();
  EXPECT_EQ(network_->check(request.uid).code(), StatusCode::kNotFound);
}

TEST_F(CniPodNetworkTest, TeardownAfterTheNetnsIsGoneStillReleasesTheAddress) {
  const PodNetworkRequest request = pod("a");
  const PodNetworkStatus a = setup(*network_, request);
  const std::string reservation = std::string(kStateDir) + "/ipam/herd-test/" + a.ip;
  EXPECT_TRUE(std::filesystem::exists(reservation)) << reservation;

  ASSERT_TRUE(delete_netns(a.netns_path).ok());  // as a reboot would
  Status status = network_->teardown(request.uid);
  EXPECT_TRUE(status.ok()) << status.to_string();
  EXPECT_FALSE(std::filesystem::exists(reservation));
}

TEST_F(CniPodNetworkTest, AFreshInstanceListsAndAdoptsWhatTheLastOneSetUp) {
  const PodNetworkRequest request = pod("a");
  const PodNetworkStatus a = setup(*network_, request);
  network_.reset();  // herd restarts

  std::unique_ptr<PodNetwork> restarted = open(test_config());
  Result<std::vector<ExistingPodNetwork>> existing = restarted->list();
  ASSERT_TRUE(existing.ok()) << existing.status().to_string();
  bool found = false;
  for (const ExistingPodNetwork& pod : *existing) {
    if (pod.uid != request.uid) continue;
    found = true;
    EXPECT_TRUE(pod.netns_exists);
    EXPECT_TRUE(pod.has_cached_result);
    EXPECT_EQ(pod.ip, a.ip);
    EXPECT_EQ(pod.netns_path, a.netns_path);
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(setup(*restarted, request), a);
  Status status = restarted->teardown(request.uid);
  EXPECT_TRUE(status.ok()) << status.to_string();
}

TEST_F(CniPodNetworkTest, ABadPluginDirIsAClearErrorAndLeavesNothing) {
  CniNetworkConfig config = test_config();
  config.plugin_dir = "/nonexistent/cni";
  std::unique_ptr<PodNetwork> network = open(config);
  ASSERT_NE(network, nullptr);
  const PodNetworkRequest request = pod("a");
  Result<PodNetworkStatus> status = network->setup(request);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.status().code(), StatusCode::kNotFound);
  EXPECT_NE(status.status().message().find("CNI plugin \"loopback\" not found in /nonexistent/cni"),
            std::string::npos)
      << status.status().to_string();
  EXPECT_FALSE(std::filesystem::exists("/var/run/netns/herd-" + request.uid));
}

TEST_F(CniPodNetworkTest, AHostPortOn127001ReachesThePod) {
  PodNetworkRequest request = pod("a");
  request.port_mappings.push_back({18080, kPort, "tcp", "127.0.0.1"});
  const PodNetworkStatus a = setup(*network_, request);
  Socket listener = listen_in(a.netns_path, kPort);
  EXPECT_EQ(exchange("", "127.0.0.1", 18080, listener), "hello from the pod");

  Status status = network_->teardown(request.uid);
  ASSERT_TRUE(status.ok()) << status.to_string();
  FILE* rules = popen("iptables-save -t nat 2>&1", "r");
  ASSERT_NE(rules, nullptr);
  char line[1024];
  while (fgets(line, sizeof line, rules) != nullptr) {
    EXPECT_EQ(std::string(line).find(request.uid), std::string::npos) << "left behind: " << line;
  }
  pclose(rules);
}

}  // namespace
}  // namespace herd::runtime::network
