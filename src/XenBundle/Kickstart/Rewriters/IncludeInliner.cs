using System.Collections.Immutable;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Follows <c>%include</c>: a file that is on the kickstart CD is put in place of the
/// <c>%include</c> line (the guest has no CD to read it from), and the other rules then
/// rewrite its lines too. A file that is not on the CD is usually written by a %pre script
/// at install time (<c>%include /tmp/part-include</c>): it stays, with a warning.
/// </summary>
public sealed class IncludeInliner : KickstartRewriter
{
    private const int MaxDepth = 8;

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        var (nodes, tail) = new Inliner(editor, context).Expand([.. editor.Nodes], editor.EndTrivia, []);
        editor.Nodes.Clear();
        editor.Nodes.AddRange(nodes);
        editor.SetEndTrivia(tail);
    }

    private sealed class Inliner(DocumentEditor editor, RewriteContext context)
    {
        private int _inlinedBytes;
        private int _inlinedLines;
        /// <summary>The nodes with their includes inlined, and the trivia that follows the last of them.</summary>
        public (List<KickstartNode> Nodes, List<TextLine> Tail) Expand(IEnumerable<KickstartNode> nodes, IEnumerable<TextLine> endTrivia, ImmutableStack<string> seen)
        {
            var result = new List<KickstartNode>();
            var pending = new List<TextLine>();
            foreach (var original in nodes)
            {
                var node = pending.Count == 0 ? original : original with { Leading = [.. pending, .. original.Leading] };
                pending = [];
                if (node is SectionNode section)
                {
                    result.Add(section with { Body = InlineBody(section.Body, seen) });
                    continue;
                }

                if (node is not IncludeNode include || Resolve(include.Line, include.Target, seen) is not { } file)
                {
                    result.Add(node);
                    continue;
                }

                Budget(include.Line, file);
                var included = KickstartParser.Parse(file.Content, file.Name, editor.Dialect);
                var (inner, innerTail) = Expand(included.Nodes, included.EndTrivia.Select(Ended), seen.Push(file.Name));
                var leading = include.Leading.Add(Marker(include.Line, file));
                if (inner.Count > 0)
                {
                    inner[0] = inner[0] with { Leading = [.. leading, .. inner[0].Leading] };
                    inner[^1] = DocumentEditor.WithEnding(inner[^1], editor.NewLine);
                }
                else
                {
                    innerTail = [.. leading, .. innerTail];
                }

                result.AddRange(inner);
                pending = innerTail;
            }

            return (result, [.. pending, .. endTrivia]);
        }

        /// <summary>The body with the includes it names inlined.</summary>
        public ImmutableArray<SectionItem> InlineBody(ImmutableArray<SectionItem> body, ImmutableStack<string> seen)
        {
            if (!body.Any(item => item is BodyInclude))
            {
                return body;
            }

            var items = ImmutableArray.CreateBuilder<SectionItem>();
            foreach (var item in body)
            {
                if (item is not BodyInclude include || Resolve(include.Line, include.Target, seen) is not { } file)
                {
                    items.Add(item);
                    continue;
                }

                Budget(include.Line, file);
                items.Add(new BodyLine(Marker(include.Line, file)));
                var inner = KickstartParser.ParseSectionFragment(KickstartText.Decode(file.Content), file.Name, editor.Dialect);
                if (inner.OfType<BodyLine>().FirstOrDefault(b => b.Line.FirstWord == KickstartSections.End || editor.Dialect.IsSection(b.Line.FirstWord)) is { } ending)
                {
                    // The installer would end the section there; inlined, the rules would not see it.
                    throw new KickstartSyntaxException(ending.Source, $"{ending.Line.FirstWord} in a file included inside a section: write the section's end in the kickstart itself");
                }

                inner = InlineBody(inner, seen.Push(file.Name));
                if (inner.Length > 0)
                {
                    inner = inner.SetItem(inner.Length - 1, DocumentEditor.WithEnding(inner[^1], editor.NewLine));
                }

                items.AddRange(inner);
            }

            return items.ToImmutable();
        }

        /// <summary>
        /// Files included many times over (each including the next many times) would grow
        /// the kickstart exponentially: all that is inlined counts against one kickstart's size.
        /// </summary>
        private void Budget(CommandLine include, IncludedFile file)
        {
            _inlinedBytes += file.Content.Length;
            _inlinedLines += file.Content.AsSpan().Count((byte)'\n');
            if (_inlinedBytes > KickstartParser.MaxBytes || _inlinedLines > KickstartParser.MaxLines)
            {
                throw new KickstartSyntaxException(include.Source, $"%include {KickstartText.Printable(file.Name)}: the included files come to more than {KickstartParser.MaxLines} lines or {KickstartParser.MaxBytes >> 20} MiB, more than any kickstart");
            }
        }

        private TextLine Ended(TextLine line) => line.Ending.Length == 0 ? line with { Ending = editor.NewLine } : line;

        private IncludedFile? Resolve(CommandLine line, string target, ImmutableStack<string> seen)
        {
            if (line.Name == KickstartSections.KsAppend)
            {
                if (!target.StartsWith("http:", StringComparison.Ordinal) && !target.StartsWith("https:", StringComparison.Ordinal)
                    && !target.StartsWith("ftp:", StringComparison.Ordinal) && !target.StartsWith("nfs:", StringComparison.Ordinal))
                {
                    editor.Warn(line.Source, $"%ksappend {target}: left as it is; the guest reads it at install time and has no CD");
                }

                return null;
            }

            var file = context.ResolveInclude?.Invoke(target);
            if (file is null)
            {
                editor.Warn(line.Source, $"%include {target} is not on the kickstart media (a %pre script may write it at install time): left as it is; disk names in it are not renamed");
                return null;
            }

            if (seen.Contains(file.Name) || seen.Count() >= MaxDepth)
            {
                throw new KickstartSyntaxException(line.Source, $"%include {target} includes itself (through {string.Join(", ", seen.Reverse())})");
            }

            editor.Changed(line.Source, line.Print(), $"# xenbundle: %include {target} inlined from {file.Name}", $"%include {target}: the file's lines in its place (the guest cannot read it from the CD)");
            return file;
        }

        private TextLine Marker(CommandLine include, IncludedFile file) =>
            TextLine.Added($"{include.Tokens[0].Leading}# xenbundle: %include {KickstartText.Printable(include.Tokens.Length > 1 ? include.Tokens[1].Value : string.Empty)} inlined from {KickstartText.Printable(file.Name)}", editor.NewLine);
    }
}
