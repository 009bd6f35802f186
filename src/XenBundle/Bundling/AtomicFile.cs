using System.Globalization;

namespace XenBundle.Bundling;

/// <summary>
/// Writes a file under a temporary name in the same directory (<c>NAME.partial-PID</c>) and
/// renames it into place when complete, so that no file ever sits under its final name
/// half written. The writer holds an exclusive lock on the temporary file (the flock .NET
/// takes for <see cref="FileShare.None"/>), which the kernel drops when the process dies
/// however it dies: a later run tells a leftover from a file being written by that lock.
/// When the build is interrupted (<see cref="Interruption"/>), every temporary file is
/// removed at once and none is completed or started after.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    public const string TemporaryMarker = ".partial-";

    // errno values (Linux) that .NET reports as an IOException's HResult.
    private const int NoSpace = 28;
    private const int QuotaExceeded = 122;

    /// <summary>The temporary files being written now, by every AtomicFile of the process.</summary>
    private static readonly HashSet<AtomicFile> Writing = [];
    private static readonly Lock Registry = new();

    private readonly string _finalPath;
    private bool _committed;

    static AtomicFile() => Interruption.OnRequest(AbandonAll);
    private bool _closed;

    public AtomicFile(string finalPath)
    {
        _finalPath = Path.GetFullPath(finalPath);
        TemporaryPath = _finalPath + TemporaryMarker + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_finalPath)!);
            lock (Registry)
            {
                Interruption.ThrowIfRequested();
                Stream = new TemporaryStream(TemporaryPath, _finalPath);
                Writing.Add(this);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotWrite(_finalPath, e);
        }
    }

    public string TemporaryPath { get; }

    public string FinalPath => _finalPath;

    /// <summary>The temporary file; a write fails once the build is interrupted, and a write error names the artifact.</summary>
    public FileStream Stream { get; }

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = new AtomicFile(path);
        file.Stream.Write(bytes);
        file.Commit();
    }

    /// <summary>
    /// Gives the complete file its final name, unless the build was interrupted. No fsync:
    /// a killed build cannot leave a partial file under the final name either way (the
    /// rename comes after the last write), and forcing a DVD-sized bundle to disk would
    /// double the build's time; only a power cut in the seconds after a build could lose it
    /// (ext4 and XFS flush the data of a file renamed over another before the rename itself).
    /// </summary>
    public void Commit()
    {
        Close();
        lock (Registry)
        {
            Interruption.ThrowIfRequested(); // the temporary file is gone already
            try
            {
                File.Move(TemporaryPath, _finalPath, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CannotWrite(_finalPath, e);
            }

            _committed = true;
            Writing.Remove(this);
        }
    }

    /// <summary>Writes out what is buffered and closes the temporary file: a full disk fails here, before any rename.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        Stream.Flush();
        Stream.Dispose();
        _closed = true;
    }

    /// <summary>Removes the file from its final name again (a set of artifacts that could not all be renamed).</summary>
    public void Withdraw()
    {
        if (_committed)
        {
            Delete(_finalPath);
        }
    }

    /// <summary>Removes every temporary file being written, for an interrupted build (registered with <see cref="Interruption"/>).</summary>
    internal static void AbandonAll()
    {
        lock (Registry)
        {
            foreach (var file in Writing)
            {
                Delete(file.TemporaryPath); // its writer may still write to it: the data goes nowhere
            }

            Writing.Clear();
        }
    }

    /// <summary>
    /// Removes the temporary files that killed earlier runs left in <paramref name="directory"/>
    /// and in its cache (<c>.cache/</c>), which is written the same way; returns what it removed.
    /// Nothing deeper: the artifacts directory may be a directory of the user's (<c>--artifacts=.</c>).
    /// </summary>
    public static IReadOnlyList<string> RemoveLeftovers(string directory)
    {
        var removed = new List<string>();
        var cache = Path.Combine(directory, ArtifactsDirectory.CacheName);
        foreach (var (where, depth) in new[] { (directory, 0), (cache, 4) })
        {
            if (!Directory.Exists(where) || new DirectoryInfo(where).LinkTarget is not null)
            {
                continue;
            }

            var options = new EnumerationOptions { RecurseSubdirectories = depth > 0, AttributesToSkip = FileAttributes.ReparsePoint, MaxRecursionDepth = depth, IgnoreInaccessible = true };
            foreach (var file in Directory.EnumerateFiles(where, "*" + TemporaryMarker + "*", options))
            {
                var suffix = file[(file.LastIndexOf(TemporaryMarker, StringComparison.Ordinal) + TemporaryMarker.Length)..];
                if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsAbandoned(file, pid))
                {
                    Delete(file);
                    removed.Add(file);
                }
            }
        }

        return removed;
    }

    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        try
        {
            Stream.Dispose();
        }
        catch (IOException)
        {
            // flushing the rest of a file that is being thrown away (a full disk): nothing to keep
        }

        Delete(TemporaryPath);
        lock (Registry)
        {
            Writing.Remove(this);
        }
    }

    /// <summary>
    /// Whether nobody writes the file any more: its lock is free and its writer's process is
    /// gone (or, when that PID runs again as another program, the file is old: a writer
    /// between creating its file and locking it has a file seconds old, not minutes).
    /// </summary>
    private static bool IsAbandoned(string file, int pid)
    {
        try
        {
            using var probe = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return false; // locked: a build is writing it now
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        return !IsRunning(pid) || DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > TimeSpan.FromMinutes(1);
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

    /// <summary>Removes a file if it can; one that cannot be removed is a leftover the next build removes.</summary>
    internal static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static XenBundleException CannotWrite(string path, Exception e) =>
        e as XenBundleException ?? new XenBundleException(path, $"cannot write: {Reason(e)}", innerException: e);

    // The runtime's text for a full disk names the temporary file ("No space left on device :
    // 'X.partial-123'"); the user needs the reason, and the final name is the location already.
    private static string Reason(Exception e) => e.HResult switch
    {
        NoSpace => "no space left on the device",
        QuotaExceeded => "disk quota exceeded",
        _ => e.Message,
    };

    /// <summary>
    /// The temporary file's stream: a write stops the writer once the build is interrupted,
    /// and a failed write (a full disk, a quota) is an error that names the artifact.
    /// </summary>
    private sealed class TemporaryStream(string path, string finalPath)
        : FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20)
    {
        // Every write comes here: FileStream sends a subclass's span writes through Stream's
        // default, which copies into an array and calls this overload.
        public override void Write(byte[] buffer, int offset, int count)
        {
            Interruption.ThrowIfRequested();
            try
            {
                base.Write(buffer, offset, count);
            }
            catch (IOException e)
            {
                throw CannotWrite(finalPath, e);
            }
        }

        public override void WriteByte(byte value) => Write([value], 0, 1);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.ToArray(), 0, buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override void Flush(bool flushToDisk)
        {
            try
            {
                base.Flush(flushToDisk);
            }
            catch (IOException e)
            {
                throw CannotWrite(finalPath, e);
            }
        }

        public override void Flush() => Flush(flushToDisk: false);
    }
}
