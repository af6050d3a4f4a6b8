# Shared by the scripts in this folder: paths and small helpers.
HERD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERD_BUILD="${HERD_BUILD:-$HERD_ROOT/build}"

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- the services the scripts start (scripts/kafka, containerd, registry) ---
# Each defines running_pid, answers and show_log for its own daemon.

# The pid in PIDFILE when it names a live process whose command line
# contains PATTERN (a reused pid does not count).
pid_from_file() {
  local pidfile="$1" pattern="$2" pid
  pid="$(cat "$pidfile" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern" || return 1
  echo "$pid"
}

# start_daemon PIDFILE LOGFILE WHAT COMMAND...: runs COMMAND in its own session
# (so it outlives this script and its terminal), output appended to LOGFILE.
# The child writes its own pid to PIDFILE, then becomes COMMAND; the lock
# descriptors 8 and 9 are not passed on.
start_daemon() {
  local pidfile="$1" logfile="$2" what="$3"
  shift 3
  rm -f "$pidfile"
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 8>&- 9>&- &
  for _ in $(seq 50); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  die "$what did not start"
}

# wait_until_answering WHAT WHERE TIMEOUT INTERVAL: polls `answers` while
# `running_pid` finds the daemon. 1, with the log shown, when it exits or does
# not answer within TIMEOUT seconds.
wait_until_answering() {
  local what="$1" where="$2" timeout="$3" interval="$4"
  local deadline=$((SECONDS + timeout))
  while [ $SECONDS -lt $deadline ]; do
    if ! running_pid >/dev/null; then
      log "$what exited"
      show_log
      return 1
    fi
    answers && return 0
    sleep "$interval"
  done
  log "$what did not answer on $where within ${timeout}s"
  show_log
  return 1
}

# stop_pids WHAT TIMEOUT PID...: SIGTERM to every pid, then waits for them
# all; what is still alive after TIMEOUT seconds gets SIGKILL.
stop_pids() {
  local what="$1" timeout="$2" pid
  shift 2
  local deadline=$((SECONDS + timeout))
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    while [ -d "/proc/$pid" ] && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
    [ -d "/proc/$pid" ] || continue
    log "$what ($pid) did not stop in ${timeout}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    while [ -d "/proc/$pid" ]; do sleep 0.1; done
  done
}

# Holds an exclusive lock on DIR (created if missing) until the script exits.
lock_dir() {
  mkdir -p "$1"
  exec 9>"$1/.lock"
  flock 9
}
