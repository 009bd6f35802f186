namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// Where a kickstart holds passwords: the value of <c>rootpw</c> and <c>sshpw</c>, and of
/// <c>--password</c> (<c>user</c>, <c>bootloader</c>) and <c>--md5pass</c>. Reports and logs
/// show kickstart text with these masked, crypted or not (a hash in a CI log can be
/// cracked offline); and a password in plain text is worth a warning.
/// </summary>
public static class KickstartSecrets
{
    public const string Masked = "********";

    private static readonly string[] PasswordOptions = ["--password", "--md5pass"];

    /// <summary>The arguments of a command line that are passwords (their <see cref="CommandArgument.ValueIndex"/> is the token).</summary>
    public static IReadOnlyList<CommandArgument> Of(CommandLine line, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(dialect);
        if (line.Name is not ("rootpw" or "sshpw" or "user" or "bootloader"))
        {
            return [];
        }

        var arguments = CommandArguments.Read(line, dialect);
        var secrets = new List<CommandArgument>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument.Option is { } option && PasswordOptions.Contains(option, StringComparer.Ordinal))
            {
                // "--password x" where the command's syntax is not known reads as a flag and a word.
                var value = argument.Form == ArgumentForm.Flag && i + 1 < arguments.Count && arguments[i + 1].Form == ArgumentForm.Positional ? arguments[++i] : argument;
                if (value.Form != ArgumentForm.Flag)
                {
                    secrets.Add(value);
                }
            }
            else if (argument.Form == ArgumentForm.Positional && line.Name is "rootpw" or "sshpw")
            {
                secrets.Add(argument);
            }
        }

        return secrets;
    }

    /// <summary>Whether a command gives a password in plain text (not <c>--iscrypted</c>, not an <c>--md5pass</c> hash).</summary>
    public static bool IsPlainText(CommandLine line, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(line);
        var secrets = Of(line, dialect).Where(s => s.Option != "--md5pass").ToList();
        return secrets.Count > 0 && !line.Arguments.Any(t => t.Value == "--iscrypted");
    }

    /// <summary>The command line with its passwords written as <see cref="Masked"/>, everything else as it was.</summary>
    public static CommandLine Mask(CommandLine line, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(line);
        var secrets = Of(line, dialect);
        if (secrets.Count == 0)
        {
            return line;
        }

        // One copy of the tokens for all of them: "rootpw" may be followed by thousands of words.
        var tokens = line.Tokens.ToBuilder();
        foreach (var secret in secrets)
        {
            var text = tokens[secret.ValueIndex].Text;
            var masked = secret.Form == ArgumentForm.Joined ? text[..(text.IndexOf('=', StringComparison.Ordinal) + 1)] + Masked : Masked;
            tokens[secret.ValueIndex] = tokens[secret.ValueIndex] with { Text = masked };
        }

        return line with { Tokens = tokens.ToImmutable() };
    }

    /// <summary>
    /// Kickstart text with every password masked, line for line (so that a diff of masked
    /// texts has the hunks of the real one). Lines that do not read as a command (script
    /// text with an open quote) stay as they are.
    /// </summary>
    public static string Mask(string text, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(dialect);
        var lines = KickstartParser.SplitLines(text, "masked");
        var masked = new System.Text.StringBuilder(text.Length);
        var index = 0;
        while (index < lines.Count)
        {
            CommandLine line;
            int next;
            try
            {
                line = CommandLineReader.Read(lines, index, out next);
            }
            catch (KickstartSyntaxException)
            {
                masked.Append(lines[index].Text).Append(lines[index].Ending);
                index++;
                continue;
            }

            Mask(line, dialect).WriteTo(masked);
            index = next;
        }

        return masked.ToString();
    }
}
