using System.Diagnostics;
using System.Text;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Gpio.Tests.Layout;

/// <summary>
/// Compiles a C program against the system's linux/gpio.h (and libc headers) with gcc, runs it, and compares every
/// printed value with <see cref="UapiLayoutManifest"/>. Needs gcc; that is deliberate, this is the proof that the
/// managed ABI matches the kernel's without any GPIO hardware.
/// </summary>
public static class SystemHeaderLayoutCheck
{
    /// <summary>Runs the check; returns how many items matched (the benchmark figure <c>gpio.struct_layout_checked</c>).</summary>
    /// <exception cref="InvalidOperationException">gcc is missing, the program failed, or any item differs (all listed).</exception>
    public static int Run()
    {
        var items = UapiLayoutManifest.Items();
        using var dir = new TempDirectory("gpio-layout");
        var source = dir.File("layout.c");
        var binary = dir.File("layout");
        File.WriteAllText(source, CProgram(items));
        Execute("gcc", $"-std=gnu11 -Wall -Werror -o \"{binary}\" \"{source}\"", "gcc is required for this test (apt-get install gcc linux-libc-dev)");
        var lines = Execute(binary, "", "the layout program failed").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != items.Count)
        {
            throw new InvalidOperationException($"expected {items.Count} values from the C program, got {lines.Length}.");
        }

        var mismatches = items
            .Select((item, i) => (item, native: ulong.Parse(lines[i], System.Globalization.CultureInfo.InvariantCulture)))
            .Where(p => p.native != p.item.Managed)
            .Select(p => $"{p.item.CExpression}: C says {p.native}, managed says {p.item.Managed}")
            .ToList();
        if (mismatches.Count > 0)
        {
            throw new InvalidOperationException("managed GPIO definitions differ from the system headers:\n" + string.Join("\n", mismatches));
        }

        return items.Count;
    }

    private static string CProgram(IReadOnlyList<LayoutItem> items)
    {
        var c = new StringBuilder();
        c.AppendLine("#include <stddef.h>\n#include <stdio.h>\n#include <errno.h>\n#include <fcntl.h>\n#include <poll.h>");
        c.AppendLine("#include <time.h>\n#include <sys/eventfd.h>\n#include <linux/gpio.h>\nint main(void) {");
        foreach (var item in items)
        {
            c.AppendLine($"    printf(\"%llu\\n\", (unsigned long long)({item.CExpression}));");
        }

        c.AppendLine("    return 0;\n}");
        return c.ToString();
    }

    private static string Execute(string program, string arguments, string failure)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(failure);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{failure}: {ex.Message}", ex);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{failure} (exit {process.ExitCode}): {stderr.Result}");
            return stdout;
        }
    }
}
