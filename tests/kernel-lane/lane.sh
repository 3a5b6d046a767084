#!/usr/bin/env bash
# The kernel lane: the GPIO adapter's tests and the agent's door scenarios against Linux's own gpio-sim driver, in a
# qemu guest, on x64 and on arm64 (TCG, no KVM needed).
#   tests/kernel-lane/lane.sh [x64] [arm64]        (both when none is named)
#   LANE_FILTER='-method *Wiegand*' tests/kernel-lane/lane.sh x64   passes xunit.v3 filter arguments to the guest
# Everything downloaded or built goes to artifacts/kernel-lane/ (git ignores it) and is reused while Debian's kernel
# version stays the same. A lane that cannot run fails with a message; it is never skipped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache="${LANE_CACHE:-$repo/artifacts/kernel-lane}"
log() { printf '==> lane: %s\n' "$*" >&2; }
die() { printf '==> lane: FAILED: %s\n' "$*" >&2; exit 1; }

# shellcheck source=kernel.sh
. "$here/kernel.sh"
# shellcheck source=guest-root.sh
. "$here/guest-root.sh"

archs=("$@")
[ ${#archs[@]} -eq 0 ] && archs=(x64 arm64)

for tool in qemu-system-x86_64 qemu-system-aarch64 cpio xz aarch64-linux-gnu-gcc-12 apt-get dpkg-deb readelf; do
  command -v "$tool" >/dev/null || die "'$tool' is missing: ./build.sh test installs the lane's packages (qemu-system-x86, qemu-system-arm, cpio, xz-utils, gcc-aarch64-linux-gnu, binutils)"
done

prepared=$SECONDS
kernel_prepare
printf 'LANE-FIGURE lane.kernel_prepare_s %s\n' "$((SECONDS - prepared))" > "$cache/figures-kernel.txt"
failed=()
for arch in "${archs[@]}"; do
  began=$SECONDS status=0
  guest_root_build "$arch"
  booted=$SECONDS
  "$here/boot.sh" "$arch" "$(kernel_image "$arch")" "$cache/initrd-$arch.cpio" "$cache/figures-$arch.txt" || status=$?
  log "$arch lane: $((SECONDS - began)) s ($((booted - began)) s to build the guest, $((SECONDS - booted)) s in qemu), exit $status"
  printf 'LANE-FIGURE lane.duration_s_%s %s\n' "$arch" "$((SECONDS - began))" >> "$cache/figures-$arch.txt"
  [ "$status" -eq 0 ] || failed+=("$arch")
done
log "lanes took $SECONDS s in all"
[ ${#failed[@]} -eq 0 ] || die "the ${failed[*]} lane failed (the guest's test output is above)"

