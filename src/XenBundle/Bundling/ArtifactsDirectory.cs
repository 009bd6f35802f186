using System.Diagnostics;
using System.Globalization;

namespace XenBundle.Bundling;

/// <summary>
/// The directory artifacts go into. XenBundle keeps its own state in a subdirectory of it,
/// <see cref="StateName"/>, out of the way of anyone listing the artifacts: a lock, and in a
/// directory XenBundle created (the artifacts directory, its <c>.cache</c>) a marker, so that
/// Clean can tell such a directory from one a user made (<c>--artifacts=.</c> is the checkout).
/// A build writing into the directory holds the lock (flock, dropped by the kernel however
/// the process ends): a second build into the same directory waits for it, up to
/// <see cref="WaitVariable"/> seconds (default 300), then stops, so that the three artifacts
/// of one bundle are always of one build.
/// </summary>
public static class ArtifactsDirectory
{
    public const string StateName = ".xenbundle";

    /// <summary>The build cache's directory in the artifacts directory (the cache itself sits higher up, in Caching).</summary>
    public const string CacheName = ".cache";
    public const string LockName = "lock";
    public const string MarkerName = "made";
    public const string WaitVariable = "XENBUNDLE_LOCK_WAIT";

    private const string MarkerText = "Made by XenBundle: ./build.sh --target=Clean removes this directory with what builds wrote in it.\n";
    private static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Makes the directory (marked when it is new), locks it, and removes what killed runs left in it.</summary>
    public static IDisposable Prepare(string directory, Action<string>? say = null)
    {
        CreateMarked(directory);
        var held = Lock(directory, say);
        AtomicFile.RemoveLeftovers(directory);
        return held;
    }

    /// <summary>Creates <paramref name="directory"/> with the marker inside; one that exists already is left as it is.</summary>
    public static void CreateMarked(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.Combine(directory, StateName));
            File.WriteAllText(Path.Combine(directory, StateName, MarkerName), MarkerText);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(directory, e);
        }
    }

    /// <summary>Whether XenBundle made this directory: a real directory (not a symlink) holding the marker.</summary>
    public static bool IsMarked(string directory)
    {
        var info = new DirectoryInfo(directory);
        return info.Exists && info.LinkTarget is null && File.Exists(Path.Combine(directory, StateName, MarkerName));
    }

    /// <summary>Takes the directory's lock, waiting while another build holds it; dispose to release.</summary>
    public static IDisposable Lock(string directory, Action<string>? say = null)
    {
        var path = Path.Combine(directory, StateName, LockName);
        var wait = Wait();
        var clock = Stopwatch.StartNew();
        var said = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix, taken without blocking.
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                if (File.Exists(path))
                {
                    return held;
                }

                held.Dispose(); // Clean removed the file while this build waited on it: lock a new one
                continue;
            }
            catch (IOException) when (File.Exists(path))
            {
                if (clock.Elapsed >= wait)
                {
                    throw new XenBundleException(directory, $"another build is writing into this directory (it holds {StateName}/{LockName}); gave up after {wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s ({WaitVariable})");
                }

                if (!said)
                {
                    say?.Invoke($"{directory}: another build is writing into it; waiting up to {wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
                    said = true;
                }

                Interruption.ThrowIfRequested();
                Thread.Sleep(Poll);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CannotWrite(directory, e);
            }
        }
    }

    private static XenBundleException CannotWrite(string directory, Exception e) =>
        new(directory, $"cannot write artifacts there: {e.Message}", innerException: e);

    private static TimeSpan Wait() =>
        double.TryParse(Environment.GetEnvironmentVariable(WaitVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, 86400))
            : DefaultWait;
}
