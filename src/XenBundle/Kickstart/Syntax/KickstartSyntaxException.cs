namespace XenBundle.Kickstart.Syntax;

/// <summary>A kickstart the installer would reject: the error names the file and line.</summary>
public sealed class KickstartSyntaxException : XenBundleException
{
    public KickstartSyntaxException(LineRef line, string message)
        : base(line.ToString(), message, ExitCode.BuildFailed)
    {
        Line = line;
    }

    public KickstartSyntaxException()
    {
    }

    public KickstartSyntaxException(string message)
        : base(message)
    {
    }

    public KickstartSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LineRef Line { get; }
}
