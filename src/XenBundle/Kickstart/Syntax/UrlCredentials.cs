namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// The user and password a URL may carry (<c>http://user:password@host/</c>), written as
/// <see cref="KickstartSecrets.Masked"/> for reports and logs; the rest of the URL stays,
/// since it says where the installer goes.
/// </summary>
public static class UrlCredentials
{
    /// <summary>
    /// One option's URL, whose scheme may be missing (a proxy is
    /// <c>[protocol://][user[:password]@]host[:port]</c>): what comes before the last
    /// <c>@</c> of the host part is masked.
    /// </summary>
    public static string Mask(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? 0 : scheme + 3;
        var end = AuthorityEnd(url, start);
        var at = end > start ? url.LastIndexOf('@', end - 1, end - start) : -1;
        return at < 0 ? url : string.Concat(url.AsSpan(0, start), KickstartSecrets.Masked, url.AsSpan(at));
    }

    /// <summary>
    /// Every <c>SCHEME://user:password@</c> in free text (a script's <c>wget</c>, a
    /// <c>%ksappend</c>, a warning), masked; the text is otherwise unchanged, line for line.
    /// The scan is linear: a megabyte of letters or of <c>://</c> costs no more than its length.
    /// </summary>
    public static string MaskIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = (System.Text.StringBuilder?)null;
        var copied = 0;
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        while (separator >= 0)
        {
            var start = separator + 3;
            var end = AuthorityEnd(text, start);
            var at = end > start && HasScheme(text, separator) ? text.LastIndexOf('@', end - 1, end - start) : -1;
            if (at >= 0)
            {
                masked ??= new System.Text.StringBuilder(text.Length);
                masked.Append(text, copied, start - copied).Append(KickstartSecrets.Masked);
                copied = at;
            }

            // From the next char, not from the end: "a://b://u:p@h" has a second URL inside the first's host part.
            separator = text.IndexOf("://", separator + 1, StringComparison.Ordinal);
        }

        return masked is null ? text : masked.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Where the host part (user info, host, port) ends: at the path, query, fragment, a blank or a quote.</summary>
    private static int AuthorityEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && text[end] is not ('/' or '?' or '#' or '"' or '\'') && !char.IsWhiteSpace(text[end]) && !char.IsControl(text[end]))
        {
            end++;
        }

        return end;
    }

    /// <summary>Whether "://" at <paramref name="separator"/> follows a scheme (a letter, then letters, digits, <c>+ - .</c>).</summary>
    private static bool HasScheme(string text, int separator)
    {
        var first = separator;
        while (first > 0 && (char.IsAsciiLetterOrDigit(text[first - 1]) || text[first - 1] is '+' or '-' or '.'))
        {
            first--;
        }

        return first < separator && char.IsAsciiLetter(text[first]);
    }
}
