using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Packaging.Tests;

/// <summary>
/// An empty root for <c>dpkg --root</c>: a minimal dpkg database and account files, nothing else. Maintainer scripts
/// run chrootless (<c>--force-script-chrootless</c>) with DPKG_ROOT pointing here, which ours honour for every path;
/// a chroot would need a shell and the shadow tools inside this root. <c>--force-depends</c> because the root's
/// database has none of the dependencies (the host's libc, libstdc++ and OpenSSL serve the installed app).
/// </summary>
internal sealed class ThrowawayRoot : IDisposable
{
    private readonly TempDirectory _dir = new("mailroom-root");

    public ThrowawayRoot()
    {
        var admin = System.IO.Path.Combine(Root, "var/lib/dpkg");
        foreach (var dir in new[] { "info", "updates", "triggers", "../../log" })
            Directory.CreateDirectory(System.IO.Path.Combine(admin, dir));
        System.IO.File.WriteAllText(System.IO.Path.Combine(admin, "status"), "");
        System.IO.File.WriteAllText(System.IO.Path.Combine(admin, "available"), "");
        Directory.CreateDirectory(File("etc"));
        System.IO.File.WriteAllText(File("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        System.IO.File.WriteAllText(File("etc/group"), "root:x:0:\n");
        System.IO.File.WriteAllText(File("etc/shadow"), "root:*:20000:0:99999:7:::\n");
        System.IO.File.WriteAllText(File("etc/gshadow"), "root:*::\n");
    }

    public string Root => _dir.Path;

    public string File(string relative) => System.IO.Path.Combine(Root, relative);

    public ToolResult Dpkg(params string[] arguments) =>
        Tool.Run("dpkg", ["--root=" + Root, "--force-script-chrootless", "--force-depends", "--force-confold", "--log=" + File("var/log/dpkg.log"), .. arguments]);

    public void Dispose() => _dir.Dispose();
}
