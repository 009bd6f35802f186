using XenBundle.Tests.Support;

namespace XenBundle.Tests.Guests;

/// <summary>
/// The media of the guest tests, made once per test run by
/// tests/fixtures/make-guest-media.sh (rpmbuild, createrepo_c, modifyrepo_c, xorriso):
/// an EL6 and an EL7 DVD with one root repository, EL8 and EL9 DVDs with BaseOS and
/// AppStream (a module in AppStream), and the ACME kickstart CD; every one an ISO image.
/// </summary>
internal static class GuestMedia
{
    private static readonly Lazy<string> Made = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => Made.Value;

    public static string KickstartCd => Path.Combine(Directory, "acme-ks.iso");

    /// <summary>The DVD of a release.</summary>
    public static string Dvd(string os) => Path.Combine(Directory, os switch
    {
        "el6" => "CentOS-6.10-x86_64-DVD.iso",
        "el7" => "CentOS-7-x86_64-DVD.iso",
        "el8" => "CentOS-Stream-8-x86_64-dvd1.iso",
        "el9" => "CentOS-Stream-9-x86_64-dvd1.iso",
        _ => throw new ArgumentException($"no medium for {os}"),
    });

    /// <summary>The kickstart on the kickstart CD written for a release (EL8 and EL9 share one).</summary>
    public static string KickstartFile(string os) => os == "el9" ? "ks-el8.cfg" : $"ks-{os}.cfg";

    private static string Make()
    {
        foreach (var tool in new[] { "rpmbuild", "createrepo_c", "modifyrepo_c", "xorriso" })
        {
            Tool.Require(tool);
        }

        var directory = Path.Combine(Path.GetTempPath(), $"xenbundle-guestmedia-{Environment.ProcessId}");
        Tool.Run("bash", [Path.Combine(Repository.Fixtures, "make-guest-media.sh"), directory]).EnsureSuccess("make-guest-media.sh");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return directory;
    }
}
