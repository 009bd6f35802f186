namespace XenBundle.Frosting.Internal;

/// <summary>
/// Writes --help: Cake's own options first, then the options this build documents.
/// Written by hand rather than by Spectre so that pipeline options and exit codes appear.
/// </summary>
internal static class HelpWriter
{
    private static readonly (string Usage, string Description)[] CakeOptions =
    [
        ("-t, --target <TARGET>", "Target task to invoke (default: Default)"),
        ("-v, --verbosity <VERBOSITY>", "Quiet, Minimal, Normal, Verbose or Diagnostic"),
        ("-w, --working <PATH>", "Sets the working directory"),
        ("    --description", "Shows the description of each task"),
        ("    --tree", "Shows the task dependency tree"),
        ("    --dryrun", "Shows what would run, runs nothing (also --noop, --whatif)"),
        ("-e, --exclusive", "Runs the target without its dependencies"),
        ("    --version", "Shows version information"),
        ("    --info", "Shows information about Cake"),
        ("-h, --help", "Shows this help"),
    ];

    public static void Write(TextWriter output, HostDescription description)
    {
        output.WriteLine($"{description.Product} {description.Version}");
        if (description.Summary.Length > 0)
        {
            output.WriteLine(description.Summary);
        }

        output.WriteLine();
        output.WriteLine("USAGE:");
        output.WriteLine("    ./build.sh [OPTIONS]");
        WriteTable(output, "OPTIONS:", CakeOptions);
        if (description.Options.Count > 0)
        {
            WriteTable(output, "PIPELINE OPTIONS:", description.Options);
        }

        foreach (var (title, text) in description.Sections)
        {
            output.WriteLine();
            output.WriteLine(title);
            foreach (var line in text.Split('\n'))
            {
                output.WriteLine("    " + line);
            }
        }
    }

    private static void WriteTable(TextWriter output, string title, IReadOnlyList<(string Usage, string Description)> rows)
    {
        output.WriteLine();
        output.WriteLine(title);
        var width = rows.Max(r => r.Usage.Length) + 3;
        foreach (var (usage, text) in rows)
        {
            output.WriteLine("    " + usage.PadRight(width) + text);
        }
    }
}
