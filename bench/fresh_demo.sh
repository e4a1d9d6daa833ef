#!/usr/bin/env bash
# "Fresh machine to first result": times ./scripts/demo in a minimal Debian 12 made with
# debootstrap (no compiler, no libraries, no ccache: what a new user starts from), as root.
# Prints the time of each phase: the demo's package installs, its cold build and its run (the base
# comes from scripts/debian-base, cached under build/, not counted). Figures only; not a test.
# Needs root, debootstrap (installed when missing) and Debian's package mirror.
# Env: SWARM_DEBIAN_MIRROR (scripts/debian-base), SWARM_FRESH_KEEP=1 keeps the root under
# build/fresh-root for inspection.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
[ "$(id -u)" -eq 0 ] || { echo "fresh_demo: needs root (debootstrap, chroot)" >&2; exit 1; }
root="$repo/build/fresh-root"
mkdir -p build

cleanup() {
  for m in proc dev/pts dev sys; do
    umount "$root/$m" 2>/dev/null || true
  done
  if [ "${SWARM_FRESH_KEEP:-0}" != 1 ]; then
    rm -rf "$root"
  fi
}
trap cleanup EXIT

base_tar=$(./scripts/debian-base)

rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$base_tar"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount --bind /sys "$root/sys"
# The checkout as a new user has it: a clone (with .git, so the version is stamped as usual).
git clone -q "$repo" "$root/src"

# The demo's own steps, timed one by one: its install, its cold build, then ./scripts/demo itself
# (which now finds everything installed and built, so it measures the run and the checks).
# shellcheck disable=SC2016 # expanded inside the chroot
chroot "$root" /bin/bash -c '
  set -e
  cd /src
  t0=$(date +%s)
  ./scripts/setup-deps --role build,runtime
  t1=$(date +%s)
  ./scripts/build --target content-swarm
  t2=$(date +%s)
  ./scripts/demo
  t3=$(date +%s)
  echo "phases: install $((t1 - t0)) s, cold build $((t2 - t1)) s, demo run $((t3 - t2)) s, total $((t3 - t0)) s"
' >"$repo/build/fresh-demo.log" 2>&1 || {
  tail -n 40 "$repo/build/fresh-demo.log" >&2
  echo "fresh_demo: the demo failed in the fresh root" >&2
  exit 1
}
echo "fresh_demo: on a fresh Debian 12 (debootstrap minbase), ./scripts/demo's steps:"
grep '^phases:' "$repo/build/fresh-demo.log"
echo "fresh_demo: packages in the root afterwards: $(chroot "$root" dpkg-query -W -f='.\n' | wc -l)"
grep -E '^Done\.|did not complete' "$repo/build/fresh-demo.log" || true
