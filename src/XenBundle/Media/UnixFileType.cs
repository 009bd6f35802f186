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

        /// <summary>A disc drive (/dev/sr0) can be a medium: its size is its disc's.</summary>
        BlockDevice,

        /// <summary>A character device (/dev/zero never ends), a FIFO or a socket.</summary>
        Other,
    }

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;

    /// <param name="followSymlinks">Whether a symlink is looked through to what it names (a recipe given as a link to /dev/zero is a device).</param>
    public static Kind Of(string path, bool followSymlinks = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Kind.Unknown;
        }

        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, path, followSymlinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) != 0)
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
            0x6000 => Kind.BlockDevice,
            _ => Kind.Other,
        };
    }

    /// <summary>
    /// What identifies a file's version without reading it, as git's index does: device,
    /// inode, size, and the modification and change times to the nanosecond. Null where
    /// statx is not available (then callers fall back to size and modification time).
    /// </summary>
    public static string? Identity(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[256];
        try
        {
            if (Statx(AtFdCwd, path, 0, BasicStats, buffer) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }

        var inode = BitConverter.ToUInt64(buffer, 32);
        var size = BitConverter.ToUInt64(buffer, 40);
        var ctime = $"{BitConverter.ToInt64(buffer, 96)}.{BitConverter.ToUInt32(buffer, 104)}";
        var mtime = $"{BitConverter.ToInt64(buffer, 112)}.{BitConverter.ToUInt32(buffer, 120)}";
        var device = $"{BitConverter.ToUInt32(buffer, 136)}:{BitConverter.ToUInt32(buffer, 140)}";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{device}/{inode}/{size}/{mtime}/{ctime}");
    }

    private const uint BasicStats = 0x7ff;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte[] buffer);
}
