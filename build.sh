#!/usr/bin/env bash
# Mailroom Edge build entry point.
#   ./build.sh demo          run the agent on simulated hardware against a private loopback broker
#   ./build.sh test          run every test (installs what the tests need first)
#   ./build.sh bench [NAME…] run the benchmarks (one JSON line per figure)
#   ./build.sh build         build only
#   ./build.sh package       build the .deb packages (arm64, amd64) into artifacts/ (see deploy/build-deb.sh)
set -euo pipefail
cd "$(dirname "$0")"

CONFIGURATION=Release
HOST_DLL="src/Mailroom.Edge.Host/bin/$CONFIGURATION/net10.0/mailroom-edge.dll"
CTL_DLL="src/Mailroom.Edge.Ctl/bin/$CONFIGURATION/net10.0/mailroomctl.dll"
BENCH_DLL="tests/Mailroom.Edge.Benchmarks/bin/$CONFIGURATION/net10.0/Mailroom.Edge.Benchmarks.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages given as arguments when any is missing.
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2; exit 1; }
}

# The system's mosquitto service is never used; stop it from grabbing port 1883 by accident of an install.
RUNTIME_PACKAGES=(mosquitto mosquitto-clients libmosquitto1)
# systemd: systemd-analyze for the unit's security/verify tests (it is not run as PID 1 here).
# Video tests, benchmarks and the demo's camera: real ffmpeg against a GStreamer RTSP test camera
# (tests/Mailroom.Edge.Testing/rtsp/).
VIDEO_TEST_PACKAGES=(ffmpeg python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly)
# The kernel lane (tests/kernel-lane): qemu for both architectures, the cross compiler and kernel build tools for the
# gpio-sim module, cpio and xz for the guest. The kernel itself and the guests' libraries are downloaded by the lane.
LANE_PACKAGES=(qemu-system-x86 qemu-system-arm gcc-aarch64-linux-gnu make libelf-dev binutils cpio xz-utils gzip)
# OSDP: socat joins two pseudo-terminals into a serial line without hardware (tests/Mailroom.Edge.Testing/SocatPtyPair.cs).
SERIAL_PACKAGES=(socat)
# The installer's page in a real headless browser (Playwright drives Debian's chromium; it downloads no browser).
BROWSER_TEST_PACKAGES=(chromium)
TEST_PACKAGES=("${RUNTIME_PACKAGES[@]}" gcc libc6-dev linux-libc-dev systemd openssl passwd "${SERIAL_PACKAGES[@]}" "${VIDEO_TEST_PACKAGES[@]}" "${BROWSER_TEST_PACKAGES[@]}" "${LANE_PACKAGES[@]}")

build() {
  ensure_dotnet
  log "building ($CONFIGURATION)"
  dotnet build Mailroom.Edge.sln -c "$CONFIGURATION" -nologo -v quiet -clp:ErrorsOnly
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || shuf -i 20000-60000 -n 1
}

demo() {
  # The camera's packages too, so a newcomer's first command shows the whole mission, the forced door's clip included.
  ensure_packages "${RUNTIME_PACKAGES[@]}" "${SERIAL_PACKAGES[@]}" "${VIDEO_TEST_PACKAGES[@]}"
  build
  local status=0
  work=$(mktemp -d -t mailroom-demo-broker.XXXXXX)
  port=$(free_port)
  cat > "$work/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
log_dest stdout
CONF
  log "starting a private mosquitto on 127.0.0.1:$port"
  mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 & broker_pid=$!
  trap 'kill "${sub_pid:-}" "${binary_sub_pid:-}" "${camera_pid:-}" "$broker_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 1 100); do
    grep -q "listen socket on port $port" "$work/mosquitto.log" 2>/dev/null && break
    kill -0 "$broker_pid" 2>/dev/null || { cat "$work/mosquitto.log" >&2; exit 1; }
    sleep 0.1
  done
  log "subscribing to mailroom/# : every message the broker sees is printed as  <topic> <payload>"
  # Clip chunks and snapshots are binary: they are shown by topic and size only (a second subscriber), not dumped.
  local binary_parts=('mailroom/+/+/+/clip/+/chunk/+' 'mailroom/+/+/+/clip/+/snapshot')
  mosquitto_sub -h 127.0.0.1 -p "$port" -t 'mailroom/#' -T "${binary_parts[0]}" -T "${binary_parts[1]}" -v -d > "$work/sub.log" 2>&1 & sub_pid=$!
  mosquitto_sub -h 127.0.0.1 -p "$port" -t "${binary_parts[0]}" -t "${binary_parts[1]}" -F '%t (%l bytes)' > "$work/sub-binary.log" 2>&1 & binary_sub_pid=$!
  for _ in $(seq 1 100); do grep -q SUBACK "$work/sub.log" 2>/dev/null && break; sleep 0.1; done
  tail -n +1 -f "$work/sub.log" --pid "$broker_pid" 2>/dev/null | grep -a --line-buffered '^mailroom/' | sed -u 's/^/   broker: /' &
  tail -n +1 -f "$work/sub-binary.log" --pid "$broker_pid" 2>/dev/null | sed -u 's/^/   broker: /' &
  # A clip of the forced door: GStreamer's RTSP server (installed above) serves a test pattern on loopback, and the
  # real ffmpeg records it.
  local camera_args=()
  if command -v ffmpeg >/dev/null && /usr/bin/python3 -c "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer" 2>/dev/null; then
    local camera_port
    camera_port=$(free_port)
    /usr/bin/python3 tests/Mailroom.Edge.Testing/rtsp/test-rtsp-server.py "$camera_port" > "$work/camera.log" 2>&1 & camera_pid=$!
    for _ in $(seq 1 100); do grep -q '^ready' "$work/camera.log" 2>/dev/null && break; sleep 0.1; done
    if grep -q '^ready' "$work/camera.log"; then
      log "a simulated RTSP camera over the front door at rtsp://127.0.0.1:$camera_port/cam"
      camera_args=(--camera "rtsp://127.0.0.1:$camera_port/cam")
    fi
  else
    log "no camera clip in this demo: ffmpeg or GStreamer's RTSP server did not install (see the apt output above)"
  fi
  dotnet "$HOST_DLL" demo --broker "127.0.0.1:$port" --mailroomctl "$CTL_DLL" "${camera_args[@]}" || status=$?
  kill "${camera_pid:-}" 2>/dev/null || true
  # Let the subscriber print the last messages (offline status) before stopping the broker.
  for _ in $(seq 1 30); do grep -q '"offline"' "$work/sub.log" && break; sleep 0.1; done
  kill "$sub_pid" "${binary_sub_pid:-}" "$broker_pid" 2>/dev/null || true
  wait "$broker_pid" 2>/dev/null || true
  log "demo finished with exit code $status"
  return $status
}

run_tests() {
  ensure_packages "${TEST_PACKAGES[@]}"
  build
  # The .deb packages are built once: the packaging tests inspect and install them, and the kernel lane boots their
  # files on both architectures.
  log "building the packages under test"
  local debs
  debs=$(deploy/build-deb.sh --out "$PWD/artifacts/test-packages" --version 0.0.0~test | paste -sd: -)
  export PREBUILT_MAILROOM_DEB="$debs"
  log "running tests"
  local output status=0
  output=$(mktemp -t mailroom-test-output.XXXXXX)
  dotnet test Mailroom.Edge.sln -c "$CONFIGURATION" --no-build -nologo \
    --logger "console;verbosity=normal" --blame-hang-timeout 5m -- RunConfiguration.TestSessionTimeout=3000000 \
    2>&1 | tee "$output" || status=$?
  # The GPIO path against Linux's own gpio-sim driver, in qemu guests (x64 and arm64). It runs even when a test above
  # failed, so one run shows both; it never skips itself: a lane that cannot run fails.
  log "running the kernel lane (x64, arm64)"
  local lane_status=0
  tests/kernel-lane/lane.sh x64 arm64 || lane_status=$?
  # The projects' logs interleave; repeat each failure with its message last, where a truncated CI log still shows it.
  if [ "$status" -ne 0 ]; then
    log "failed tests"
    tr -d '\000' < "$output" | awk '/^  Failed /{show=1} /^  Passed |^\[xUnit|^Test Run|^Total tests/{show=0} show' >&2
  fi
  rm -f "$output"
  if [ "$lane_status" -ne 0 ]; then
    log "the kernel lane failed: the guest's [FAIL] lines are above, under 'running the kernel lane'"
    status=1
  fi
  return "$status"
}

bench() {
  ensure_packages "${RUNTIME_PACKAGES[@]}" "${VIDEO_TEST_PACKAGES[@]}"
  build
  dotnet "$BENCH_DLL" "$@"
}

package() {
  ensure_dotnet
  deploy/build-deb.sh "$@"
}

case "${1:-}" in
  demo) shift; demo "$@" ;;
  test) shift; run_tests "$@" ;;
  bench) shift; bench "$@" ;;
  build) shift; build ;;
  package) shift; package "$@" ;;
  *) echo "usage: ./build.sh demo | test | bench [NAME…] | build | package [--arch \"arm64 amd64\"]" >&2; exit 2 ;;
esac
