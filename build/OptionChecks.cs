using Cake.XenBundle;
using XenBundle;
using XenBundle.Media;
using XenBundle.Reporting;

namespace Build;

/// <summary>
/// The options that name files and directories, checked when the run starts, before the first
/// task does any work: a mistake in one (an --artifacts that is a file, a --previous that is
/// not a bundle, a directory given as --iso) is bad usage, exit 2, said in one line naming the
/// option, not found after minutes of work or in the runtime's words.
/// </summary>
internal static class OptionChecks
{
    public static void Check(BuildContext context)
    {
        if (File.Exists(context.ArtifactsDirectory))
        {
            throw Bad("--artifacts", $"{context.ArtifactsDirectory} is a file; give a directory (it is made when missing)");
        }

        // A missing directory is made, with its parents: the nearest one that exists must be a directory.
        var above = Path.GetDirectoryName(Path.GetFullPath(context.ArtifactsDirectory));
        while (above is not null && !Directory.Exists(above))
        {
            if (File.Exists(above))
            {
                throw Bad("--artifacts", $"{context.ArtifactsDirectory} cannot be made: {above} is a file");
            }

            above = Path.GetDirectoryName(above);
        }

        if (context.Value(XenBundleOptions.Iso) is { } iso)
        {
            ExistingFile("--iso", iso);
            if (!BoundedInput.IsOpenable(iso, blockDeviceToo: true))
            {
                throw Bad("--iso", $"{iso} is not a regular file but a character device, FIFO or socket: give an ISO image or a disc drive");
            }
        }

        if (context.RecipeArgument is { } recipe && recipe != "all" && BuildContext.UserPath(recipe) is { } recipePath)
        {
            if (!Directory.Exists(recipePath) && !File.Exists(recipePath))
            {
                throw Bad("--recipe", $"no such recipe file or directory: {recipePath}");
            }

            if (File.Exists(recipePath) && !BoundedInput.IsOpenable(recipePath))
            {
                throw Bad("--recipe", $"{recipePath} is not a regular file but a device, FIFO or socket: give a recipe directory or recipe.yaml");
            }
        }

        if (context.Value(XenBundleOptions.Kickstart) is { } kickstart)
        {
            ExistingFile("--kickstart", kickstart);
            if (context.Value(XenBundleOptions.KickstartOutput) is { } output && Directory.Exists(output))
            {
                throw Bad("--output", $"{output} is a directory; give the file the rewritten kickstart goes to");
            }
        }

        if (context.Value(XenBundleOptions.Input) is { } input && !Directory.Exists(input))
        {
            throw Bad("--input", File.Exists(input) ? $"{input} is a file; give the directory of RPMs" : $"no such directory: {input}");
        }

        TestSelection.Parse(context.Value(XenBundleOptions.Where));

        if (context.Settings.Previous?.FullPath is { } previous)
        {
            ExistingFile("--previous", previous);
            PreviousBundle.Read(previous); // read now, not after the build; the report reuses what is read here
        }
    }

    // Exists and is not a directory; not opened here: a FIFO would block the check.
    private static void ExistingFile(string option, string path)
    {
        if (Directory.Exists(path))
        {
            throw Bad(option, $"{path} is a directory; give a file");
        }

        if (!File.Exists(path))
        {
            throw Bad(option, $"no such file: {path}");
        }
    }

    private static XenBundleException Bad(string option, string message) => new(option, message, ExitCode.BadUsage);
}
