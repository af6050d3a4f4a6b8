# herd/memhog:latest: allocates memory past a container's limit, for the
# OOM-kill tests. `memhog MIB [SECONDS]` allocates and touches MIB MiB, one MiB
# at a time (printing each 16 MiB), then holds it SECONDS (default: forever).
# Built with gcc -static from memhog.c at image build time; busybox for a shell.
# shellcheck disable=SC2034 # REF and CONFIG are read by ../build, which sources this
REF=herd/memhog:latest
CONFIG=(--config.entrypoint /bin/memhog --config.cmd 256)
inputs() { command -v gcc; echo /usr/lib/x86_64-linux-gnu/libc.a; }
rootfs() {
  add_busybox "$1"
  gcc -static -O2 -Wall -Werror -o "$1/bin/memhog" "$IMAGES_DIR/memhog/memhog.c"
  strip "$1/bin/memhog"
}
