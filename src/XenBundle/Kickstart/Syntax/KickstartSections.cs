namespace XenBundle.Kickstart.Syntax;

/// <summary>The section keywords of every version, and which ones hold shell scripts.</summary>
public static class KickstartSections
{
    public const string Packages = "%packages";
    public const string Pre = "%pre";
    public const string PreInstall = "%pre-install";
    public const string Post = "%post";
    public const string Traceback = "%traceback";
    public const string OnError = "%onerror";
    public const string Addon = "%addon";
    public const string Anaconda = "%anaconda";
    public const string End = "%end";
    public const string Include = "%include";
    public const string KsAppend = "%ksappend";

    /// <summary>Every keyword that starts a section in some version.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Packages, Pre, PreInstall, Post, Traceback, OnError, Addon, Anaconda,
    };

    public static bool IsScript(string keyword) => keyword is Pre or PreInstall or Post or Traceback or OnError;}
