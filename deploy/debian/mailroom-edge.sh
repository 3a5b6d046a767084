#!/bin/sh
# /usr/bin/@NAME@: runs the framework-dependent app with whichever .NET 10 runtime is installed. A wrapper, not a
# symlink to an apphost, because the package is built once (RID-less) for arm64 and amd64 alike.
set -e
# Found relative to this script (/usr/bin/../../opt), which is /opt/mailroom-edge on a device and the same place inside
# an image or test root that was installed with dpkg --root.
app="$(dirname "$(readlink -f "$0")")/../../opt/mailroom-edge/@NAME@.dll"
if [ -n "${DOTNET_ROOT:-}" ] && [ -x "$DOTNET_ROOT/dotnet" ]; then
  exec "$DOTNET_ROOT/dotnet" "$app" "$@"
fi
for dotnet in /usr/bin/dotnet /usr/lib/dotnet/dotnet /usr/share/dotnet/dotnet /opt/dotnet/dotnet /usr/local/bin/dotnet; do
  [ -x "$dotnet" ] && exec "$dotnet" "$app" "$@"
done
if command -v dotnet >/dev/null; then
  exec dotnet "$app" "$@"
fi
echo "@NAME@: the .NET 10 runtime was not found (install dotnet-runtime-10.0; see /usr/share/doc/mailroom-edge/install.md)" >&2
exit 127
