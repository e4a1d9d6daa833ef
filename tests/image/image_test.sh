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
echo "release_image: passed in $(($(date +%s) - start)) s"
