using XenBundle.Kickstart.Syntax;

namespace XenBundle.Kickstart.Transform;

/// <summary>
/// Reads the finished kickstart as the target's installer will and reports what it would
/// reject or ignore: unknown or deprecated commands, options the release does not have,
/// <c>%pre --nochroot</c>. Lines keep their source numbers, so a warning points at the
/// line to fix in the source.
/// </summary>
public static class KickstartValidator
{
    public static IReadOnlyList<KickstartWarning> Check(KickstartDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var dialect = document.Dialect;
        var warnings = new List<KickstartWarning>();
        foreach (var node in document.Nodes)
        {
            switch (node)
            {
                case CommandNode { Line.Tokens.IsEmpty: false } command:
                    CheckCommand(dialect, command, warnings);
                    break;
                case SectionNode { Keyword: KickstartSections.Pre or KickstartSections.PreInstall } pre when pre.HasOption("--nochroot"):
                    warnings.Add(new KickstartWarning(pre.Source, $"{pre.Keyword} does not take --nochroot (only %post does): the installer rejects it"));
                    break;
                default:
                    break;
            }
        }

        return warnings;
    }

    private static void CheckCommand(KickstartDialect dialect, CommandNode command, List<KickstartWarning> warnings)
    {
        var name = command.Name;
        if (!dialect.Commands.Contains(name))
        {
            warnings.Add(new KickstartWarning(command.Source, $"{KickstartText.Printable(name)}: not a kickstart command on {dialect.Name}; the installer stops on it"));
            return;
        }

        if (dialect.Deprecated.Contains(name))
        {
            warnings.Add(new KickstartWarning(command.Source, $"{name} is deprecated on {dialect.Name}: the installer ignores it"));
        }

        foreach (var argument in CommandArguments.Read(command.Line, dialect))
        {
            if (argument.Spec is { } option && !option.ExistsIn(dialect.Os))
            {
                warnings.Add(new KickstartWarning(command.Source, $"{name} {argument.Option}: no such option on {dialect.Name}; the installer rejects it"));
            }
            else if (argument is { Form: ArgumentForm.Flag, Spec.TakesValue: true })
            {
                warnings.Add(new KickstartWarning(command.Source, $"{name} {argument.Option} needs a value"));
            }
        }
    }
}
