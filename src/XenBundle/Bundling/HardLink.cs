using System.Runtime.InteropServices;

namespace XenBundle.Bundling;

/// <summary>link(2): a second name for a file, which .NET has no call for.</summary>
internal static partial class HardLink
{
    /// <summary>Whether <paramref name="link"/> now names the file <paramref name="existing"/> names (false off Linux, or on any error).</summary>
    public static bool TryCreate(string existing, string link) =>
        OperatingSystem.IsLinux() && Link(existing, link) == 0;

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string link);
}
