# Shared by the scripts in this folder: paths and small helpers.
HERD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HERD_BUILD="${HERD_BUILD:-$HERD_ROOT/build}"

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
