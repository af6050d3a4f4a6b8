// herdctl: the herd client. Offline manifest commands (validate, convert)
// and kubectl-like online commands against herd's API server. This file only
// declares the flags and dispatches; the commands live in herdctl/.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>

#include "herd/cli/herdctl_commands.hpp"
#include "herdctl/commands.hpp"
#include "herdctl/kubeconfig.hpp"
#include "herdctl/table.hpp"
#include "herd/api/codec.hpp"
#include "history/history_commands.hpp"

namespace {

using namespace herd::cli::herdctl;

constexpr char kFilesHelp[] = "File, directory or - (stdin); repeatable";
constexpr char kRecursiveHelp[] = "Also read subdirectories of directories given with -f";

struct GlobalFlags {
  ConnectionFlags connection;
  bool all_namespaces = false;
  std::string request_timeout = "30s";
};

void add_file_flags(CLI::App* app, FileOptions& files, bool required) {
  CLI::Option* f = app->add_option("-f,--filename", files.files, kFilesHelp);
  if (required) f->required();
  app->add_flag("-R,--recursive", files.recursive, kRecursiveHelp);
}

// "herdctl rollout undo": the command words, for the Herd-Command header.
std::string command_words(const CLI::App& app) {
  std::string words = "herdctl";
  for (const CLI::App* sub = &app; !sub->get_subcommands().empty();) {
    sub = sub->get_subcommands().front();
    words += " " + sub->get_name();
  }
  return words;
}

// Resolves the server and namespace, then runs `command` with a Session.
template <class Command>
int online(const GlobalFlags& flags, const CLI::App& app, Command command) {
  const char* env = std::getenv("KUBECONFIG");
  const char* home = std::getenv("HOME");
  herd::Result<ClusterTarget> target =
      resolve_target(flags.connection, env ? std::optional<std::string>(env) : std::nullopt, home ? home : "");
  if (!target.ok()) return report_error(target.status(), std::cerr);
  herd::Result<std::chrono::milliseconds> timeout = parse_duration(flags.request_timeout);
  if (!timeout.ok()) return report_error(timeout.status(), std::cerr);
  HttpClient::Options options{target->server, std::string("herdctl/") + HERD_VERSION, command_words(app), *timeout};
  if (options.timeout.count() == 0) options.timeout = std::chrono::hours(24 * 365);
  herd::Result<HttpClient> http = HttpClient::create(std::move(options));
  if (!http.ok()) return report_error(http.status(), std::cerr);
  ApiClient api(std::move(*http));
  Session session{api,       target->namespace_, !flags.connection.namespace_.empty(), flags.all_namespaces, std::cin,
                  std::cout, std::cerr,          ::isatty(STDOUT_FILENO) == 1};
  return command(session);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "herdctl: the command-line client of herd, a container "
      "orchestrator with Kubernetes' object model.\n"
      "Online commands find the server as kubectl does: --server, "
      "else the kubeconfig's current context\n"
      "(--kubeconfig, KUBECONFIG, ~/.kube/config; `herd up` writes "
      "one into its data directory)."};
  app.require_subcommand(1);
  app.fallthrough();  // before the subcommands, which inherit it: global flags
                      // go anywhere
  GlobalFlags global;
  app.add_option("-s,--server", global.connection.server, "The API server's URL (http://127.0.0.1:PORT)");
  app.add_option("--kubeconfig", global.connection.kubeconfig, "The kubeconfig file to use");
  app.add_option("--context", global.connection.context, "The kubeconfig context to use");
  app.add_option("-n,--namespace", global.connection.namespace_, "The namespace (default: the context's, or default)");
  app.add_flag("-A,--all-namespaces", global.all_namespaces, "Every namespace (get, events)");
  app.add_option("--request-timeout", global.request_timeout, "Limit of each request (not of streams); 0 for none")
      ->default_str("30s");

  herd::cli::ValidateOptions validate;
  CLI::App* v = app.add_subcommand("validate",
                                   "Check manifests offline: every problem as FILE:LINE:COL: "
                                   "field.path: message. Exit 0 if all valid.");
  v->add_option("-f,--filename", validate.files, kFilesHelp)->required();
  v->add_flag("-R,--recursive", validate.recursive, kRecursiveHelp);
  v->add_flag("--lenient", validate.lenient, "Report unknown fields as warnings instead of errors");

  herd::cli::ConvertOptions convert;
  CLI::App* c = app.add_subcommand("convert",
                                   "Print manifests normalized: current "
                                   "apiVersion, Kubernetes' defaults applied.");
  c->add_option("-f,--filename", convert.files, kFilesHelp)->required();
  c->add_flag("-R,--recursive", convert.recursive, kRecursiveHelp);
  c->add_flag("--lenient", convert.lenient, "Report unknown fields as warnings instead of errors");
  c->add_option("-o,--output", convert.output, "Output format: yaml or json")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->default_str("yaml");

  FileOptions apply;
  CLI::App* ap = app.add_subcommand("apply",
                                    "Create or update the objects of manifests "
                                    "(created|configured|unchanged).");
  add_file_flags(ap, apply, true);

  FileOptions create;
  CLI::App* cr = app.add_subcommand("create", "Create the objects of manifests; existing ones are errors.");
  add_file_flags(cr, create, true);

  DeleteOptions del;
  CLI::App* d = app.add_subcommand("delete", "Delete objects: -f FILE, or KIND NAME..., or KIND/NAME...");
  add_file_flags(d, del.files, false);
  d->add_option("resources", del.resources, "KIND NAME... or KIND/NAME...");
  d->add_option("--cascade", del.cascade, "background, foreground or orphan")->default_str("background");
  d->add_option("--grace-period", del.grace_period, "Seconds a pod gets to stop (-1: the pod's own)");
  d->add_flag("--ignore-not-found", del.ignore_not_found, "Objects that do not exist are no error");

  GetOptions get;
  CLI::App* g = app.add_subcommand("get", "List objects as tables (or yaml, json, names); -w follows changes.");
  g->add_option("resources", get.resources, "KIND[,KIND] [NAME...], or KIND/NAME...")->required();
  g->add_option("-l,--selector", get.label_selector, "Label selector, e.g. app=web,tier!=db");
  g->add_option("--field-selector", get.field_selector, "Field selector, e.g. status.phase=Running");
  g->add_option("-o,--output", get.output, "wide, yaml, json or name");
  g->add_flag("-w,--watch", get.watch, "After listing, print every change");
  g->add_flag("--output-watch-events", get.watch_events, "With -w: an EVENT column (ADDED, MODIFIED, DELETED)");
  g->add_flag("--no-headers", get.no_headers, "Print no header line");
  g->add_option("--at", get.at, "The objects as they were at a moment: an RFC 3339 time or how long ago (10m, 2h)");

  herd::cli::HistoryOptions history;
  CLI::App* hi = app.add_subcommand("history", "Every event of one object, from herd's log: time, actor, what happened.");
  hi->add_option("resource", history.resource, "KIND/NAME, e.g. deployment/web")->required();
  hi->add_option("-o,--output", history.output, "json: the events as the log holds them")
      ->check(CLI::IsMember({"", "json"}));

  herd::cli::DiffOptions diff;
  CLI::App* df = app.add_subcommand("diff", "How one object changed between two moments, from herd's log.");
  df->add_option("resource", diff.resource, "KIND/NAME, e.g. deployment/web")->required();
  df->add_option("--from", diff.from, "An RFC 3339 time or how long ago (10m, 2h)")->required();
  df->add_option("--to", diff.to, "An RFC 3339 time or how long ago; default now");

  std::vector<std::string> describe;
  CLI::App* ds = app.add_subcommand("describe", "Show an object in detail, with its Events.");
  ds->add_option("resources", describe, "KIND NAME or KIND/NAME")->required();

  LogsOptions logs;
  CLI::App* l = app.add_subcommand("logs", "Print (or with -f follow) a pod's container log.");
  l->add_option("pod", logs.pod, "POD or pod/POD")->required();
  l->add_option("-c,--container", logs.container, "The container (default: the pod's only one)");
  l->add_flag("-f,--follow", logs.follow, "Keep printing as the log grows");
  l->add_flag("-p,--previous", logs.previous, "The previous instance of the container");
  l->add_option("--tail", logs.tail, "Only the last N lines");

  ScaleOptions scale;
  CLI::App* sc = app.add_subcommand("scale", "Set the replicas of Deployments, ReplicaSets, ReplicationControllers.");
  sc->add_option("resources", scale.resources, "KIND/NAME... or KIND NAME...")->required();
  sc->add_option("--replicas", scale.replicas, "The new number of replicas")->required();

  RolloutOptions rollout;
  std::string rollout_timeout = "0s";
  CLI::App* r = app.add_subcommand("rollout", "Manage a Deployment's rollout.");
  r->require_subcommand(1);
  CLI::App* rs = r->add_subcommand("status", "Wait until the rollout is complete, printing its progress.");
  rs->add_option("--timeout", rollout_timeout, "Give up after this long (e.g. 2m); 0 waits for ever");
  CLI::App* rh = r->add_subcommand("history", "List the revisions and their change causes.");
  rh->add_option("--revision", rollout.revision, "Show this revision's pod template");
  CLI::App* ru = r->add_subcommand("undo", "Roll back to the previous (or --to-revision) revision.");
  ru->add_option("--to-revision", rollout.to_revision, "The revision to go back to (0: the previous one)");
  CLI::App* rp = r->add_subcommand("pause", "Stop rolling out template changes.");
  CLI::App* rr = r->add_subcommand("resume", "Roll out template changes again.");
  for (CLI::App* sub : {rs, rh, ru, rp, rr})
    sub->add_option("resources", rollout.resources, "KIND/NAME or KIND NAME")->required();

  EventsOptions events;
  CLI::App* e = app.add_subcommand("events", "List Events, oldest first; -w follows new ones.");
  e->add_flag("-w,--watch", events.watch, "After listing, print every new Event");
  e->add_option("--for", events.for_object, "Only the Events of KIND/NAME");

  std::string shell;
  CLI::App* co = app.add_subcommand("completion", "Print a shell completion script: source <(herdctl completion bash)");
  co->add_option("shell", shell, "bash")->required();

  CLI11_PARSE(app, argc, argv);
  if (v->parsed()) return herd::cli::run_validate(validate, std::cin, std::cout, std::cerr);
  if (c->parsed()) return herd::cli::run_convert(convert, std::cin, std::cout, std::cerr);
  if (co->parsed()) return run_completion(shell, std::cout, std::cerr);
  return online(global, app, [&](Session& session) {
    if (ap->parsed()) return run_apply(apply, session);
    if (cr->parsed()) return run_create(create, session);
    if (d->parsed()) return run_delete(del, session);
    if (g->parsed()) return run_get(get, session);
    if (ds->parsed()) return run_describe(describe, session);
    if (l->parsed()) return run_logs(logs, session);
    if (sc->parsed()) return run_scale(scale, session);
    if (e->parsed()) return run_events(events, session);
    herd::cli::ApiGet read = [&session](const std::string& path) -> herd::Result<std::string> {
      herd::Result<herd::api::Value> body = session.api.get(path);
      if (!body.ok()) return body.status();
      return herd::api::to_json(*body);
    };
    if (hi->parsed()) {
      history.namespace_ = session.namespace_;
      return herd::cli::run_history(history, read, session.out, session.err);
    }
    if (df->parsed()) {
      diff.namespace_ = session.namespace_;
      auto now = std::chrono::system_clock::now().time_since_epoch();
      return herd::cli::run_diff(diff, read, std::chrono::duration_cast<std::chrono::nanoseconds>(now).count(),
                                 session.out, session.err);
    }
    herd::Result<std::chrono::milliseconds> timeout = parse_duration(rollout_timeout);
    if (!timeout.ok()) return report_error(timeout.status(), session.err);
    rollout.timeout = *timeout;
    rollout.action = r->get_subcommands().front()->get_name();
    return run_rollout(rollout, session);
  });
}
