#!/usr/bin/env bash
# ctest release_image: see CMakeLists.txt here. Usage: image_test.sh BINARY
set -euo pipefail
binary=$(readlink -f "$1")
cd "$(dirname "$0")/../.."
[ "$(id -u)" -eq 0 ] || { echo "release_image: needs root (debootstrap, buildah, podman)" >&2; exit 1; }
tag="localhost/content-swarm:test-$$"
configured="localhost/content-swarm:configure-test-$$"
cleanup() { buildah rmi "$tag" "$configured" >/dev/null 2>&1 || true; }
trap cleanup EXIT
start=$(date +%s)

# 1. The runtime package list says what the binary loads (and no more), fonts included; drift
#    either way is found: a library package or a font package missing, one too many.
./scripts/image check-packages "$binary"
list=$(./scripts/setup-deps --print runtime | tr '\n' ' ')
for planted in "drop libpqxx-6.4|libpqxx" "drop libglib2.0-0|libglib2.0-0" \
  "drop fonts-noto-color-emoji|NotoColorEmoji" "add libgtest-dev|libgtest-dev"; do
  change=${planted%%|*}
  want=${planted#*|}
  pkg=${change#* }
  case $change in
    drop*) planted_list=$(tr ' ' '\n' <<<"$list" | grep -vx "$pkg" | tr '\n' ' ') ;;
    add*) planted_list="$list $pkg" ;;
  esac
  if out=$(SWARM_RUNTIME_PACKAGES="$planted_list" ./scripts/image check-packages "$binary" 2>&1); then
    echo "release_image: check-packages passed with the runtime list's $change" >&2
    exit 1
  fi
  grep -q "$want" <<<"$out" || { echo "release_image: $change: $out" >&2; exit 1; }
done
echo "release_image: check-packages finds a dropped library, a dropped font, an extra package"

# 2. The base, then the build stage up to CMake: every build package the Dockerfile installs is
#    enough to configure (the failure that made this test: libpqxx missing in the build stage).
./scripts/image base >/dev/null
echo "release_image: base ready after $(($(date +%s) - start)) s"
./scripts/image build --target configure --tag "$configured" >/dev/null 2>build/image-configure.log ||
  { tail -n 40 build/image-configure.log >&2; exit 1; }
grep -E '^image: (stage|target)' build/image-configure.log
buildah rmi "$configured" >/dev/null

# 3. The runtime stage around the binary this build compiled.
./scripts/image build --prebuilt "$binary" --tag "$tag" \
  --build-arg "GIT_SHA=$(git rev-parse HEAD)" >/dev/null 2>build/image-runtime.log ||
  { tail -n 40 build/image-runtime.log >&2; exit 1; }
grep -E '^image: (stage|target)' build/image-runtime.log

# 4. Run it as a deploy would, against the host's rendering of the same job.
./scripts/image smoke "$tag" --expect "$(git rev-parse HEAD)" --host-binary "$binary" \
  --report build/image-smoke.json
# 5. Through a real registry (Debian's docker-registry, loopback): the digest podman push reports
#    is the registry's, and the image runs when pulled by that digest alone (what a deploy does).
reg_dir=$(mktemp -d /tmp/content-swarm-registry.XXXXXX)
reg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s/data\nhttp:\n  addr: 127.0.0.1:%s\n' \
  "$reg_dir" "$reg_port" >"$reg_dir/config.yml"
docker-registry serve "$reg_dir/config.yml" >"$reg_dir/log" 2>&1 &
reg_pid=$!
trap 'kill $reg_pid 2>/dev/null || true; rm -rf "$reg_dir"; cleanup' EXIT
for _ in $(seq 50); do curl -fsS "http://127.0.0.1:$reg_port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
remote="127.0.0.1:$reg_port/team/content-swarm"
podman tag "$tag" "$remote:test"
podman push --quiet --tls-verify=false --digestfile "$reg_dir/digest" "$remote:test" \
  "docker://$remote:test"
pushed=$(cat "$reg_dir/digest")
served=$(curl -fsSI -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
  "http://127.0.0.1:$reg_port/v2/team/content-swarm/manifests/test" |
  tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p')
[ "$pushed" = "$served" ] ||
  { echo "release_image: podman push reported $pushed, the registry serves $served" >&2; exit 1; }
podman rmi "$remote:test" >/dev/null
# shellcheck disable=SC2046 # the flags are words
sha=$(podman run --rm $(./scripts/image podman-flags) --network none --tls-verify=false \
  "$remote@$pushed" version | python3 -c 'import json, sys; print(json.load(sys.stdin)["git_sha"])')
[ "$sha" = "$(git rev-parse HEAD)" ] ||
  { echo "release_image: the image pulled by digest reports $sha" >&2; exit 1; }
podman rmi "$remote@$pushed" >/dev/null 2>&1 || true
echo "release_image: pushed to a registry as $pushed; pulled by that digest alone, it runs $sha"
echo "release_image: passed in $(($(date +%s) - start)) s"
