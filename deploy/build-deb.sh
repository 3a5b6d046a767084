#!/usr/bin/env bash
# Builds the mailroom-edge Debian packages: one self-contained publish per architecture, so a stock Raspberry Pi OS
# (bookworm, arm64) or Debian 12 (amd64) needs no .NET runtime and no extra apt repository.
#   deploy/build-deb.sh [--arch "arm64 amd64"] [--out DIR] [--version VERSION]
# Prints the path of every package it wrote, one a line, on stdout (progress goes to stderr).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

archs="arm64 amd64"
out="$repo/artifacts"
version="${DEB_VERSION:-}"  # not MAILROOM_*: the agent reads those as configuration
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) archs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    *) echo "usage: deploy/build-deb.sh [--arch \"arm64 amd64\"] [--out DIR] [--version VERSION]" >&2; exit 2 ;;
  esac
done

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'deploy/build-deb.sh: %s\n' "$*" >&2; exit 1; }

if [ -z "$version" ]; then
  # Debian-sortable and unique per commit; a release tag v1.2.3 gives 1.2.3.
  if tag=$(git describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null); then
    version="${tag#v}"
  else
    version="0.1.0~git$(git rev-list --count HEAD 2>/dev/null || echo 0).$(git rev-parse --short HEAD 2>/dev/null || echo local)"
  fi
fi

# Package architecture -> .NET runtime identifier, and the ELF e_machine its executables must have.
rid_of() { case "$1" in arm64) echo linux-arm64 ;; amd64) echo linux-x64 ;; *) die "unsupported architecture $1 (arm64, amd64)" ;; esac; }
machine_of() { case "$1" in arm64) echo AArch64 ;; amd64) echo "X86-64" ;; esac; }
for arch in $archs; do rid_of "$arch" >/dev/null; done

debian="$repo/deploy/debian"
work=$(mktemp -d -t mailroom-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Self-contained, with an ELF apphost per app. Built in a private artifacts folder (obj and bin of every project),
# not the projects' own obj/: a RID-specific restore there would fight with a concurrent `dotnet build` of the tree.
# English only (no satellite folders) and no XML docs: a device has no IDE to show them. Not trimmed: configuration
# binding and the options validation reflect over types the trimmer cannot see.
publish_props=(--self-contained -p:UseAppHost=true -p:SatelliteResourceLanguages=en -p:PublishDocumentationFile=false
  -p:PublishReferencesDocumentationFiles=false --artifacts-path "$work/build")

apps=(mailroom-edge)
projects=(src/Mailroom.Edge.Host)
ctl_project=$(grep -l '<AssemblyName>mailroomctl</AssemblyName>' src/*/*.csproj 2>/dev/null | head -n 1 || true)
if [ -n "$ctl_project" ]; then
  apps+=(mailroomctl)
  projects+=("$(dirname "$ctl_project")")
fi

mkdir -p "$out"
for arch in $archs; do
  rid=$(rid_of "$arch")
  stage="$work/stage-$arch"
  app="$stage/opt/mailroom-edge"
  mkdir -p "$app" "$stage/usr/bin" "$stage/etc/mailroom-edge" "$stage/lib/systemd/system" \
    "$stage/usr/share/doc/mailroom-edge" "$stage/DEBIAN"

  for i in "${!apps[@]}"; do
    name=${apps[$i]}
    log "publishing ${projects[$i]} ($name, Release, $rid, self-contained)"
    dotnet publish "${projects[$i]}" -c Release -r "$rid" -o "$work/publish-$arch-$name" "${publish_props[@]}" \
      -nologo -v quiet -clp:ErrorsOnly >&2
    # Both apps share one folder: every file they have in common (the runtime, our libraries) must be the same file,
    # or one app would run with the other's copy.
    while IFS= read -r -d '' file; do
      relative=${file#"$work/publish-$arch-$name/"}
      if [ -e "$app/$relative" ] && ! cmp -s "$file" "$app/$relative"; then
        die "$name and ${apps[0]} publish different copies of $relative: publish them into separate folders"
      fi
    done < <(find "$work/publish-$arch-$name" -type f -print0)
    cp -a "$work/publish-$arch-$name/." "$app/"
    machine=$(readelf -h "$app/$name" 2>/dev/null | sed -n 's/^ *Machine: *//p')
    case "$machine" in *"$(machine_of "$arch")"*) ;; *) die "$app/$name is not an ELF for $arch (machine: ${machine:-none})" ;; esac
    # The command on PATH is a relative symlink to the apphost: the apphost finds the runtime next to its real path
    # (/proc/self/exe), and a relative link also works inside an image or a test root installed with dpkg --root.
    ln -s "../../opt/mailroom-edge/$name" "$stage/usr/bin/$name"
  done
  # LTTng's tracepoint provider: the runtime dlopens it only to emit LTTng events and carries on without it; it needs
  # liblttng-ust.so.0, which no stock Pi has and which we do not want to pull in.
  rm -f "$app/libcoreclrtraceptprovider.so"

  cp "$debian/etc/mailroom-edge.json" "$debian/etc/mailroom-edge.example.json" "$stage/etc/mailroom-edge/"
  cp systemd/mailroom-edge.service "$stage/lib/systemd/system/"
  [ -f docs/install.md ] && cp docs/install.md "$stage/usr/share/doc/mailroom-edge/"
  cp "$debian/postinst" "$debian/prerm" "$debian/postrm" "$stage/DEBIAN/"
  # Operator-edited files: dpkg keeps local changes on upgrade and asks before replacing them.
  printf '%s\n' /etc/mailroom-edge/mailroom-edge.json /etc/mailroom-edge/mailroom-edge.example.json > "$stage/DEBIAN/conffiles"

  find "$stage" -type d -exec chmod 0755 {} +
  find "$stage" -type f -exec chmod 0644 {} +
  chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm" "$stage/DEBIAN/postrm" "$app/createdump"
  for name in "${apps[@]}"; do chmod 0755 "$app/$name"; done

  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$size/" "$debian/control.in" > "$stage/DEBIAN/control"

  deb="$out/mailroom-edge_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
  log "built $deb"
  echo "$deb"
done
