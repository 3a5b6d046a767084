# Sourced by lane.sh. Debian's kernel and an out-of-tree gpio-sim module built from Debian's own source package.
# No Debian kernel enables CONFIG_GPIO_SIM, so the module is built from drivers/gpio/gpio-sim.c plus
# kernel/irq/irq_sim.c (also not built in) as one module, against the headers of the very kernel the guest boots.

# The kernel series whose source, headers and images Debian publishes for bookworm (bookworm-security carries 6.12).
KERNEL_SERIES=6.12
declare -A DEBIAN_ARCH=([x64]=amd64 [arm64]=arm64)

# Looks the version up now (never pinned: Debian replaces kernel packages) and sets KERNEL_ABI, e.g. 6.12.118+deb12.
kernel_version() {
  local version
  version=$(apt-cache policy "linux-source-$KERNEL_SERIES" | awk '/Candidate:/ {print $2}')
  if [ -z "$version" ] || [ "$version" = "(none)" ]; then
    as_root apt-get update -qq
    version=$(apt-cache policy "linux-source-$KERNEL_SERIES" | awk '/Candidate:/ {print $2}')
  fi
  [ -n "$version" ] && [ "$version" != "(none)" ] || die "apt knows no linux-source-$KERNEL_SERIES: is bookworm-security in the apt sources?"
  KERNEL_VERSION=$version
  KERNEL_ABI="${version%%-*}+deb12"
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# apt must know arm64 packages to download them (the arm64 guest's libc, busybox and mosquitto).
ensure_foreign_arch() {
  dpkg --print-foreign-architectures | grep -qx arm64 && return 0
  log "adding arm64 as a foreign architecture (downloads only; nothing arm64 is installed on this machine)"
  as_root dpkg --add-architecture arm64
  as_root apt-get update -qq
}

kernel_dir() { echo "$cache/kernel-$KERNEL_ABI"; }
kernel_image() { echo "$(kernel_dir)/vmlinuz-$1"; }
kernel_modules() { echo "$(kernel_dir)/modules-$1"; }

# Downloads one kernel version's packages into $1; false when the mirror no longer has them.
kernel_download() {
  (cd "$1" && apt-get download -q \
    "linux-source-$KERNEL_SERIES=$KERNEL_VERSION" \
    "linux-kbuild-$KERNEL_ABI=$KERNEL_VERSION" \
    "linux-headers-$KERNEL_ABI-common=$KERNEL_VERSION" \
    "linux-image-$KERNEL_ABI-amd64=$KERNEL_VERSION" \
    "linux-headers-$KERNEL_ABI-amd64=$KERNEL_VERSION" \
    "linux-image-$KERNEL_ABI-arm64:arm64=$KERNEL_VERSION" \
    "linux-headers-$KERNEL_ABI-arm64:arm64=$KERNEL_VERSION" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2
    exit "${PIPESTATUS[0]}")
}

# The modules every guest loads (guest-init.sh); a cache made before one was added is prepared again.
LANE_MODULES=(configfs.ko gpio-sim.ko i2c-dev.ko i2c-stub.ko)
kernel_modules_complete() {
  local arch module
  for arch in x64 arm64; do
    for module in "${LANE_MODULES[@]}"; do
      [ -f "$(kernel_modules "$arch")/$module" ] || return 1
    done
  done
}

kernel_prepare() {
  ensure_foreign_arch
  kernel_version
  local dir
  dir=$(kernel_dir)
  if [ -f "$dir/.ready" ] && kernel_modules_complete; then
    log "kernel $KERNEL_ABI and its gpio-sim and i2c modules are cached in $dir"
    return 0
  fi
  local began=$SECONDS
  log "downloading Debian kernel $KERNEL_VERSION (image, headers, kbuild, source) for amd64 and arm64"
  rm -rf "$dir" && mkdir -p "$dir/debs" "$dir/root"
  if ! kernel_download "$dir/debs"; then
    # apt's lists were older than the mirror, which has replaced that version: look again.
    log "the mirror no longer has $KERNEL_VERSION; updating apt's lists"
    as_root apt-get update -qq
    kernel_version
    dir=$(kernel_dir)
    rm -rf "$dir" && mkdir -p "$dir/debs" "$dir/root"
    kernel_download "$dir/debs" || die "could not download the kernel packages for $KERNEL_VERSION"
  fi
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
  local src="$dir/root/usr/src"
  # The headers' Makefile includes the common tree by absolute path; point it at the extracted copy.
  for arch in amd64 arm64; do
    sed -i "s|include /usr/src/|include $src/|" "$src/linux-headers-$KERNEL_ABI-$arch/Makefile"
  done
  tar -xJf "$src/linux-source-$KERNEL_SERIES.tar.xz" -C "$dir" \
    "linux-source-$KERNEL_SERIES/drivers/gpio/gpio-sim.c" "linux-source-$KERNEL_SERIES/kernel/irq/irq_sim.c" \
    "linux-source-$KERNEL_SERIES/drivers/i2c/i2c-stub.c"

  for arch in x64 arm64; do
    local deb_arch=${DEBIAN_ARCH[$arch]} build="$dir/build-$arch" modules
    modules=$(kernel_modules "$arch")
    mkdir -p "$build" "$modules"
    cp "$dir/linux-source-$KERNEL_SERIES/drivers/gpio/gpio-sim.c" "$build/gpio-sim-main.c"
    cp "$dir/linux-source-$KERNEL_SERIES/kernel/irq/irq_sim.c" "$build/irq_sim.c"
    # i2c-stub (an SMBus adapter with a register map, for the expander tests): Debian builds it for amd64 only, so it
    # is built here for both, from the same source, like gpio-sim.
    cp "$dir/linux-source-$KERNEL_SERIES/drivers/i2c/i2c-stub.c" "$build/i2c-stub.c"
    # irq_to_desc() is not exported to modules; irq_sim sets handle_simple_irq on its interrupts, which is exactly
    # what generic_handle_irq() runs for them.
    sed -i 's/handle_simple_irq(irq_to_desc(irqnum))/generic_handle_irq(irqnum)/' "$build/irq_sim.c"
    grep -q 'generic_handle_irq(irqnum)' "$build/irq_sim.c" || die "irq_sim.c changed upstream: the irq_to_desc workaround no longer applies"
    cp "$here/gpio-sim.Kbuild" "$build/Kbuild"
    log "building gpio-sim.ko and i2c-stub.ko for $arch ($KERNEL_ABI-$deb_arch)"
    # No pahole here, so no BTF for the module (the kernel loads modules without it).
    make -s -C "$src/linux-headers-$KERNEL_ABI-$deb_arch" M="$build" CONFIG_DEBUG_INFO_BTF_MODULES= modules >&2 \
      || die "building gpio-sim.ko and i2c-stub.ko for $arch failed"
    cp "$build/gpio-sim.ko" "$build/i2c-stub.ko" "$modules/"
    xz -dc "$dir/root/lib/modules/$KERNEL_ABI-$deb_arch/kernel/fs/configfs/configfs.ko.xz" > "$modules/configfs.ko"
    # /dev/i2c-N (CONFIG_I2C_CHARDEV=m on both; the I2C core itself is built in).
    xz -dc "$dir/root/lib/modules/$KERNEL_ABI-$deb_arch/kernel/drivers/i2c/i2c-dev.ko.xz" > "$modules/i2c-dev.ko"
    local image="$dir/root/boot/vmlinuz-$KERNEL_ABI-$deb_arch"
    # qemu's arm64 loader wants the plain Image; Debian ships it gzip-compressed.
    if [ "$arch" = arm64 ] && gzip -t "$image" 2>/dev/null; then gzip -dc "$image" > "$(kernel_image "$arch")"; else cp "$image" "$(kernel_image "$arch")"; fi
  done
  # Keep what the lane boots; the 150 MB source and the extracted trees are not needed again.
  rm -rf "$dir/debs" "$dir/root" "$dir/linux-source-$KERNEL_SERIES" "$dir"/build-*
  touch "$dir/.ready"
  log "kernel $KERNEL_ABI prepared in $((SECONDS - began)) s"
}
