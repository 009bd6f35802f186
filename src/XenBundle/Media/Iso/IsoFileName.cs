using System.Text;

namespace XenBundle.Media.Iso;

/// <summary>
/// Turns the three kinds of on-disc names into file names: plain ISO 9660 identifiers
/// (<c>README.TXT;1</c>), Joliet's UCS-2 big-endian ones, and Rock Ridge's POSIX bytes.
/// Nothing here decides whether a name is safe: the tree builder checks every name.
/// </summary>
internal static class IsoFileName
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A plain identifier, without its <c>;1</c> version and a trailing dot.</summary>
    public static string Plain(ReadOnlySpan<byte> identifier) => StripVersion(Encoding.Latin1.GetString(identifier));

    /// <summary>A Joliet identifier: UCS-2 big-endian, without its version and trailing dot.</summary>
    public static string Joliet(ReadOnlySpan<byte> identifier)
    {
        // An odd byte count cannot be UCS-2; the stray last byte is dropped, as Linux does.
        return StripVersion(Encoding.BigEndianUnicode.GetString(identifier[..(identifier.Length & ~1)]));
    }

    /// <summary>
    /// POSIX bytes as written by the host that made the image: UTF-8 nearly always;
    /// anything else is read as Latin-1 so that no byte is lost or replaced.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static string StripVersion(string name)
    {
        var semicolon = name.LastIndexOf(';');
        if (semicolon >= 0 && name.AsSpan(semicolon + 1).ContainsAnyExceptInRange('0', '9') == false)
        {
            name = name[..semicolon];
        }

        return name.Length > 1 && name[^1] == '.' ? name[..^1] : name;
    }
}
