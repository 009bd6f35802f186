namespace XenBundle.Model;

/// <summary>The Enterprise Linux major releases a guest can be (CentOS, RHEL, Rocky, Alma...).</summary>
public enum OsRelease
{
    El5 = 5,
    El6 = 6,
    El7 = 7,
    El8 = 8,
    El9 = 9,
}

/// <summary>How the guest is virtualised.</summary>
public enum VirtType
{
    XenPv,
    XenHvm,
    Kvm,
}

/// <summary>The recipe and command-line spellings of <see cref="OsRelease"/> and <see cref="VirtType"/>.</summary>
public static class RecipeNames
{
    public static readonly IReadOnlyList<string> OsNames = ["el5", "el6", "el7", "el8", "el9"];

    public static readonly IReadOnlyList<string> VirtNames = ["xen-pv", "xen-hvm", "kvm"];

    public static string ToName(this OsRelease os) => "el" + (int)os;

    public static string ToName(this VirtType virt) => virt switch
    {
        VirtType.XenPv => "xen-pv",
        VirtType.XenHvm => "xen-hvm",
        _ => "kvm",
    };

    public static bool TryParseOs(string text, out OsRelease os)
    {
        var index = OsNames.ToList().IndexOf(text);
        os = (OsRelease)(index + 5);
        return index >= 0;
    }

    public static bool TryParseVirt(string text, out VirtType virt)
    {
        var index = VirtNames.ToList().IndexOf(text);
        virt = (VirtType)Math.Max(index, 0);
        return index >= 0;
    }
}
