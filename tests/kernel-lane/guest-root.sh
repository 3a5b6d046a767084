# Sourced by lane.sh. The guest's root file system, as one initramfs: busybox, the target architecture's own glibc,
# libstdc++, OpenSSL and mosquitto from Debian's packages, the kernel modules, the self-contained in-guest tests and
# the agent from the .deb the release would ship.

declare -A RID=([x64]=linux-x64 [arm64]=linux-arm64)
declare -A TRIPLET=([x64]=x86_64-linux-gnu [arm64]=aarch64-linux-gnu)

# What the guest runs besides .NET: busybox (shell, mount, ip), mosquitto (the broker inside the guest) and the
# shared libraries the runtime, libmosquitto and mosquitto load. guest_check_libraries proves the list complete.
GUEST_PACKAGES=(busybox-static libc6 libgcc-s1 libstdc++6 libssl3 zlib1g libmosquitto1 mosquitto libcjson1 libcap2
  libdlt2 libsystemd0 libwrap0 libnsl2 libtirpc3 libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libcom-err2
  libkeyutils1 libgcrypt20 libgpg-error0 liblz4-1 liblzma5 libzstd1)

guest_userspace() {
  local arch=$1 deb_arch=${DEBIAN_ARCH[$1]}
  local dir="$cache/userspace-$arch"
  if [ -f "$dir/.ready" ]; then return 0; fi
  rm -rf "$dir" && mkdir -p "$dir/debs" "$dir/root"
  log "downloading the $arch guest's userspace (${#GUEST_PACKAGES[@]} Debian packages)"
  (cd "$dir/debs" && apt-get download -q "${GUEST_PACKAGES[@]/%/:$deb_arch}" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2) \
    || die "could not download the $arch guest's packages"
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
  rm -rf "$dir/debs" "$dir/root/usr/share"/{doc,man,locale,info,lintian} "$dir/root/etc/init.d"
  touch "$dir/.ready"
}

# The in-guest test project, self-contained for the guest's architecture.
guest_tests() {
  local arch=$1 out="$cache/tests-$1"
  log "publishing the in-guest tests for ${RID[$arch]}"
  rm -rf "$out"
  # Built in the lane's own artifacts folder: a RID-specific restore in the projects' obj/ would fight with the
  # tree's own build (as in deploy/build-deb.sh).
  dotnet publish "$repo/tests/Mailroom.Edge.KernelLane.Tests" -c Release -r "${RID[$arch]}" --self-contained -o "$out" \
    -p:SatelliteResourceLanguages=en --artifacts-path "$cache/build" -nologo -v quiet -clp:ErrorsOnly >&2 \
    || die "publishing the in-guest tests for $arch failed"
}

# The agent exactly as the .deb installs it: the lane tests the package's own files. ./build.sh test builds the
# packages once and names them in PREBUILT_MAILROOM_DEB (paths separated by ':'), as for the packaging tests.
guest_agent() {
  local arch=$1 deb_arch=${DEBIAN_ARCH[$1]} out="$cache/package-$1" deb=""
  rm -rf "$out" && mkdir -p "$out"
  local prebuilt
  IFS=: read -r -a prebuilt <<< "${PREBUILT_MAILROOM_DEB:-}"
  for candidate in "${prebuilt[@]}"; do
    [[ "$candidate" == *"_$deb_arch.deb" ]] && deb=$candidate
  done
  if [ -z "$deb" ]; then
    log "building the $deb_arch package"
    deb=$("$repo/deploy/build-deb.sh" --arch "$deb_arch" --out "$out" --version 0.0.0~lane) || die "deploy/build-deb.sh --arch $deb_arch failed"
  fi
  log "the $arch guest runs the agent from $(basename "$deb")"
  dpkg-deb -x "$deb" "$out/root"
  [ -x "$out/root/opt/mailroom-edge/mailroom-edge" ] || die "$(basename "$deb") has no /opt/mailroom-edge/mailroom-edge executable"
}

# Every NEEDED library of every ELF file in the guest resolves inside the guest: a missing one would surface only
# as a failed dlopen half way through a test.
guest_check_libraries() {
  local root=$1 missing=0 so needed
  local -A present=()
  while IFS= read -r so; do present[$(basename "$so")]=1; done < <(find "$root/lib" "$root/usr/lib" "$root/lib64" -name '*.so*' 2>/dev/null)
  while IFS= read -r elf; do
    while IFS= read -r needed; do
      if [ -z "${present[$needed]:-}" ] && [ ! -e "$(dirname "$elf")/$needed" ]; then
        printf '==> lane: %s needs %s, which the guest lacks\n' "${elf#"$root"}" "$needed" >&2
        missing=1
      fi
    done < <(readelf -d "$elf" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  # libcoreclrtraceptprovider.so is the runtime's optional LTTng bridge: loaded only when LTTng tracing is asked
  # for, and skipped without complaint when liblttng-ust is absent (as on a stock Raspberry Pi OS).
  done < <(find "$root" -type f \( -name '*.so*' -o -perm -u+x \) ! -name libcoreclrtraceptprovider.so \
    -exec sh -c 'head -c4 "$1" | grep -q ELF' _ {} \; -print)
  [ "$missing" -eq 0 ] || die "the guest's library list (GUEST_PACKAGES in tests/kernel-lane/guest-root.sh) is incomplete"
}

guest_root_build() {
  local arch=$1 root="$cache/guest-$1"
  guest_userspace "$arch"
  guest_tests "$arch"
  guest_agent "$arch"
  log "assembling the $arch initramfs"
  rm -rf "$root" && mkdir -p "$root"/{proc,sys,dev,tmp,run,root,etc,lane,opt,lib/modules/lane}
  cp -a "$cache/userspace-$arch/root/." "$root/"
  cp -a "$cache/package-$arch/root/opt/mailroom-edge" "$root/opt/"
  cp -a "$cache/tests-$arch" "$root/lane/tests"
  cp "$(kernel_modules "$arch")"/*.ko "$root/lib/modules/lane/"
  cp "$here/guest-init.sh" "$root/init" && chmod 0755 "$root/init"
  printf 'root:x:0:0:root:/root:/bin/sh\nmosquitto:x:100:101::/tmp:/bin/false\n' > "$root/etc/passwd"
  printf 'root:x:0:\nmosquitto:x:101:\ngpio:x:102:\n' > "$root/etc/group"
  echo "lane-$arch" > "$root/etc/hostname"
  printf '%s\n' "${LANE_FILTER:-}" > "$root/lane/args"
  guest_check_libraries "$root"
  (cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) > "$cache/initrd-$arch.cpio"
  log "$arch initramfs: $(du -m "$cache/initrd-$arch.cpio" | cut -f1) MB"
}
