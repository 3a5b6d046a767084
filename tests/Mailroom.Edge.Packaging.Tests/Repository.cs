namespace Mailroom.Edge.Packaging.Tests;

/// <summary>Finds the repository the tests were built from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Mailroom.Edge.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Mailroom.Edge.sln above {AppContext.BaseDirectory}");
    }
}
