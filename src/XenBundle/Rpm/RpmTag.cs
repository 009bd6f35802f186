namespace XenBundle.Rpm;

/// <summary>
/// The header tags the repository metadata needs, with the numbers rpm's rpmtag.h gives
/// them (RPMTAG_*, RPMSIGTAG_*). Signature tags live in the signature header, the others
/// in the main one.
/// </summary>
public static class RpmTag
{
    // Region tags: the first index entry of a header.
    public const int HeaderSignatures = 62;
    public const int HeaderImmutable = 63;

    // Signature header.
    public const int SignatureSize = 1000;
    public const int SignaturePayloadSize = 1007;

    /// <summary>64-bit archive size: in the signature header, or (rarely) the main one.</summary>
    public const int LongArchiveSize = 271;

    // Main header.
    public const int Name = 1000;
    public const int Version = 1001;
    public const int Release = 1002;
    public const int Epoch = 1003;
    public const int Summary = 1004;
    public const int Description = 1005;
    public const int BuildTime = 1006;
    public const int BuildHost = 1007;
    public const int Size = 1009;
    public const int Vendor = 1011;
    public const int License = 1014;
    public const int Packager = 1015;
    public const int Group = 1016;
    public const int Url = 1020;
    public const int Arch = 1022;
    public const int OldFileNames = 1027;
    public const int FileModes = 1030;
    public const int FileFlags = 1037;
    public const int SourceRpm = 1044;
    public const int ArchiveSize = 1046;
    public const int ProvideName = 1047;
    public const int RequireFlags = 1048;
    public const int RequireName = 1049;
    public const int RequireVersion = 1050;
    public const int ConflictFlags = 1053;
    public const int ConflictName = 1054;
    public const int ConflictVersion = 1055;
    public const int ChangelogTime = 1080;
    public const int ChangelogName = 1081;
    public const int ChangelogText = 1082;
    public const int ObsoleteName = 1090;
    public const int SourcePackage = 1106;
    public const int ProvideFlags = 1112;
    public const int ProvideVersion = 1113;
    public const int ObsoleteFlags = 1114;
    public const int ObsoleteVersion = 1115;
    public const int DirIndexes = 1116;
    public const int BaseNames = 1117;
    public const int DirNames = 1118;

    // Weak dependencies before rpm 4.12 (SUSE), read by createrepo_c built with legacy weak deps.
    public const int OldSuggestsName = 1156;
    public const int OldSuggestsVersion = 1157;
    public const int OldSuggestsFlags = 1158;
    public const int OldEnhancesName = 1159;
    public const int OldEnhancesVersion = 1160;
    public const int OldEnhancesFlags = 1161;

    public const int LongSize = 5009;

    // Weak dependencies (rpm >= 4.12, EL8+).
    public const int RecommendName = 5046;
    public const int RecommendVersion = 5047;
    public const int RecommendFlags = 5048;
    public const int SuggestName = 5049;
    public const int SuggestVersion = 5050;
    public const int SuggestFlags = 5051;
    public const int SupplementName = 5052;
    public const int SupplementVersion = 5053;
    public const int SupplementFlags = 5054;
    public const int EnhanceName = 5055;
    public const int EnhanceVersion = 5056;
    public const int EnhanceFlags = 5057;
}

/// <summary>The data types of header entries.</summary>
public enum RpmTagType
{
    Null = 0,
    Char = 1,
    Int8 = 2,
    Int16 = 3,
    Int32 = 4,
    Int64 = 5,
    String = 6,
    Bin = 7,
    StringArray = 8,
    I18NString = 9,
}

/// <summary>Dependency sense flags (rpmds.h).</summary>
[Flags]
public enum RpmSense
{
    None = 0,
    Less = 1 << 1,
    Greater = 1 << 2,
    Equal = 1 << 3,
    Prereq = 1 << 6,
    ScriptPre = 1 << 9,
    ScriptPost = 1 << 10,
    MissingOk = 1 << 19,
    RpmLib = 1 << 24,
    Strong = 1 << 27,
}

/// <summary>File flags (rpmfiles.h) that the metadata cares about.</summary>
[Flags]
public enum RpmFileFlags
{
    None = 0,
    Ghost = 1 << 6,
}
