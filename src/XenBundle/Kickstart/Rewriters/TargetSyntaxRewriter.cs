using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Writes the sections in the target's syntax. RHEL5's installer does not know
/// <c>%end</c> (after <c>%packages</c> it fails, in a script it runs it as a command), so
/// an EL5 kickstart loses its <c>%end</c> lines; and since an EL5 section then runs to the
/// next section header, commands written after a section move up among the others.
/// EL7 and later require <c>%end</c>, so a section without one (a kickstart written for
/// EL5 or EL6) gets one after its last line. EL6 takes both and is left as written.
/// </summary>
public sealed class TargetSyntaxRewriter : KickstartRewriter
{
    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        if (context.Dialect.EndRequired)
        {
            AddEnds(editor);
            return;
        }

        if (editor.Dialect.EndAllowed)
        {
            return;
        }

        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is SectionNode { Terminator: { } end } section)
            {
                editor.Changed(end.Source, end.Print(), string.Empty, $"{section.Keyword}: no %end for {editor.Dialect.Name} (RHEL5's installer does not know it)");
                editor.Nodes[i] = section with { Terminator = null };
            }
        }

        var firstSection = editor.Nodes.FindIndex(n => n is SectionNode);
        if (firstSection < 0)
        {
            return;
        }

        for (var i = firstSection + 1; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is not (CommandNode or IncludeNode))
            {
                continue;
            }

            var node = editor.Nodes[i];
            editor.Changed(node.Source, node.PrintWithoutTrivia(), string.Empty, $"moved up among the commands: on {editor.Dialect.Name} a section runs to the next section header");
            editor.Nodes.RemoveAt(i);
            if (!node.Leading.IsEmpty)
            {
                editor.PrependTrivia(i, node.Leading);
            }

            // Inserted before the first section: everything from there on moves one place.
            var moved = DocumentEditor.WithEnding(node with { Leading = [] }, editor.NewLine);
            editor.Insert(editor.CommandAreaEnd(), [moved], "a command from after the sections");
            firstSection++;
        }
    }

    private static void AddEnds(DocumentEditor editor)
    {
        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is SectionNode { Terminator: null } section)
            {
                // The body's last line may lack a line ending (the end of the file).
                var ended = (SectionNode)DocumentEditor.WithEnding(section, editor.NewLine);
                var end = CommandLine.Added(KickstartSections.End, editor.NewLine);
                editor.Nodes[i] = ended with { Terminator = end };
                editor.Changed(DocumentEditor.LastLine(section), string.Empty, end.Print(), $"{section.Keyword}: {editor.Dialect.Name} requires %end after every section");
            }
        }
    }
}
