#!/usr/bin/env bash
# Builds the mailroom-edge Debian packages from one framework-dependent, RID-less publish.
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

if [ -z "$version" ]; then
  # Debian-sortable and unique per commit; a release tag v1.2.3 gives 1.2.3.
  if tag=$(git describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null); then
    version="${tag#v}"
  else
    version="0.1.0~git$(git rev-list --count HEAD 2>/dev/null || echo 0).$(git rev-parse --short HEAD 2>/dev/null || echo local)"
  fi
fi

debian="$repo/deploy/debian"
work=$(mktemp -d -t mailroom-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT
publish="$work/publish"

# No -r: one set of files for every architecture. No apphost either: it would be an ELF for the build machine only,
# so /usr/bin/mailroom-edge is a wrapper script that runs the dll with the installed runtime.
log "publishing src/Mailroom.Edge.Host (Release, framework-dependent, RID-less)"
# English only (no satellite folders) and no XML docs: a device has no IDE to show them.
publish_props=(-p:UseAppHost=false -p:SatelliteResourceLanguages=en -p:PublishDocumentationFile=false -p:PublishReferencesDocumentationFiles=false)
dotnet publish src/Mailroom.Edge.Host -c Release -o "$publish" "${publish_props[@]}" -nologo -v quiet -clp:ErrorsOnly >&2

apps=(mailroom-edge)
ctl_project=$(grep -l '<AssemblyName>mailroomctl</AssemblyName>' src/*/*.csproj 2>/dev/null | head -n 1 || true)
if [ -n "$ctl_project" ]; then
  log "publishing $ctl_project (mailroomctl)"
  dotnet publish "$ctl_project" -c Release -o "$publish" "${publish_props[@]}" -nologo -v quiet -clp:ErrorsOnly >&2
  apps+=(mailroomctl)
else
  # TODO(#10): mailroomctl is another issue; once a project with <AssemblyName>mailroomctl</AssemblyName> exists under
  # src/, this script publishes it next to mailroom-edge and installs /usr/bin/mailroomctl with no further change.
  log "mailroomctl: no project yet, packaging mailroom-edge only"
fi

# Package architecture -> the .NET runtime identifier whose native assets (SQLite) it needs.
rid_of() { case "$1" in arm64) echo linux-arm64 ;; amd64) echo linux-x64 ;; armhf) echo linux-arm ;; *) echo "unsupported architecture $1" >&2; exit 2 ;; esac; }

mkdir -p "$out"
for arch in $archs; do
  rid=$(rid_of "$arch")
  stage="$work/stage-$arch"
  app="$stage/opt/mailroom-edge"
  mkdir -p "$app" "$stage/usr/bin" "$stage/etc/mailroom-edge" "$stage/lib/systemd/system" \
    "$stage/usr/share/doc/mailroom-edge" "$stage/DEBIAN"
  cp -a "$publish/." "$app/"
  # Keep only this architecture's native libraries: the others are dead weight and the wrong ELF for lintian.
  if [ -d "$app/runtimes" ]; then
    find "$app/runtimes" -mindepth 1 -maxdepth 1 -type d ! -name "$rid" -exec rm -rf {} +
  fi
  for name in "${apps[@]}"; do
    sed "s/@NAME@/$name/g" "$debian/mailroom-edge.sh" > "$stage/usr/bin/$name"
  done
  cp "$debian/etc/mailroom-edge.json" "$debian/etc/mailroom-edge.example.json" "$stage/etc/mailroom-edge/"
  cp systemd/mailroom-edge.service "$stage/lib/systemd/system/"
  [ -f docs/install.md ] && cp docs/install.md "$stage/usr/share/doc/mailroom-edge/"
  cp "$debian/postinst" "$debian/prerm" "$debian/postrm" "$stage/DEBIAN/"
  # Operator-edited files: dpkg keeps local changes on upgrade and asks before replacing them.
  printf '%s\n' /etc/mailroom-edge/mailroom-edge.json /etc/mailroom-edge/mailroom-edge.example.json > "$stage/DEBIAN/conffiles"

  find "$stage" -type d -exec chmod 0755 {} +
  find "$stage" -type f -exec chmod 0644 {} +
  chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm" "$stage/DEBIAN/postrm"
  for name in "${apps[@]}"; do chmod 0755 "$stage/usr/bin/$name"; done

  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$size/" "$debian/control.in" > "$stage/DEBIAN/control"

  deb="$out/mailroom-edge_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
  log "built $deb"
  echo "$deb"
done
