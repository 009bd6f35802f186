using XenBundle;
using XenBundle.Bundling;
using XenBundle.Reporting;

namespace Build;

/// <summary>
/// What Clean removes: only what builds wrote, recognised by name. A bundle is
/// <c>NAME-VERSION.tar.gz</c>, <c>.manifest.json</c> and <c>.report.md</c> together, and only
/// where the manifest is a XenBundle manifest of that NAME-VERSION; temporary files
/// (<c>NAME.partial-PID</c>) no build is writing; the directories below it that XenBundle
/// made (their marker): the <c>.cache</c>, the Benchmark target's <c>bench</c>. The artifacts
/// directory itself goes only when XenBundle made it and nothing else is left in it:
/// <c>--artifacts=.</c> (a checkout, a home) loses nothing of its own. Every removal is said.
/// </summary>
internal sealed class ArtifactsCleaner(string directory, Action<string> say)
{
    private static readonly string[] BundleSuffixes = [".tar.gz", ".manifest.json", ".report.md"];

    public void Clean()
    {
        var info = new DirectoryInfo(directory);
        if (!info.Exists)
        {
            say($"{directory}: nothing to clean (no such directory)");
            return;
        }

        var removed = 0;
        using (ArtifactsDirectory.Lock(directory, say))
        {
            foreach (var file in AtomicFile.RemoveLeftovers(directory))
            {
                Removed(file);
            }

            foreach (var bundle in Bundles())
            {
                foreach (var suffix in BundleSuffixes)
                {
                    Remove(Path.Combine(directory, bundle + suffix));
                }
            }

            // .cache, and bench (the Benchmark target's media), when XenBundle made them.
            foreach (var made in Directory.EnumerateDirectories(directory).Where(ArtifactsDirectory.IsMarked).Order(StringComparer.Ordinal).ToList())
            {
                Directory.Delete(made, recursive: true);
                Removed(made + "/");
            }

            if (RemoveIfOnlyOurs())
            {
                Removed(directory + "/");
            }
            else
            {
                // Builds wrote the lock too; a build waiting on it notices and locks a new one.
                var state = Path.Combine(directory, ArtifactsDirectory.StateName);
                File.Delete(Path.Combine(state, ArtifactsDirectory.LockName));
                if (!Directory.EnumerateFileSystemEntries(state).Any())
                {
                    Directory.Delete(state);
                }
            }
        }

        if (removed == 0)
        {
            say($"{directory}: nothing to clean");
        }

        void Remove(string file)
        {
            if (File.Exists(file) || new FileInfo(file).LinkTarget is not null)
            {
                File.Delete(file);
                Removed(file);
            }
        }

        void Removed(string path)
        {
            removed++;
            say($"removed {path}");
        }
    }

    /// <summary>The NAME-VERSION of each bundle whose manifest beside it says it is that bundle.</summary>
    private List<string> Bundles()
    {
        var bundles = new List<string>();
        foreach (var manifest in Directory.EnumerateFiles(directory, "*" + BundleSuffixes[1]).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(manifest)[..^BundleSuffixes[1].Length];
            try
            {
                var content = PreviousBundle.ReadManifest(manifest);
                if ($"{content.Name}-{content.Version}" == name)
                {
                    bundles.Add(name);
                }
            }
            catch (XenBundleException)
            {
                say($"kept {manifest}: not a XenBundle manifest");
            }
        }

        return bundles;
    }

    /// <summary>Removes the directory when XenBundle made it and only its marker and lock are left.</summary>
    private bool RemoveIfOnlyOurs()
    {
        if (!ArtifactsDirectory.IsMarked(directory))
        {
            say($"kept {directory}: XenBundle did not make it");
            return false;
        }

        var others = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName)
            .Where(n => n != ArtifactsDirectory.StateName).Order(StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            say($"kept {directory}: it holds what builds did not write ({string.Join(", ", others.Take(5))}{(others.Count > 5 ? ", ..." : string.Empty)})");
            return false;
        }

        Directory.Delete(Path.Combine(directory, ArtifactsDirectory.StateName), recursive: true);
        try
        {
            Directory.Delete(directory); // not recursive: a file that appeared meanwhile keeps it
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
