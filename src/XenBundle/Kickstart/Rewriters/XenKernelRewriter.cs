using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;

namespace XenBundle.Kickstart.Rewriters;

/// <summary>
/// Rule 5: an EL5 paravirtual guest boots kernel-xen, which the installer picks by itself.
/// A <c>kernel</c>, <c>kernel-PAE</c> or <c>kernel-smp</c> in %packages would install a
/// second kernel that grub may boot instead (and that cannot run under Xen PV), so it
/// becomes <c>kernel-xen</c>. Their <c>-devel</c> packages build modules for a kernel the
/// guest does not run, so they become <c>kernel-xen-devel</c> (kernel-headers are the
/// kernel's interface for user space, the same for every flavour, and stay). From EL6 the
/// one kernel runs everywhere.
/// </summary>
public sealed class XenKernelRewriter : KickstartRewriter
{
    private static readonly IReadOnlyDictionary<string, string> XenFlavourOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kernel"] = "kernel-xen",
        ["kernel-PAE"] = "kernel-xen",
        ["kernel-smp"] = "kernel-xen",
        ["kernel-devel"] = "kernel-xen-devel",
        ["kernel-PAE-devel"] = "kernel-xen-devel",
        ["kernel-smp-devel"] = "kernel-xen-devel",
    };

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
                if (body[j] is BodyLine { Line: var line } && XenFlavourOf.TryGetValue(line.FirstWord, out var xen))
                {
                    var start = line.Indentation.Length;
                    var renamed = line with { Text = line.Text[..start] + xen + line.Text[(start + line.FirstWord.Length)..] };
                    var why = xen == "kernel-xen"
                        ? "an EL5 Xen PV guest boots kernel-xen (two kernels would leave it booting the wrong one)"
                        : "an EL5 Xen PV guest runs kernel-xen: modules are built against kernel-xen-devel";
                    editor.Changed(line.Source, line.Text, renamed.Text, $"{line.FirstWord}: {why}");
                    body[j] = new BodyLine(renamed);
                }
            }

            editor.Nodes[i] = packages with { Body = body.ToImmutable() };
        }
    }
}
