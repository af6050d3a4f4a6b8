# library/busybox:latest: stands for Docker Hub's busybox (the seed's CronJob
# `hello` runs `/bin/sh -c 'date; echo Hello ...'` in it). Debian's static
# busybox with every applet linked in /bin; the default command is sh.
# shellcheck disable=SC2034 # REF and CONFIG are read by ../build, which sources this
REF=library/busybox:latest
CONFIG=(--config.cmd sh)
inputs() { echo /bin/busybox; }
rootfs() { add_busybox "$1"; }
