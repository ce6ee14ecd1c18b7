#!/usr/bin/env bash
# Starts a Docker engine on the overlay2 storage driver when this machine allows it, before
# ../shared/tools/docker-engine.sh runs (it starts its own engine, on vfs, only when none
# answers). On vfs every Dockerfile instruction copies the whole image: one generated image
# took 133 s to build here, 18 s on overlay2. Prints nothing; exits 0 either way, so the
# shared script remains the fallback.
#   bash .ci/docker-overlay.sh && eval "$(bash ../shared/tools/docker-engine.sh --env)"
#   bash .ci/docker-overlay.sh --verify   # after the base image exists: stop it if it fails
set -uo pipefail
DATA_ROOT=/var/lib/docker-overlay2
PIDFILE=/var/run/docker-overlay2.pid
log() { echo "docker-overlay: $*" >&2; }

if [[ ${1:-} == --verify ]]; then
  image=${DOCKER_BASE_IMAGE:-local/python:3.13-slim}
  if [[ -s $PIDFILE ]] && ! docker run --rm "$image" python3 -c "pass" >/dev/null 2>&1; then
    log "a container does not run on overlay2: stopping it (the vfs engine takes over)"
    kill "$(cat "$PIDFILE")" && sleep 3 && rm -f "$PIDFILE"
  fi
  exit 0
fi
docker info >/dev/null 2>&1 && exit 0  # an engine answers already: keep it
if ! command -v dockerd >/dev/null; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi
grep -qw overlay /proc/filesystems || { log "no overlay filesystem here"; exit 0; }
mkdir -p "$DATA_ROOT" /var/log
setsid dockerd --storage-driver=overlay2 --data-root "$DATA_ROOT" --pidfile "$PIDFILE" \
  >/var/log/dockerd-overlay2.log 2>&1 </dev/null &
for _ in $(seq 30); do docker info >/dev/null 2>&1 && break; sleep 1; done
if docker info 2>/dev/null | grep -q "Storage Driver: overlay2"; then
  log "engine up on overlay2"
else
  log "overlay2 did not start (see /var/log/dockerd-overlay2.log)"
  [[ -s $PIDFILE ]] && kill "$(cat "$PIDFILE")" 2>/dev/null
  rm -f "$PIDFILE"
fi
exit 0
