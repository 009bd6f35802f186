using System.Text;

namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// Masks secrets in kickstart text that does not read as one command: commented-out commands
/// (<c>#rootpw x</c>, <c>## rootpw x</c>, a command disabled behind a <c>label:</c>), commands
/// whose quotes do not balance (<c>#rootpw Bob's-pass</c>), and runs of such lines joined by a
/// trailing backslash, where an option on the second line (<c>#  --proxy=user:pw@host</c>)
/// belongs to the command on the first.
/// <para>
/// It reads words, not syntax, and errs on the side of masking: after a secret command
/// (<c>rootpw</c>, <c>sshpw</c>, <c>key</c>) every word that is not an option is masked, and
/// after a secret option without <c>=</c> the next word is masked whatever it looks like. A
/// quote opens a span that ends at its match or at the end of the line, so
/// <c>--password="a b"</c> is one value. The text is otherwise kept, line for line.
/// </para>
/// </summary>
public sealed class LooseSecretMasker
{
    private bool first = true;
    private bool secretCommand;
    private bool urlCommand;
    private Pending pending;

    private enum Pending
    {
        None,
        Secret,
        Url,
    }

    /// <summary>Masks a run of physical lines that continue one another (each but the last ends in a backslash).</summary>
    public static void MaskRun(IReadOnlyList<TextLine> run, StringBuilder masked)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(masked);
        var masker = new LooseSecretMasker();
        foreach (var line in run)
        {
            masker.MaskLine(line.Text, masked);
            masked.Append(line.Ending);
        }
    }

    /// <summary>Whether a physical line continues on the next (the installer joins a line that ends in a backslash).</summary>
    public static bool Continues(TextLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Text.EndsWith('\\');
    }

    private void MaskLine(string text, StringBuilder masked)
    {
        var start = CommandStart(text);
        masked.Append(text, 0, start);
        var position = start;
        while (position < text.Length)
        {
            if (KickstartText.IsBlank(text[position]) || (text[position] == '\\' && position == text.Length - 1))
            {
                masked.Append(text[position]);
                position++;
                continue;
            }

            var end = WordEnd(text, position);
            masked.Append(MaskWord(text[position..end]));
            position = end;
        }
    }

    private string MaskWord(string word)
    {
        if (pending != Pending.None)
        {
            var kind = pending;
            pending = Pending.None;
            return kind == Pending.Secret ? KickstartSecrets.Masked : UrlCredentials.Mask(word);
        }

        if (first && !word.StartsWith("--", StringComparison.Ordinal))
        {
            first = false;
            secretCommand = KickstartSecrets.HasSecretArguments(word);
            urlCommand = word == "updates";
            return word;
        }

        first = false;
        if (word.Length > 2 && word.StartsWith("--", StringComparison.Ordinal))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var option = equals < 0 ? word : word[..equals];
            var kind = KickstartSecrets.IsSecretOption(option) ? Pending.Secret
                : KickstartSecrets.IsUrlOption(option) ? Pending.Url : Pending.None;
            if (equals < 0)
            {
                pending = kind;
                return word;
            }

            var value = word[(equals + 1)..];
            return kind switch
            {
                Pending.Secret => word[..(equals + 1)] + KickstartSecrets.Masked,
                Pending.Url => word[..(equals + 1)] + UrlCredentials.Mask(value),
                _ => word,
            };
        }

        return secretCommand ? KickstartSecrets.Masked : urlCommand ? UrlCredentials.Mask(word) : word;
    }

    /// <summary>
    /// Where the command (or its continuation) starts: after the indentation, every '#' and
    /// blank, and a first word that ends in ':' (a label such as the rewrite's
    /// "xenbundle-disabled:", or "old:").
    /// </summary>
    private int CommandStart(string text)
    {
        var start = 0;
        while (start < text.Length && (text[start] == '#' || KickstartText.IsBlank(text[start])))
        {
            start++;
        }

        // On a continuation line only a comment has a label ("# xenbundle-disabled:   --proxy=...").
        if (!first && !text.TrimStart().StartsWith('#'))
        {
            return start;
        }

        var word = start;
        while (word < text.Length && !KickstartText.IsBlank(text[word]))
        {
            word++;
        }

        if (word > start && text[word - 1] == ':')
        {
            start = word;
            while (start < text.Length && KickstartText.IsBlank(text[start]))
            {
                start++;
            }
        }

        return start;
    }

    /// <summary>The end of the word at <paramref name="start"/>: the next blank outside quotes, or the line's end.</summary>
    private static int WordEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && !KickstartText.IsBlank(text[end]))
        {
            if (text[end] is '"' or '\'')
            {
                var close = text.IndexOf(text[end], end + 1);
                end = close < 0 ? text.Length : close + 1;
                continue;
            }

            end++;
        }

        // A trailing backslash joins the next line: it is not part of the value.
        return end == text.Length && end > start + 1 && text[end - 1] == '\\' ? end - 1 : end;
    }
}
