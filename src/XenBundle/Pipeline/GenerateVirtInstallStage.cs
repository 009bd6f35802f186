using XenBundle.Bundling;
using XenBundle.Model;
using XenBundle.Provisioning;
using XenBundle.Recipes;
using XenBundle.Reporting;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

/// <summary>The Dom0 files, by bundle path (beside <c>install/</c>): dom0/... and README.txt.</summary>
public sealed record Dom0Files(VirtualTree Tree);

/// <summary>The GenerateVirtInstall stage: what the Dom0's administrator runs, from the recipe and the OS release alone.</summary>
public sealed class GenerateVirtInstallStage(StageContext context)
{
    /// <summary>
    /// Generates dom0/virt-install.sh, dom0/setup.sh, dom0/teardown.sh, dom0/exports and
    /// README.txt for a guest of release <paramref name="os"/>, and the report's section about them.
    /// </summary>
    public Dom0Files Run(OsRelease os)
    {
        var (recipe, log) = (context.Recipe, context.Log);
        var files = new VirtualTree();
        var provisioning = new Dom0Provisioning(new GuestInstall(recipe, os, BundleLayout.KickstartPath));
        foreach (var file in provisioning.Files)
        {
            files.Set(TreeEntry.File(file.Path, BytesContent.FromText(file.Text, "generated " + file.Path), file.Mode));
            log.Verbose($"{file.Path}: {file.Text.Length} bytes, mode {UnixMode.Format(file.Mode)}");
        }

        context.Report.Section(ReportStage.GenerateVirtInstall, Dom0Provisioning.ReportTitle, provisioning.ReportSection());
        foreach (var warning in provisioning.Warnings)
        {
            context.Warn(warning);
        }

        log.Information($"dom0 scripts for {recipe.DomU.Name}: exported to {string.Join(", ", provisioning.Exports.Clients)}; installer boots with {provisioning.Command.KernelLine}");
        return new Dom0Files(files);
    }
}
