# mhausenblas/simple-service:0.5.0: stands for Michael Hausenblas' simpleservice,
# the image of the seed's Deployment sise-deploy, ReplicationController rcex and
# Pod constraintpod. HTTP on port 9876 (PORT0 overrides it), as the original:
#   GET /health     200 {"healthy": true}  (delayed HEALTH_MIN..HEALTH_MAX ms if set)
#   GET /info       200 {"host": HOST-HEADER, "version": V, "from": CLIENT-IP}
#   GET /endpoint0  200 {"host": HOST-HEADER, "version": V, "result": "all is well"}
# V is $SIMPLE_SERVICE_VERSION, default 0.5.0. Busybox nc serves, one shell
# process per request (rootfs/simple-service/handle).
# shellcheck disable=SC2034 # REF, ALSO_REFS and CONFIG are read by ../build, which sources this
REF=mhausenblas/simple-service:0.5.0
# The same image under a newer tag: tests change a Deployment's image to it.
ALSO_REFS=(mhausenblas/simple-service:0.5.1)
CONFIG=(--config.entrypoint /simple-service/serve --config.exposedports 9876/tcp)
inputs() { echo /bin/busybox; }
rootfs() {
  add_busybox "$1"
  cp -a "$IMAGES_DIR/simple-service/rootfs/." "$1/"
}
