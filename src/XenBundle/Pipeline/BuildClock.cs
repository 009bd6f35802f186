using System.Diagnostics;
using System.Globalization;

namespace XenBundle.Pipeline;

/// <summary>
/// The one time every bundle entry carries, so that the same inputs give the same bytes:
/// SOURCE_DATE_EPOCH when set (reproducible-builds.org); else the time of the last git
/// commit that touched the recipe (the same in every clone, unlike file times, which a
/// checkout sets to "now"); else the newest time the media themselves record (an image's
/// volume dates, a directory medium's newest file): never a file time a copy changes, such as
/// the image file's or the recipe's.
/// </summary>
public static class BuildClock
{
    public sealed record Choice(DateTimeOffset Time, string Source);

    public static Choice Resolve(string? sourceDateEpoch, string recipeDirectory, Func<DateTimeOffset> recordedByInputs, string recordedBy = "the newest date the media record")
    {
        ArgumentNullException.ThrowIfNull(recordedByInputs);
        if (!string.IsNullOrEmpty(sourceDateEpoch))
        {
            return long.TryParse(sourceDateEpoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799
                ? new Choice(DateTimeOffset.FromUnixTimeSeconds(seconds), "SOURCE_DATE_EPOCH")
                : throw new XenBundleException("SOURCE_DATE_EPOCH", $"'{sourceDateEpoch}' is not a number of seconds since 1970", ExitCode.BadUsage);
        }

        if (GitCommitTime(recipeDirectory) is { } commit)
        {
            return new Choice(commit, "the last git commit of the recipe");
        }

        var newest = recordedByInputs();
        return new Choice(DateTimeOffset.FromUnixTimeSeconds(newest.ToUnixTimeSeconds()), recordedBy);
    }

    internal static DateTimeOffset? GitCommitTime(string directory)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "log", "-1", "--format=%ct", "--", "." })
            {
                start.ArgumentList.Add(argument);
            }

            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 && long.TryParse(output, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
