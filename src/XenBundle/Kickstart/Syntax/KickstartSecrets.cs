namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// Where a kickstart holds secrets, so that reports and logs show its text with them
/// masked, crypted or not (a hash in a CI log can be cracked offline); and whether a login
/// password is in plain text, which is worth a warning.
/// <para>
/// The list is the kickstart reference's: every option and argument of every command that
/// pykickstart (the installer's kickstart parser) knows, from its RHEL5 handler to its
/// newest one, that holds a password, passphrase or key, or a URL that may carry
/// <c>user:password@</c>. Whole values:
/// </para>
/// <list type="bullet">
/// <item><c>rootpw</c> and <c>sshpw</c>: the password argument; <c>key</c> (RHEL5): the installation number;</item>
/// <item><c>--password</c>: bootloader, user, vnc, iscsi, rdp; <c>--md5pass</c>: bootloader;
/// <c>--reverse-password</c>: iscsi (mutual CHAP);</item>
/// <item><c>--passphrase</c> and <c>--hw-passphrase</c>: autopart, part, logvol, raid (disk encryption);</item>
/// <item><c>--wpakey</c> and <c>--wepkey</c>: network (wireless); <c>--activation-key</c>: rhsm;</item>
/// <item>options handed on to another tool: <c>--one-time-password</c> (realm join),
/// <c>--winbindjoin</c> (auth and authconfig: <c>admin%password</c>); and, since those
/// tools have more options than this list can follow, any option of any command whose name
/// says password or passphrase (not the flags <c>--backuppassphrase</c>, <c>--no-password</c>).</item>
/// </list>
/// <para>
/// URLs, whose credentials only are masked (<see cref="UrlCredentials"/>): <c>--url</c> (url,
/// liveimg, ostreesetup, ostreecontainer), <c>--mirrorlist</c> and <c>--metalink</c> (url,
/// repo), <c>--baseurl</c> (repo), <c>--proxy</c> (url, repo, liveimg, rhsm), <c>--source</c>
/// (driverdisk), <c>--escrowcert</c> (autopart, part, logvol, raid), <c>--rhsm-baseurl</c>
/// and <c>--server-hostname</c> (rhsm), <c>--source-imgref</c> (bootc), the argument of
/// <c>updates</c>; and any <c>SCHEME://user:password@</c> elsewhere in the text (a
/// <c>%ksappend</c>, a script).
/// </para>
/// </summary>
public static class KickstartSecrets
{
    public const string Masked = "********";

    private static readonly HashSet<string> SecretOptions = new(StringComparer.Ordinal)
    {
        "--password", "--md5pass", "--reverse-password", "--passphrase", "--hw-passphrase", "--wpakey", "--wepkey",
        "--activation-key", "--one-time-password", "--winbindjoin",
    };

    private static readonly HashSet<string> SecretFlags = new(StringComparer.Ordinal) { "--backuppassphrase", "--no-password" };

    private static readonly HashSet<string> UrlOptions = new(StringComparer.Ordinal)
    {
        "--url", "--mirrorlist", "--metalink", "--baseurl", "--proxy", "--source", "--escrowcert", "--rhsm-baseurl",
        "--server-hostname", "--source-imgref",
    };

    /// <summary>The commands whose every word is a secret (after the options).</summary>
    private static readonly HashSet<string> SecretArguments = new(StringComparer.Ordinal) { "rootpw", "sshpw", "key" };

    /// <summary>The commands whose login passwords <see cref="IsPlainText"/> looks at.</summary>
    private static readonly HashSet<string> LoginCommands = new(StringComparer.Ordinal) { "rootpw", "sshpw", "user", "bootloader" };

    /// <summary>The arguments of a command line that are secrets as a whole (their <see cref="CommandArgument.ValueIndex"/> is the token).</summary>
    public static IReadOnlyList<CommandArgument> Of(CommandLine line, KickstartDialect dialect) =>
        [.. Find(line, dialect).Where(s => !s.IsUrl).Select(s => s.Argument)];

    /// <summary>Whether a command gives a login password in plain text (not <c>--iscrypted</c>, not an <c>--md5pass</c> hash).</summary>
    public static bool IsPlainText(CommandLine line, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(line);
        return LoginCommands.Contains(line.Name)
            && Of(line, dialect).Any(s => s.Option is not { } option || !Begins("--md5pass", option))
            && !line.Arguments.Any(t => Begins("--iscrypted", t.Value));
    }

    /// <summary>The command line with its secrets written as <see cref="Masked"/>, everything else as it was.</summary>
    public static CommandLine Mask(CommandLine line, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(line);
        var secrets = Find(line, dialect);
        if (secrets.Count == 0)
        {
            return line;
        }

        // One copy of the tokens for all of them: "rootpw" may be followed by thousands of words.
        var tokens = line.Tokens.ToBuilder();
        foreach (var (secret, isUrl) in secrets)
        {
            var text = tokens[secret.ValueIndex].Text;
            var value = secret.Form == ArgumentForm.Joined ? text.IndexOf('=', StringComparison.Ordinal) + 1 : 0;
            if (isUrl)
            {
                // In the written text, quotes and all: the URL is shown as the kickstart has it.
                value += value < text.Length && text[value] is '"' or '\'' ? 1 : 0;
                tokens[secret.ValueIndex] = tokens[secret.ValueIndex] with { Text = text[..value] + UrlCredentials.Mask(text[value..]) };
            }
            else
            {
                tokens[secret.ValueIndex] = tokens[secret.ValueIndex] with { Text = text[..value] + Masked };
            }
        }

        return line with { Tokens = tokens.ToImmutable() };
    }

    /// <summary>
    /// Kickstart text with every secret masked, line for line (so that a diff of masked
    /// texts has the hunks of the real one). Lines that do not read as a command (script
    /// text with an open quote) keep their words, but not the credentials of their URLs.
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
            if (lines[index].IsComment)
            {
                index = MaskLoosely(lines, index, comments: true, masked);
                continue;
            }

            CommandLine line;
            int next;
            try
            {
                line = CommandLineReader.Read(lines, index, out next);
            }
            catch (KickstartSyntaxException)
            {
                index = MaskLoosely(lines, index, comments: false, masked);
                continue;
            }

            Mask(line, dialect).WriteTo(masked);
            index = next;
        }

        return UrlCredentials.MaskIn(masked.ToString());
    }

    /// <summary>
    /// A comment is masked as the command it may hold: a kickstart keeps old commands
    /// commented out (<c>#rootpw secret</c>), and the rewrite disables lines behind a
    /// <c>label:</c> (<c># xenbundle-disabled: url --proxy=user:pw@host</c>), a continued
    /// command line by line. A line that does not read as a command (a quote that does not
    /// close) is masked the same way. Either reads on while a line ends in a backslash.
    /// </summary>
    /// <returns>The index of the first line after the run.</returns>
    private static int MaskLoosely(IReadOnlyList<TextLine> lines, int index, bool comments, System.Text.StringBuilder masked)
    {
        var end = index + 1;
        while (end < lines.Count && LooseSecretMasker.Continues(lines[end - 1]) && (!comments || lines[end].IsComment))
        {
            end++;
        }

        var run = new List<TextLine>(end - index);
        for (var i = index; i < end; i++)
        {
            run.Add(lines[i]);
        }

        LooseSecretMasker.MaskRun(run, masked);
        return end;
    }

    private static List<(CommandArgument Argument, bool IsUrl)> Find(CommandLine line, KickstartDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(dialect);
        var secrets = new List<(CommandArgument, bool)>();
        if (line.Tokens.Length < 2)
        {
            return secrets;
        }

        var arguments = CommandArguments.Read(line, dialect);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument.Option is { } option && (IsSecret(option) || IsUrlOption(option)))
            {
                // "--password x" where the command's syntax is not known reads as a flag and a word;
                // EL5-7's parser takes the next word even when it starts with "--".
                var value = argument.Form == ArgumentForm.Flag && i + 1 < arguments.Count
                    && (arguments[i + 1].Form == ArgumentForm.Positional || dialect.ValueMayLookLikeOption)
                    ? arguments[++i] with { Form = ArgumentForm.Separate, Option = option, Value = line.Tokens[arguments[i].ValueIndex].Value }
                    : argument;
                if (value.Form != ArgumentForm.Flag)
                {
                    secrets.Add((value, !IsSecret(option)));
                }
            }
            else if (argument.Form == ArgumentForm.Positional && (SecretArguments.Contains(line.Name) || line.Name == "updates"))
            {
                secrets.Add((argument, line.Name == "updates"));
            }
        }

        return secrets;
    }

    // The installer's option parsers take any unambiguous beginning of an option (optparse on
    // EL5-EL7, argparse's abbreviations later): "vnc --pass=x" sets the VNC password. So a
    // beginning of a secret option is one too; masking a value that was no secret costs nothing.
    /// <summary>Whether every word after the options of <paramref name="command"/> is a secret (rootpw, sshpw, key).</summary>
    public static bool HasSecretArguments(string command) => SecretArguments.Contains(command);

    /// <summary>Whether the value of <paramref name="option"/> (or of the option it abbreviates) is a secret as a whole.</summary>
    public static bool IsSecretOption(string option) => option.StartsWith("--", StringComparison.Ordinal) && IsSecret(option);

    /// <summary>Whether the value of <paramref name="option"/> is a URL whose credentials are a secret.</summary>
    public static bool IsUrlOption(string option) => UrlOptions.Contains(option) || Begins(UrlOptions, option);

    private static bool IsSecret(string option) =>
        SecretOptions.Contains(option) || Begins(SecretOptions, option)
        || (!SecretFlags.Contains(option) && (option.Contains("password", StringComparison.Ordinal) || option.Contains("passphrase", StringComparison.Ordinal)));

    private static bool Begins(HashSet<string> options, string option) => options.Any(o => Begins(o, option));

    /// <summary>Whether <paramref name="option"/> is <paramref name="full"/> or a beginning of it the parsers take.</summary>
    private static bool Begins(string full, string option) =>
        option.Length > 2 && option.StartsWith("--", StringComparison.Ordinal) && full.StartsWith(option, StringComparison.Ordinal);
}
