using System.Globalization;
using System.Text;

namespace XenBundle.Repository;

/// <summary>
/// A small XML writer that escapes exactly as libxml2 does when createrepo_c dumps its
/// nodes: in text &amp; &lt; &gt; and CR; in attributes also quotes, tabs and line breaks,
/// and characters beyond ASCII as hexadecimal references (libxml2 writes them so for
/// nodes that belong to no document). The output is UTF-8 with LF line ends.
/// </summary>
internal sealed class XmlOut(Stream stream) : IDisposable
{
    private readonly StreamWriter _writer = new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };

    public const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    public XmlOut Raw(string text)
    {
        _writer.Write(text);
        return this;
    }

    public XmlOut Raw(char c)
    {
        _writer.Write(c);
        return this;
    }

    /// <summary><c>indent&lt;name&gt;text&lt;/name&gt;</c> and a line end (an absent text is written empty, as createrepo_c does).</summary>
    public XmlOut TextElement(string indent, string name, string? text)
    {
        _writer.Write(indent);
        _writer.Write('<');
        _writer.Write(name);
        _writer.Write('>');
        Text(text);
        _writer.Write("</");
        _writer.Write(name);
        _writer.Write(">\n");
        return this;
    }

    public XmlOut Attribute(string name, string? value)
    {
        _writer.Write(' ');
        _writer.Write(name);
        _writer.Write("=\"");
        foreach (var rune in (value ?? string.Empty).EnumerateRunes())
        {
            if (!IsXmlCharacter(rune))
            {
                continue;
            }

            switch (rune.Value)
            {
                case '<': _writer.Write("&lt;"); break;
                case '>': _writer.Write("&gt;"); break;
                case '&': _writer.Write("&amp;"); break;
                case '"': _writer.Write("&quot;"); break;
                case '\n': _writer.Write("&#10;"); break;
                case '\r': _writer.Write("&#13;"); break;
                case '\t': _writer.Write("&#9;"); break;
                case >= 0x80:
                    _writer.Write("&#x");
                    _writer.Write(rune.Value.ToString("X", CultureInfo.InvariantCulture));
                    _writer.Write(';');
                    break;
                default: _writer.Write((char)rune.Value); break;
            }
        }

        _writer.Write('"');
        return this;
    }

    public XmlOut Attribute(string name, long value) => Attribute(name, value.ToString(CultureInfo.InvariantCulture));

    public XmlOut Text(string? text)
    {
        foreach (var rune in (text ?? string.Empty).EnumerateRunes())
        {
            if (!IsXmlCharacter(rune))
            {
                continue;
            }

            switch (rune.Value)
            {
                case '<': _writer.Write("&lt;"); break;
                case '>': _writer.Write("&gt;"); break;
                case '&': _writer.Write("&amp;"); break;
                case '\r': _writer.Write("&#13;"); break;
                default: _writer.Write(rune.ToString()); break;
            }
        }

        return this;
    }

    // XML 1.0 has no way to write most control characters, U+FFFE or U+FFFF: a package
    // header carrying one would make the whole file unreadable to yum and dnf, so such
    // characters are left out (a lone surrogate already arrives as U+FFFD).
    private static bool IsXmlCharacter(Rune rune) =>
        rune.Value is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or >= 0x10000;

    public void Dispose()
    {
        _writer.Flush();
        _writer.Dispose();
    }
}
