// `completion bash`: a bash completion script. CLI11 has no generator, so
// the script is written here: subcommands, flags, kinds (herd's own list,
// so it matches this build), and object names from `herdctl get KIND -o name`.

#include <ostream>
#include <set>

#include "herd/api/object.hpp"
#include "herdctl/commands.hpp"

namespace herd::cli::herdctl {
namespace {

constexpr char kScriptHead[] =
    R"sh(# bash completion for herdctl; load with: source <(herdctl completion bash)
_herdctl() {
  local cur prev words cword
  _init_completion 2>/dev/null || { cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
  local commands="apply create delete get describe logs scale rollout events completion validate convert"
  local global_flags="--server --kubeconfig --context -n --namespace -A --all-namespaces --request-timeout --help"
)sh";

constexpr char kScriptBody[] = R"sh(  local cmd="" sub="" i
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      -*) ;;
      *) if [[ -z "$cmd" ]]; then cmd="${words[i]}"; elif [[ -z "$sub" ]]; then sub="${words[i]}"; fi ;;
    esac
  done
  case "$prev" in
    -f|--filename|--kubeconfig) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    -o|--output) COMPREPLY=($(compgen -W "wide yaml json name" -- "$cur")); return ;;
    --cascade) COMPREPLY=($(compgen -W "background foreground orphan" -- "$cur")); return ;;
    -n|--namespace) COMPREPLY=($(compgen -W "$(herdctl get namespaces -o name 2>/dev/null | sed 's|.*/||')" -- "$cur")); return ;;
  esac
  if [[ -z "$cmd" ]]; then COMPREPLY=($(compgen -W "$commands" -- "$cur")); return; fi
  local flags=""
  case "$cmd" in
    apply|create) flags="-f --filename -R --recursive" ;;
    delete) flags="-f --filename -R --recursive --cascade --grace-period --ignore-not-found" ;;
    get) flags="-l --selector --field-selector -o --output -w --watch --output-watch-events --no-headers" ;;
    logs) flags="-f --follow -c --container -p --previous --tail" ;;
    scale) flags="--replicas" ;;
    rollout) flags="--timeout --to-revision --revision"
      if [[ -z "$sub" ]]; then COMPREPLY=($(compgen -W "status history undo pause resume" -- "$cur")); return; fi ;;
    events) flags="-w --watch --for" ;;
    completion) COMPREPLY=($(compgen -W "bash" -- "$cur")); return ;;
    validate|convert) flags="-f --filename -R --recursive --lenient -o --output" ;;
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$flags $global_flags" -- "$cur")); return; fi
  local kind="$sub"
  [[ "$cmd" == rollout ]] && kind=""
  case "$cmd" in
    get|describe|delete|scale|rollout)
      if [[ -z "$kind" ]]; then
        if [[ "$cur" == */* ]]; then
          COMPREPLY=($(compgen -W "$(herdctl get "${cur%%/*}" -o name 2>/dev/null | sed "s|^[^/]*/|${cur%%/*}/|")" -- "$cur"))
        else
          COMPREPLY=($(compgen -W "$kinds" -- "$cur"))
        fi
      else
        COMPREPLY=($(compgen -W "$(herdctl get "$kind" -o name 2>/dev/null | sed 's|.*/||')" -- "$cur"))
      fi ;;
    logs) COMPREPLY=($(compgen -W "$(herdctl get pods -o name 2>/dev/null | sed 's|.*/||')" -- "$cur")) ;;
  esac
}
complete -F _herdctl herdctl
)sh";

}  // namespace

int run_completion(const std::string& shell, std::ostream& out, std::ostream& err) {
  if (shell != "bash")
    return report_error(Status::invalid_argument("unsupported shell type \"" + shell + "\" (bash only)"), err);
  std::set<std::string> kinds;
  for (const api::KindInfo& kind : api::all_kinds()) {
    kinds.insert(std::string(kind.plural));
    for (std::string_view short_name : kind.short_names) kinds.insert(std::string(short_name));
  }
  out << kScriptHead << "  local kinds=\"";
  for (auto it = kinds.begin(); it != kinds.end(); ++it) out << (it == kinds.begin() ? "" : " ") << *it;
  out << "\"\n" << kScriptBody;
  return 0;
}

}  // namespace herd::cli::herdctl
