using System.Globalization;

namespace XenBundle.Tree;

/// <summary>Permission bits as sysadmins write them (0644), since C# has no octal literals.</summary>
public static class UnixMode
{
    public const int Permissions = 0xFFF; // 07777

    public const int File = 0x1A4; // 0644

    public const int Executable = 0x1ED; // 0755

    public const int Directory = 0x1ED; // 0755

    public const int Private = 0x180; // 0600

    public const int Symlink = 0x1FF; // 0777

    public static int Parse(string octal) => Convert.ToInt32(octal, 8);

    public static string Format(int mode) =>
        "0" + Convert.ToString(mode & Permissions, 8).PadLeft(3, '0').ToString(CultureInfo.InvariantCulture);
}
