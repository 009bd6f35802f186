namespace XenBundle.Media.Iso;

/// <summary>Which of an image's directory trees the names come from.</summary>
public enum IsoNaming
{
    /// <summary>The primary tree with Rock Ridge: POSIX names, modes, symlinks and times.</summary>
    RockRidge,

    /// <summary>The Joliet tree (no Rock Ridge on the image): Unicode names up to 103 characters.</summary>
    Joliet,

    /// <summary>Plain ISO 9660 names (<c>README.TXT</c>), read-only modes.</summary>
    Iso9660,
}
