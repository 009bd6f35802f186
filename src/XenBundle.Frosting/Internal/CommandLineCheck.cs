namespace XenBundle.Frosting.Internal;

/// <summary>
/// What the command-line parser would reject with its own words ("Expected an option value.",
/// "Failed to convert 'loud' to Verbosity."), found first and said in ours, naming the option.
/// </summary>
internal static class CommandLineCheck
{
    // Cake's own options that take a value (the pipeline's are all --name=value).
    private static readonly string[] TakesValue = ["--target", "-t", "--working", "-w", "--verbosity", "-v"];

    private static readonly string[] Verbosities = ["quiet", "minimal", "normal", "verbose", "diagnostic", "q", "m", "n", "v", "d"];

    /// <summary>The error line for the first malformed option, or null.</summary>
    public static string? Problem(IReadOnlyList<string> argv)
    {
        for (var i = 0; i < argv.Count; i++)
        {
            var argument = argv[i];
            if (!argument.StartsWith('-'))
            {
                continue;
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? argument : argument[..equals];
            var value = equals < 0 ? null : argument[(equals + 1)..];
            if (!name.TrimStart('-').All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || name.TrimStart('-').Length == 0)
            {
                return $"error: {name}: not an option (see --help)";
            }

            if (value is { Length: 0 })
            {
                return $"error: {name}: needs a value ({name}=VALUE)";
            }

            if (TakesValue.Contains(name))
            {
                value ??= i + 1 < argv.Count && !argv[i + 1].StartsWith('-') ? argv[i + 1] : null;
                if (value is null)
                {
                    return $"error: {name}: needs a value ({name}=VALUE)";
                }
            }

            if (name is "--verbosity" or "-v" && !Verbosities.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                return $"error: {name}: '{value}' is not a verbosity: quiet, minimal, normal, verbose or diagnostic";
            }
        }

        return null;
    }
}
