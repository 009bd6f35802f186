namespace XenBundle.Frosting.Internal;

/// <summary>What the host says about itself in --help and --version.</summary>
internal sealed class HostDescription
{
    public string Product { get; set; } = "build";

    public string Version { get; set; } = "0.0.0";

    public string Summary { get; set; } = string.Empty;

    public List<(string Usage, string Description)> Options { get; } = [];

    public List<(string Title, string Text)> Sections { get; } = [];
}
