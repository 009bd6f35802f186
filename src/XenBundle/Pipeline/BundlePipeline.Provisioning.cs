using XenBundle.Provisioning;
using XenBundle.Tree;

namespace XenBundle.Pipeline;

public sealed partial class BundlePipeline
{
    /// <summary>
    /// Generates the Dom0 files (dom0/virt-install.sh, dom0/setup.sh, dom0/teardown.sh,
    /// dom0/exports, README.txt) into <see cref="Extras"/> and the report's section about them.
    /// </summary>
    public void GenerateVirtInstall()
    {
        var provisioning = new Dom0Provisioning(new GuestInstall(Recipe, Os, KickstartPath));
        foreach (var file in provisioning.Files)
        {
            Extras.Set(TreeEntry.File(file.Path, BytesContent.FromText(file.Text, "generated " + file.Path), file.Mode));
            Log.Verbose($"{file.Path}: {file.Text.Length} bytes, mode {UnixMode.Format(file.Mode)}");
        }

        Report.Section(Dom0Provisioning.ReportTitle, provisioning.ReportSection());
        foreach (var warning in provisioning.Warnings)
        {
            Log.Warning(warning);
            Report.Warn(warning);
        }

        Log.Information($"dom0 scripts for {Recipe.DomU.Name}: exported to {string.Join(", ", provisioning.Exports.Clients)}; installer boots with {provisioning.Command.KernelLine}");
    }
}
