using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using XenBundle.Media;
using XenBundle.Recipes;

namespace XenBundle.Pipeline;

/// <summary>
/// A key for everything a recipe's bundle is made from, computed before any medium is
/// opened, so that a rerun with nothing changed reads no medium at all: this version of
/// XenBundle; the recipe (<see cref="Recipe.Digest"/>: its text and the options that
/// replaced its values); the options that change the bundle (--allow-interactive,
/// --previous and its file version, SOURCE_DATE_EPOCH, else the recipe's last git commit);
/// and each medium's identity as the file system tells it without reading it (an image
/// file's device, inode, size and times; for a directory the same of every entry, and
/// symlink targets). A kickstart given as a file counts by its own identity (through a
/// symlink, as it is read) and by its directory's, walked as a directory medium but with
/// symlinks followed to the files they name (an <c>%include</c> reads through them), the
/// artifacts directory left out (it changes with every build).
/// <para>
/// Null, so that the stages run, when an input cannot be identified that way: a disc
/// drive (a new disc in the same drive has the same device node) or a path that is gone.
/// </para>
/// </summary>
public static class RunKey
{
    public static string? Of(Recipe recipe, PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        void Add(string line) => text.Append(line).Append('\n');

        Add("xenbundle run key 1");
        Add(typeof(RunKey).Assembly.ManifestModule.ModuleVersionId.ToString());
        Add(System.Reflection.Assembly.GetEntryAssembly()?.ManifestModule.ModuleVersionId.ToString() ?? "no entry assembly"); // the host, and with it the Cake extension it was built with
        Add("recipe " + recipe.Digest);
        Add("allow-interactive " + options.AllowInteractive.ToString(CultureInfo.InvariantCulture));
        if (options.Previous is { } previous)
        {
            Add($"previous {previous} {(File.Exists(previous) ? FileVersion.Of(previous) : "missing")}");
        }

        // The clock, as BuildClock chooses it; when it comes from the media, their identities below cover it.
        Add(!string.IsNullOrEmpty(options.SourceDateEpoch) ? "SOURCE_DATE_EPOCH " + options.SourceDateEpoch
            : BuildClock.GitCommitTime(recipe.Directory) is { } commit ? "git " + commit.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            : "media dates");

        var media = recipe.Kickstart.Media is { } kickstartMedium ? recipe.Media.Append(kickstartMedium) : recipe.Media;
        try
        {
            foreach (var medium in media)
            {
                if (!Describe(medium, text))
                {
                    return null;
                }
            }

            if (recipe.Kickstart.Media is null)
            {
                var file = recipe.Kickstart.File;
                if (UnixFileType.Of(file, followSymlinks: true) != UnixFileType.Kind.Regular)
                {
                    return null;
                }

                Add($"kickstart {file} {FileVersion.Of(file)}");
                var directory = Path.GetDirectoryName(file)!;
                Add("kickstart directory " + directory);
                var artifacts = Path.GetFullPath(options.ArtifactsDirectory);
                DescribeKickstartDirectory(directory, string.Empty, text, artifacts);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the stages will say what is wrong with the medium
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Adds a medium's identity as the build cache computes it (<see cref="MediumIdentity"/>), from the
    /// directory reader's own listing for a directory; false when it has none that reading nothing can give.
    /// </summary>
    private static bool Describe(string location, StringBuilder text)
    {
        switch (UnixFileType.Of(location, followSymlinks: true))
        {
            case UnixFileType.Kind.Regular:
                text.Append(MediumIdentity.OfImage(location)).Append('\n');
                return true;
            case UnixFileType.Kind.Directory:
                try
                {
                    using var directory = new DirectoryMediaSource(location);
                    text.Append("directory ").Append(MediumIdentity.Of(directory)).Append('\n');
                    return true;
                }
                catch (XenBundleException)
                {
                    return false; // ExtractMedia says what is wrong with it
                }

            default:
                return false;
        }
    }

    // The kickstart's directory, every entry in ordinal order (the artifacts directory left out):
    // symlinks by their target and by the file they lead to, since an %include reads through them.
    private static void DescribeKickstartDirectory(string root, string relative, StringBuilder text, string skip)
    {
        var directory = new DirectoryInfo(relative.Length == 0 ? root : Path.Combine(root, relative));
        foreach (var info in directory.EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            if (info.FullName == skip)
            {
                continue;
            }

            var name = relative.Length == 0 ? info.Name : relative + "/" + info.Name;
            var kind = UnixFileType.Of(info.FullName);
            var mode = ((int)info.UnixFileMode).ToString(CultureInfo.InvariantCulture);
            var version = kind switch
            {
                UnixFileType.Kind.Symlink when UnixFileType.Of(info.FullName, followSymlinks: true) == UnixFileType.Kind.Regular =>
                    "-> " + info.LinkTarget + " " + FileVersion.Of(info.FullName),
                UnixFileType.Kind.Symlink => "-> " + info.LinkTarget,
                UnixFileType.Kind.Regular => FileVersion.Of(info.FullName) + " " + mode,
                _ => mode,
            };
            text.Append(CultureInfo.InvariantCulture, $"{name}\0{kind}\0{version}\n");
            if (kind == UnixFileType.Kind.Directory)
            {
                DescribeKickstartDirectory(root, name, text, skip);
            }
        }
    }
}
