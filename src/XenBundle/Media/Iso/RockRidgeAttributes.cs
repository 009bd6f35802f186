namespace XenBundle.Media.Iso;

/// <summary>What the Rock Ridge entries of one directory record say about the file.</summary>
internal sealed class RockRidgeAttributes
{
    /// <summary>Where an NM entry flagged CURRENT or PARENT says "this is '.' or '..'", if one does.</summary>
    public long? SelfOrParentName { get; set; }

    /// <summary>The POSIX name (NM, continued pieces joined), as raw bytes; null without NM.</summary>
    public byte[]? Name { get; set; }

    /// <summary>st_mode from PX: file type and permission bits.</summary>
    public uint? Mode { get; set; }

    /// <summary>The symlink target assembled from SL components.</summary>
    public string? SymlinkTarget { get; set; }

    /// <summary>The modification time from TF.</summary>
    public DateTimeOffset? Modified { get; set; }

    /// <summary>CL: this record stands for a directory relocated to this sector.</summary>
    public uint? ChildLink { get; set; }

    /// <summary>RE: this is a relocated directory, listed under its real parent through a CL record.</summary>
    public bool IsRelocated { get; set; }

    /// <summary>SP: LEN_SKP, when this is the root's <c>.</c> record with the SUSP indicator.</summary>
    public int? SharingSkip { get; set; }

    /// <summary>The extension identifiers of ER entries (RRIP_1991A, IEEE_P1282, IEEE_1282, ...).</summary>
    public List<string> Extensions { get; } = [];

    /// <summary>Whether any Rock Ridge entry proper (PX, NM, SL, TF, RR, ...) was seen.</summary>
    public bool HasRockRidgeEntries { get; set; }

    /// <summary>ZF or SF: content stored in a form this reader does not decode, with its entry's offset.</summary>
    public (string Signature, long Offset)? UnsupportedStorage { get; set; }
}
