#pragma once

// herdctl's online commands: each takes its options and a Session (the API
// client, the namespace, the streams), prints what kubectl would print, and
// returns the exit code (0, or 1 after printing the error as kubectl does).
// herdctl_main.cpp parses the flags and calls them; tests call them too.

#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "herdctl/api_client.hpp"

namespace herd::cli::herdctl {

/// What every online command runs with.
struct Session {
  const ApiClient& api;
  std::string namespace_ = "default";  ///< From -n or the kubeconfig's context.
  bool namespace_given = false;        ///< -n was given (an object in another namespace is refused).
  bool all_namespaces = false;         ///< -A
  std::istream& in;                    ///< For -f -.
  std::ostream& out;
  std::ostream& err;
  bool terminal = false;  ///< `out` is a terminal (progress bars instead of lines).
};

/// -f files: as validate and convert read them.
struct FileOptions {
  std::vector<std::string> files;
  bool recursive = false;
};

/// `apply -f`: create what does not exist, update what does (keeping
/// server-set fields), one line per object: `deployment.apps/web
/// created|configured|unchanged`.
int run_apply(const FileOptions& options, Session& session);

/// `create -f`: create every object; AlreadyExists is an error per object.
int run_create(const FileOptions& options, Session& session);

struct DeleteOptions {
  FileOptions files;
  std::vector<std::string> resources;  ///< KIND NAME... or KIND/NAME...
  std::string cascade = "background";  ///< background, foreground or orphan.
  std::optional<int64_t> grace_period;
  bool ignore_not_found = false;
};

/// `delete`: one line per object, `deployment.apps "web" deleted`.
int run_delete(const DeleteOptions& options, Session& session);

struct GetOptions {
  std::vector<std::string> resources;
  std::string label_selector;
  std::string field_selector;
  std::string output;  ///< "", wide, yaml, json or name.
  bool watch = false;
  bool watch_events = false;  ///< --output-watch-events: an EVENT column first.
  bool no_headers = false;
  /// --at: a moment (RFC 3339, or how long ago: 10m); the objects as they
  /// were then, rebuilt by the server from its log (/herd/v1/state).
  std::string at;
};

/// `get`: the server's Table for each kind (or NAME/AGE), or the objects.
int run_get(const GetOptions& options, Session& session);

/// `describe KIND NAME` / `describe KIND/NAME`.
int run_describe(const std::vector<std::string>& resources, Session& session);

struct LogsOptions {
  std::string pod;  ///< NAME or pod/NAME.
  std::string container;
  bool follow = false;
  bool previous = false;
  std::optional<int64_t> tail;
};

/// `logs`: the container's log, streamed when following.
int run_logs(const LogsOptions& options, Session& session);

struct ScaleOptions {
  std::vector<std::string> resources;
  int64_t replicas = -1;
};

/// `scale`: merge-patches each object's scale subresource; `deployment.apps/web
/// scaled`.
int run_scale(const ScaleOptions& options, Session& session);

struct RolloutOptions {
  std::string action;                    ///< status, history, undo, pause or resume.
  std::vector<std::string> resources;    ///< KIND/NAME or KIND NAME.
  std::chrono::milliseconds timeout{0};  ///< status: 0 waits for ever.
  int64_t to_revision = 0;               ///< undo: 0 is the previous revision.
  int64_t revision = 0;                  ///< history: show this revision's template.
};

/// `rollout status|history|undo|pause|resume` for Deployments.
int run_rollout(const RolloutOptions& options, Session& session);

struct EventsOptions {
  bool watch = false;
  std::string for_object;  ///< --for KIND/NAME
};

/// `events`: the namespace's (or every, with -A) Events, oldest first.
int run_events(const EventsOptions& options, Session& session);

/// `completion bash`: prints the bash completion script. kInvalidArgument
/// for other shells.
int run_completion(const std::string& shell, std::ostream& out, std::ostream& err);

}  // namespace herd::cli::herdctl
