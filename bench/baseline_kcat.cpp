#include "baseline_kcat.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace herd::bench {
namespace {

using Clock = std::chrono::steady_clock;

// `timeout` sends TERM at the limit and KILL this much later.
constexpr int kKillAfterSeconds = 5;
constexpr int kTimeoutExit = 124;  // what timeout(1) exits with when it fired
constexpr std::size_t kReadChunk = 1 << 20;

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// One word for sh: single-quoted, with embedded quotes closed and escaped.
std::string quote(const std::string& word) {
  std::string out = "'";
  for (char c : word) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// The exit code of a wait status from system() or pclose(); 128+signal when
// killed, -1 when the shell could not run.
int exit_code(int status) {
  if (status == -1) {
    return -1;
  }
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status);
  }
  return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}

int run(const std::string& command) { return exit_code(std::system(command.c_str())); }

// The last lines of a log file, for an error message.
std::string tail_of(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  constexpr std::size_t kMax = 400;
  return s.size() > kMax ? "..." + s.substr(s.size() - kMax) : s;
}

std::string first_line_of(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return "";
  }
  char line[512] = {0};
  if (std::fgets(line, sizeof line, pipe) == nullptr) {
    line[0] = '\0';
  }
  (void)::pclose(pipe);  // only the line matters; an empty one reports the failure
  std::string out(line);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) {
    out.pop_back();
  }
  return out;
}

// Why the baseline cannot run here, or "" when it can: kcat and timeout are
// installed and the script manages the broker under test.
std::string check_prerequisites(const KcatTarget& target) {
  if (run("command -v kcat >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1") != 0) {
    return "kcat or timeout(1) is not installed";
  }
  return kafka_script_mismatch(target.kafka_script, target.brokers);
}

std::string create_topic(const KcatTarget& target) {
  std::string log = target.work_dir + "/kcat-topic.log";
  std::string command =
      quote(target.kafka_script) + " topics --create --topic " + quote(target.topic) +
      " --partitions " + std::to_string(target.partitions) + " --replication-factor " +
      std::to_string(target.replication_factor) +
      " --config min.insync.replicas=" + std::to_string(target.min_insync_replicas) + " >" +
      quote(log) + " 2>&1";
  if (run(command) != 0) {
    return "creating topic " + target.topic + " failed: " + tail_of(log);
  }
  return "";
}

// "<object key>\t<envelope>\n" per event; returns the envelope bytes, or -1.
int64_t write_records(const std::string& path, const EventGenerator& generator,
                      const AppendShape& shape) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (file == nullptr) {
    return -1;
  }
  int64_t value_bytes = 0;
  for (uint64_t n = 0; n < shape.events; ++n) {
    events::Event e = generator.make(interleaved_slot(n, shape.threads, shape.batch));
    std::string line = e.object_key() + "\t" + events::encode_event(e);
    value_bytes += static_cast<int64_t>(line.size() - e.object_key().size() - 1);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), file);
  }
  bool failed = std::ferror(file) != 0;
  return std::fclose(file) != 0 || failed ? -1 : value_bytes;
}

std::string kcat_command(const KcatTarget& target, const AppendShape& shape,
                         const std::string& args) {
  return "timeout -k " + std::to_string(kKillAfterSeconds) + " " +
         std::to_string(shape.limit.count()) + " kcat -b " + quote(target.brokers) + " -t " +
         quote(target.topic) + " " + args;
}

void produce(const KcatTarget& target, const AppendShape& shape, const std::string& records,
             Throughput& out) {
  std::string err = target.work_dir + "/kcat-produce.err";
  // murmur2_random is herd's partitioner: the same keys land in the same partitions.
  std::string command = kcat_command(target, shape,
                                     "-P -K '\\t' -X enable.idempotence=true -X acks=all "
                                     "-X partitioner=murmur2_random -l " +
                                         quote(records) + " 2>" + quote(err));
  double cpu_before = children_cpu_seconds();
  Clock::time_point start = Clock::now();
  int code = run(command);
  out.seconds = seconds_between(start, Clock::now());
  out.cpu_seconds = children_cpu_seconds() - cpu_before;
  out.cut_by_time = code == kTimeoutExit;
  if (code != 0 && !out.cut_by_time) {
    out.error = "kcat -P exited with " + std::to_string(code) + ": " + tail_of(err);
  }
}

void consume(const KcatTarget& target, const AppendShape& shape, Throughput& out) {
  std::string err = target.work_dir + "/kcat-consume.err";
  std::string command = kcat_command(target, shape, "-C -o beginning -e -q 2>" + quote(err));
  std::vector<char> buffer(kReadChunk);
  uint64_t total = 0;
  Clock::time_point start = Clock::now();
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    out.error = "could not start kcat -C";
    return;
  }
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    total += n;
    out.events += static_cast<uint64_t>(std::count(buffer.data(), buffer.data() + n, '\n'));
  }
  int code = exit_code(::pclose(pipe));
  out.seconds = seconds_between(start, Clock::now());
  out.bytes = total - out.events;  // envelope bytes: without the newlines
  out.cut_by_time = code == kTimeoutExit;
  if (code != 0 && !out.cut_by_time) {
    out.error = "kcat -C exited with " + std::to_string(code) + ": " + tail_of(err);
  }
}

// The records durable in the topic: the sum of its partitions' end offsets
// (high watermarks) from `kcat -Q`; -1 when kcat did not answer for each.
int64_t durable_records(const KcatTarget& target) {
  std::string command = "timeout 30 kcat -Q -b " + quote(target.brokers);
  for (int p = 0; p < target.partitions; ++p) {
    command += " -t " + quote(target.topic + ":" + std::to_string(p) + ":-1");
  }
  FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) {
    return -1;
  }
  int64_t total = 0;
  int answered = 0;
  char line[512];
  while (std::fgets(line, sizeof line, pipe) != nullptr) {
    // "<topic> [<partition>] offset <end offset>"
    const char* at = std::strstr(line, "] offset ");
    long long offset = 0;
    if (at != nullptr && std::sscanf(at, "] offset %lld", &offset) == 1) {
      total += offset;
      answered += 1;
    }
  }
  int code = exit_code(::pclose(pipe));
  return code == 0 && answered == target.partitions ? total : -1;
}

}  // namespace

std::string kafka_script_mismatch(const std::string& kafka_script, const std::string& brokers) {
  std::string managed = first_line_of(quote(kafka_script) + " address 2>/dev/null");
  std::string first_broker = brokers.substr(0, brokers.find(','));
  if (managed == first_broker) {
    return "";
  }
  return kafka_script + " manages " + (managed.empty() ? "no running broker" : managed) + ", not " +
         first_broker + " (set HERD_KAFKA_STATE to the broker's state directory)";
}

KcatOutcome run_kcat_baseline(const KcatTarget& target, const EventGenerator& generator,
                              const AppendShape& shape) {
  KcatOutcome out;
  std::string why_not = check_prerequisites(target);
  if (why_not.empty()) {
    why_not = create_topic(target);
  }
  std::string records = target.work_dir + "/kcat-records.tsv";
  int64_t value_bytes = why_not.empty() ? write_records(records, generator, shape) : 0;
  if (why_not.empty() && value_bytes < 0) {
    why_not = "could not write " + records;
  }
  if (!why_not.empty()) {
    out.produce.error = why_not;
    out.consume.error = why_not;
    return out;
  }
  produce(target, shape, records, out.produce);
  std::remove(records.c_str());
  // What kcat -P made durable is what the topic holds, whether or not the
  // time limit stopped it; kcat reports no count of its own.
  int64_t durable = durable_records(target);
  if (durable >= 0) {
    out.produce.events = static_cast<uint64_t>(durable);
    out.produce.bytes =
        static_cast<uint64_t>(static_cast<double>(value_bytes) * durable / shape.events);
  } else if (out.produce.error.empty()) {
    out.produce.error = "kcat -Q could not count the records in " + target.topic;
  }
  consume(target, shape, out.consume);
  return out;
}

Status delete_topics(const std::string& kafka_script, const std::string& brokers,
                     const std::string& regex) {
  std::string mismatch = kafka_script_mismatch(kafka_script, brokers);
  if (!mismatch.empty()) {
    return Status::unavailable(mismatch);
  }
  if (run(quote(kafka_script) + " topics --delete --if-exists --topic " + quote(regex) +
          " >/dev/null 2>&1") != 0) {
    return Status::unavailable(kafka_script + " topics --delete failed");
  }
  return Status();
}

}  // namespace herd::bench
