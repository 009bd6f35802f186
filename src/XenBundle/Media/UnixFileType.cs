using System.Runtime.InteropServices;

namespace XenBundle.Media;

/// <summary>
/// The file type of a path without following symlinks, through Linux statx(2), whose
/// structure layout is the same on every architecture (unlike struct stat).
/// </summary>
internal static partial class UnixFileType
{
    public enum Kind
    {
        Unknown,
        Regular,
        Directory,
        Symlink,
        Other,
    }

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;

    public static Kind Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Kind.Unknown;
        }

        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
            {
                return Kind.Unknown;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return Kind.Unknown;
        }

        var mode = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        return mode switch
        {
            0x8000 => Kind.Regular,
            0x4000 => Kind.Directory,
            0xA000 => Kind.Symlink,
            _ => Kind.Other,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte[] buffer);
}
