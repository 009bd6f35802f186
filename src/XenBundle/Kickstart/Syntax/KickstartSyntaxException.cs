namespace XenBundle.Kickstart.Syntax;

/// <summary>A kickstart the installer would reject: the error names the file and line.</summary>
public sealed class KickstartSyntaxException : XenBundleException
{
    public KickstartSyntaxException(LineRef line, string message)
        : base(line.ToString(), message, ExitCode.BuildFailed)
    {
        Line = line;
    }

    public LineRef Line { get; }
}
