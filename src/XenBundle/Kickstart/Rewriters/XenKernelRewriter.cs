using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Recipes;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 5: an EL5 paravirtual guest boots kernel-xen, which the installer picks by itself.
/// A <c>kernel</c>, <c>kernel-PAE</c> or <c>kernel-smp</c> in %packages would install a
/// second kernel that grub may boot instead (and that cannot run under Xen PV), so it
/// becomes <c>kernel-xen</c>. From EL6 the one kernel runs everywhere.
/// </summary>
public sealed class XenKernelRewriter : KickstartRewriter
{
    private static readonly IReadOnlySet<string> BareMetalKernels = new HashSet<string>(StringComparer.Ordinal) { "kernel", "kernel-PAE", "kernel-smp" };

    protected override void Apply(DocumentEditor editor, RewriteContext context)
    {
        if (context.Target is not { Os: OsRelease.El5, Virt: VirtType.XenPv })
        {
            return;
        }

        for (var i = 0; i < editor.Nodes.Count; i++)
        {
            if (editor.Nodes[i] is not SectionNode { Keyword: KickstartSections.Packages } packages)
            {
                continue;
            }

            var body = packages.Body.ToBuilder();
            for (var j = 0; j < body.Count; j++)
            {
                if (body[j] is BodyLine { Line: var line } && BareMetalKernels.Contains(line.FirstWord))
                {
                    var start = line.Indentation.Length;
                    var renamed = line with { Text = line.Text[..start] + "kernel-xen" + line.Text[(start + line.FirstWord.Length)..] };
                    editor.Changed(line.Source, line.Text, renamed.Text, $"{line.FirstWord}: an EL5 Xen PV guest boots kernel-xen (two kernels would leave it booting the wrong one)");
                    body[j] = new BodyLine(renamed);
                }
            }

            editor.Nodes[i] = packages with { Body = body.ToImmutable() };
        }
    }
}
