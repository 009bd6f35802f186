namespace XenBundle.Media.Iso;

/// <summary>
/// Permission bits of entries on an image without Rock Ridge, which stores none: readable
/// by everyone, as a mounted disc shows them (the install tree is exported over NFS,
/// so owner-only modes would lock the installer out).
/// </summary>
internal static class IsoModes
{
    public const int File = 0x124; // 0444

    public const int Directory = 0x16D; // 0555
}
