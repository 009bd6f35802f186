namespace XenBundle.Bundling;

/// <summary>
/// Writes a file under a temporary name in the same directory and renames it into place
/// when complete, so that no file ever sits under its final name half written.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    public const string TemporaryMarker = ".partial-";

    private readonly string _finalPath;
    private bool _committed;

    public AtomicFile(string finalPath)
    {
        _finalPath = Path.GetFullPath(finalPath);
        Directory.CreateDirectory(Path.GetDirectoryName(_finalPath)!);
        TemporaryPath = _finalPath + TemporaryMarker + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Stream = new FileStream(TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
    }

    public string TemporaryPath { get; }

    public FileStream Stream { get; }

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = new AtomicFile(path);
        file.Stream.Write(bytes);
        file.Commit();
    }

    /// <summary>
    /// Gives the complete file its final name. No fsync: a killed build cannot leave a
    /// partial file under the final name either way (the rename comes after the last
    /// write), and forcing a DVD-sized bundle to disk would double the build's time; only
    /// a power cut in the seconds after a build could lose it (ext4 and XFS flush the data
    /// of a file renamed over another before the rename itself).
    /// </summary>
    public void Commit()
    {
        Stream.Flush();
        Stream.Dispose();
        File.Move(TemporaryPath, _finalPath, overwrite: true);
        _committed = true;
    }

    /// <summary>Removes the temporary files a killed earlier run left in <paramref name="directory"/>.</summary>
    public static void RemoveLeftovers(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*" + TemporaryMarker + "*"))
        {
            var suffix = file[(file.LastIndexOf(TemporaryMarker, StringComparison.Ordinal) + TemporaryMarker.Length)..];
            if (int.TryParse(suffix, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && IsRunning(pid))
            {
                continue; // another build is writing it right now
            }

            File.Delete(file);
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_committed)
        {
            Stream.Dispose();
            File.Delete(TemporaryPath);
        }
    }
}
