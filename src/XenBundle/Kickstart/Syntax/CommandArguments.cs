namespace XenBundle.Kickstart.Syntax;

/// <summary>How an argument is written.</summary>
public enum ArgumentForm
{
    /// <summary>A word that is not an option: <c>/boot</c>, <c>raid.01</c>.</summary>
    Positional,

    /// <summary>An option without a value: <c>--grow</c>.</summary>
    Flag,

    /// <summary>An option and its value in one word: <c>--ondisk=sda</c>.</summary>
    Joined,

    /// <summary>An option whose value is the next word: <c>--ondisk sda</c>.</summary>
    Separate,
}

/// <summary>
/// One argument of a command line: which tokens hold it, the option (if any) and the value.
/// </summary>
public sealed record CommandArgument(ArgumentForm Form, int TokenIndex, int ValueIndex, string? Option, OptionSpec? Spec, string Value)
{
    public ValueKind Kind => Spec?.Kind ?? ValueKind.Text;
}

/// <summary>
/// Reads a command's arguments the way the release's option parser does, so that the
/// rewrite knows which word is the value of which option.
/// </summary>
public static class CommandArguments
{
    public static IReadOnlyList<CommandArgument> Read(CommandLine line, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(dialect);
        var spec = KickstartCommands.Find(line.Name);
        var arguments = new List<CommandArgument>();
        var tokens = line.Tokens;
        for (var i = 1; i < tokens.Length; i++)
        {
            var value = tokens[i].Value;
            if (!value.StartsWith("--", StringComparison.Ordinal) || value.Length == 2)
            {
                arguments.Add(new CommandArgument(ArgumentForm.Positional, i, i, null, null, value));
                continue;
            }

            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? value : value[..equals];
            var option = spec?.Find(name);
            if (equals >= 0)
            {
                arguments.Add(new CommandArgument(ArgumentForm.Joined, i, i, name, option, value[(equals + 1)..]));
            }
            else if (option is { TakesValue: true } && i + 1 < tokens.Length
                && (dialect.ValueMayLookLikeOption || !tokens[i + 1].Value.StartsWith("--", StringComparison.Ordinal)))
            {
                arguments.Add(new CommandArgument(ArgumentForm.Separate, i, i + 1, name, option, tokens[i + 1].Value));
                i++;
            }
            else
            {
                arguments.Add(new CommandArgument(ArgumentForm.Flag, i, i, name, option, string.Empty));
            }
        }

        return arguments;
    }

    /// <summary>The value of an option (any spelling), or null when the line does not give it.</summary>
    public static string? Option(this IReadOnlyList<CommandArgument> arguments, string name)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments.LastOrDefault(a => a.Option == name || (a.Spec is { } s && s.Names.Contains(name, StringComparer.Ordinal)))?.Value;
    }

    /// <summary>
    /// The line with an argument's value replaced, written the way the old value was
    /// (same quotes; <c>--opt=value</c> or <c>--opt value</c> as before).
    /// </summary>
    public static CommandLine WithValue(this CommandLine line, CommandArgument argument, string value)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(argument);
        return line.WithTokenText(argument.ValueIndex, ValueText(line, argument, value));
    }

    /// <summary>
    /// The line with several values replaced at once (as <see cref="WithValue"/> does one):
    /// one copy of the tokens, however many there are.
    /// </summary>
    public static CommandLine WithValues(this CommandLine line, IReadOnlyList<(CommandArgument Argument, string Value)> values)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(values);
        var tokens = line.Tokens.ToBuilder();
        foreach (var (argument, value) in values)
        {
            tokens[argument.ValueIndex] = tokens[argument.ValueIndex] with { Text = ValueText(line, argument, value) };
        }

        return line with { Tokens = tokens.ToImmutable() };
    }

    /// <summary>The text of the token that holds an argument's value, with <paramref name="value"/> written the way the old one was.</summary>
    private static string ValueText(CommandLine line, CommandArgument argument, string value)
    {
        var raw = line.Tokens[argument.ValueIndex].Text;
        if (argument.Form != ArgumentForm.Joined)
        {
            return ShellQuoting.Requote(raw, value);
        }

        var prefix = argument.Option + "=";
        return raw.StartsWith(prefix, StringComparison.Ordinal)
            ? prefix + ShellQuoting.Requote(raw[prefix.Length..], value)
            : ShellQuoting.Quote(prefix + value);
    }

    /// <summary>The line without an argument (and its separate value).</summary>
    public static CommandLine Without(this CommandLine line, CommandArgument argument)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.ValueIndex != argument.TokenIndex)
        {
            line = line.Remove(argument.ValueIndex);
        }

        return line.Remove(argument.TokenIndex);
    }
}
