#!/usr/bin/env bash
# Boots one lane guest and relays its console; exits with the in-guest tests' exit code.
#   tests/kernel-lane/boot.sh x64|arm64 KERNEL INITRD FIGURES
# FIGURES receives the guest's LANE-FIGURE lines (measurements the tests print) for ./build.sh bench.
# One vCPU with an instruction-counted clock (-icount shift=0,sleep=off): guest time then follows the instructions
# the guest runs, not the host's load, so the kernel's edge timestamps do not stretch when this machine is busy.
set -euo pipefail
arch=$1 kernel=$2 initrd=$3 figures=$4
timeout_s=${LANE_TIMEOUT_S:-900}
common=(-m 2048 -smp 1 -nographic -no-reboot -icount shift=0,sleep=off -kernel "$kernel" -initrd "$initrd")
case "$arch" in
  x64) qemu=(qemu-system-x86_64 -M q35 "${common[@]}" -append "console=ttyS0 quiet panic=-1 rdinit=/init") ;;
  arm64) qemu=(qemu-system-aarch64 -M virt -cpu cortex-a57 "${common[@]}" -append "console=ttyAMA0 quiet panic=-1 rdinit=/init") ;;
  *) echo "boot.sh: unknown architecture $arch" >&2; exit 2 ;;
esac
console=$(mktemp -t "mailroom-lane-$arch.XXXXXX")
began=$SECONDS
trap 'rm -f "$console"' EXIT
printf '==> lane: booting the %s guest (%s)\n' "$arch" "${qemu[0]}" >&2
timeout --kill-after=10 "$timeout_s" "${qemu[@]}" < /dev/null 2>&1 | sed -u "s/\r$//; s/^/   [$arch] /" | tee "$console" >&2 || true
grep -a '^   \['"$arch"'\] LANE-FIGURE ' "$console" | sed 's/^   \[[a-z0-9]*\] //' > "$figures" || true
printf 'LANE-FIGURE lane.qemu_s_%s %s\n' "$arch" "$((SECONDS - began))" >> "$figures"
code=$(sed -n 's/.*LANE-EXIT=\([0-9]*\).*/\1/p' "$console" | tail -n 1)
if [ -z "$code" ]; then
  printf '==> lane: FAILED: the %s guest ended without a result (crash, or over %s s)\n' "$arch" "$timeout_s" >&2
  exit 1
fi
exit "$code"
