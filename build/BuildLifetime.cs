using Cake.Core;
using Cake.Core.Diagnostics;
using XenBundle;
using XenBundle.Frosting;

namespace Build;

/// <summary>
/// After the last task: close the media, and when several recipes were built, name the
/// ones that failed and fail the run (the others were finished first).
/// </summary>
public sealed class BuildLifetime : FrostingLifetime<BuildContext>
{
    public override void Teardown(BuildContext context, ITeardownContext info)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(info);
        context.Close();
        if (context.Failures.Count == 0)
        {
            return;
        }

        var built = context.AllPipelines.Where(p => context.Failures.All(f => f.Recipe != p.Recipe.FileName)).Select(p => p.Recipe.BundleName).ToList();
        context.Log.Information("Recipes built: {0}", built.Count == 0 ? "none" : string.Join(", ", built));
        foreach (var (recipe, error) in context.Failures)
        {
            context.Log.Error("Recipe failed: {0}: {1}", recipe, error.Message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        }

        if (info.Successful)
        {
            var code = context.Failures.Max(f => f.Error.ExitCodeValue);
            throw new XenBundleException("--recipe=all", $"{context.Failures.Count} of {context.Failures.Count + built.Count} recipes failed: {string.Join(", ", context.Failures.Select(f => f.Recipe))}", code);
        }
    }
}
