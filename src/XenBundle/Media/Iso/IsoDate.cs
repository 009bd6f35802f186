namespace XenBundle.Media.Iso;

/// <summary>
/// The two date forms of ISO 9660 (and Rock Ridge TF): the 7-byte binary form of
/// directory records and the 17-byte ASCII form of volume descriptors. A date that
/// cannot be a date (month 0, hour 25: unset fields, or a hostile image) reads as
/// null rather than failing, since no file's content depends on it.
/// </summary>
internal static class IsoDate
{
    public const int ShortLength = 7;
    public const int LongLength = 17;

    /// <summary>Year since 1900, month, day, hour, minute, second, GMT offset in 15-minute units.</summary>
    public static DateTimeOffset? Short(ReadOnlySpan<byte> date)
    {
        if (date.Length < ShortLength)
        {
            return null;
        }

        return Make(1900 + date[0], date[1], date[2], date[3], date[4], date[5], 0, (sbyte)date[6]);
    }

    /// <summary>"YYYYMMDDHHMMSScc" in ASCII digits, then the GMT offset byte.</summary>
    public static DateTimeOffset? Long(ReadOnlySpan<byte> date)
    {
        if (date.Length < LongLength)
        {
            return null;
        }

        return Make(Digits(date, 0, 4), Digits(date, 4, 2), Digits(date, 6, 2), Digits(date, 8, 2), Digits(date, 10, 2), Digits(date, 12, 2), Digits(date, 14, 2) * 10, (sbyte)date[16]);
    }

    /// <summary>A run of ASCII digits as a number, or -1 when any byte is not a digit.</summary>
    private static int Digits(ReadOnlySpan<byte> date, int start, int count)
    {
        var value = 0;
        foreach (var digit in date.Slice(start, count))
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return -1;
            }

            value = (value * 10) + (digit - '0');
        }

        return value;
    }

    private static DateTimeOffset? Make(int year, int month, int day, int hour, int minute, int second, int millisecond, sbyte quarterHours)
    {
        // Years at the ends of DateTime's range would overflow once the GMT offset is applied.
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59 || millisecond is < 0 or > 999)
        {
            return null;
        }

        // ECMA-119 allows -48..+52 quarter hours; anything else is garbage, read as UTC.
        var offset = quarterHours is >= -48 and <= 52 ? TimeSpan.FromMinutes(quarterHours * 15) : TimeSpan.Zero;
        var local = new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Unspecified);
        return new DateTimeOffset(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc));
    }
}
