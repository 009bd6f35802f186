using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Win32.SafeHandles;
using XenBundle.Tree;

namespace XenBundle.Media;

/// <summary>What an extraction wrote.</summary>
public sealed record ExtractionSummary(int Directories, int Files, int Symlinks, long Bytes);

/// <summary>
/// Writes a medium out as a directory tree: names, permission bits (but setuid and
/// setgid), symlinks (created as symlinks, never followed) and modification times.
/// What the medium holds but does not list (an image's device nodes) is named in a warning.
/// <para>
/// Nothing can land outside the output directory: every path is checked before anything
/// is written; the output directory must be new or empty, so no symlink of an earlier
/// run can redirect a write; files are created exclusively; and symlinks come last,
/// after every file and directory. A symlink whose target leaves the tree (absolute, or
/// climbing above the top) is refused: a medium may carry one, but an extracted tree
/// that is exported or copied must not point into the host that holds it.
/// </para>
/// <para>
/// Files are written in the order their bytes lie on the medium, so an image is read
/// front to back in large reads; directory modes and times are set last, so read-only
/// directories do not block their own content. A failure removes what was written.
/// </para>
/// </summary>
public sealed class MediaExtractor
{
    /// <summary>Bytes moved per read and write: large enough for few system calls, small enough to stay in the CPU cache between the read and the write.</summary>
    public const int CopyBufferSize = 1 << 20;

    /// <summary>setuid and setgid: not restored, since an extracted medium is data, not a system to run as its owner.</summary>
    private const int SetIdBits = 0xC00; // 06000

    private readonly IPipelineLog _log;

    public MediaExtractor(IPipelineLog? log = null)
    {
        _log = log ?? NullPipelineLog.Instance;
    }

    /// <summary>How many threads fill files while another creates them (one per core, at most four).</summary>
    public int Workers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    public ExtractionSummary Extract(IMediaSource source, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        Check(source);
        foreach (var skipped in source.Skipped)
        {
            _log.Warning(skipped);
        }

        var output = Path.GetFullPath(outputDirectory);
        try
        {
            var created = PrepareOutput(output);
            try
            {
                return Write(source, output);
            }
            catch
            {
                RemoveWritten(output, created);
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk or a read-only directory is the user's to fix, not a bug: one line, no trace.
            throw new XenBundleException(output, $"cannot extract {source.Name}: {e.Message}", innerException: e);
        }
    }

    /// <summary>Refuses, before anything is written, any entry that could write or point outside the tree.</summary>
    private static void Check(IMediaSource source)
    {
        foreach (var entry in source.Entries)
        {
            var problem = TreePath.Problem(entry.Path);
            var parent = TreePath.Parent(entry.Path);
            if (problem is null && parent.Length > 0 && source.Find(parent)?.Kind != EntryKind.Directory)
            {
                problem = $"'{TreePath.Printable(entry.Path)}' is inside '{TreePath.Printable(parent)}', which is not a directory of the medium";
            }

            if (problem is null && entry.Kind == EntryKind.Symlink
                && SymlinkContainment.Problem(entry.Path, entry.SymlinkTarget ?? string.Empty, SymlinkTargets(source)) is { } escape)
            {
                problem = $"symlink '{TreePath.Printable(entry.Path)}' points outside the tree ('{TreePath.Printable(entry.SymlinkTarget ?? string.Empty)}'): {escape}; it is not extracted";
            }

            if (problem is not null)
            {
                throw new XenBundleException(source.LocationOf(entry), problem);
            }
        }
    }

    /// <summary>The target of a path that is a symlink of the medium, null for anything else.</summary>
    private static Func<string, string?> SymlinkTargets(IMediaSource source) =>
        path => source.Find(path) is { Kind: EntryKind.Symlink } link ? link.SymlinkTarget ?? string.Empty : null;

    /// <returns>Whether the output directory was created by this extraction.</returns>
    private static bool PrepareOutput(string output)
    {
        if (File.Exists(output))
        {
            throw new XenBundleException(output, "is a file; extract into a new or empty directory", ExitCode.BadUsage);
        }

        if (!Directory.Exists(output))
        {
            Directory.CreateDirectory(output);
            return true;
        }

        if (Directory.EnumerateFileSystemEntries(output).Any())
        {
            throw new XenBundleException(output, "is not empty; extract into a new or empty directory", ExitCode.BadUsage);
        }

        return false;
    }

    private ExtractionSummary Write(IMediaSource source, string output)
    {
        var directories = source.Entries.Where(e => e.Kind == EntryKind.Directory).ToList();
        var files = source.Entries.Where(e => e.Kind == EntryKind.File).ToList();
        var symlinks = source.Entries.Where(e => e.Kind == EntryKind.Symlink).ToList();
        if (source is ISequentialMedium medium)
        {
            files = [.. files.OrderBy(medium.PositionOf)];
        }

        foreach (var directory in directories)
        {
            Interruption.ThrowIfRequested();
            Directory.CreateDirectory(Path.Combine(output, directory.Path));
        }

        var total = files.Sum(f => f.Size);
        using (var progress = _log.Progress($"extracting {source.Name}", total))
        {
            WriteFiles(source, files, output, new LockedProgress(progress));
        }

        foreach (var symlink in symlinks)
        {
            Interruption.ThrowIfRequested();
            var path = Path.Combine(output, symlink.Path);
            File.CreateSymbolicLink(path, symlink.SymlinkTarget!);
            File.SetLastWriteTimeUtc(path, symlink.ModifiedTime.UtcDateTime);
        }

        // Deepest first, so that setting a directory's time is not undone by its children.
        foreach (var directory in Enumerable.Reverse(directories))
        {
            var path = Path.Combine(output, directory.Path);
            SetMode(path, directory.Mode);
            Directory.SetLastWriteTimeUtc(path, directory.ModifiedTime.UtcDateTime);
        }

        return new ExtractionSummary(directories.Count, files.Count, symlinks.Count, total);
    }

    /// <summary>
    /// Creates the files one after the other in medium order while writers fill the ones
    /// already created: creating a file takes its directory's lock and the filesystem's
    /// inode allocator, which several threads would only fight over, while filling files
    /// overlaps with it. The image is still read front to back. The first failure stops
    /// everything and is the one reported.
    /// </summary>
    private void WriteFiles(IMediaSource source, List<MediaEntry> files, string output, IOperationProgress progress)
    {
        using var created = new BlockingCollection<(MediaEntry File, SafeFileHandle Handle)>(boundedCapacity: 256);
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        void Fail(Exception exception)
        {
            Interlocked.CompareExchange(ref failure, exception, null);
            stop.Cancel();
        }

        void Fill()
        {
            var buffer = new byte[CopyBufferSize];
            try
            {
                foreach (var (file, handle) in created.GetConsumingEnumerable(stop.Token))
                {
                    using (handle)
                    {
                        FillFile(source, file, handle, buffer, progress);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                Fail(exception);
            }
        }

        var writers = Enumerable.Range(0, Math.Max(1, Workers))
            .Select(_ => Task.Factory.StartNew(Fill, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            foreach (var file in files)
            {
                Interruption.ThrowIfRequested(); // an interrupted extraction removes what it wrote, as a failed one does
                var handle = File.OpenHandle(Path.Combine(output, file.Path), FileMode.CreateNew, FileAccess.Write, FileShare.None);
                try
                {
                    created.Add((file, handle), stop.Token);
                }
                catch
                {
                    handle.Dispose();
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            Fail(exception);
        }
        finally
        {
            created.CompleteAdding();
            Task.WaitAll(writers);
            foreach (var (_, handle) in created)
            {
                handle.Dispose();
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static void FillFile(IMediaSource source, MediaEntry file, SafeFileHandle output, byte[] buffer, IOperationProgress progress)
    {
        Copy(source, file, output, buffer, progress);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(output, Restored(file.Mode));
        }

        File.SetLastWriteTimeUtc(output, file.ModifiedTime.UtcDateTime);
    }

    private static void Copy(IMediaSource source, MediaEntry file, SafeFileHandle output, byte[] buffer, IOperationProgress progress)
    {
        using var input = source.OpenRead(file);
        long written = 0;
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            Interruption.ThrowIfRequested();
            RandomAccess.Write(output, buffer.AsSpan(0, read), written);
            written += read;
            progress.Report(read);
        }

        if (written != file.Size)
        {
            throw new XenBundleException(source.LocationOf(file), $"'{TreePath.Printable(file.Path)}' should hold {file.Size} bytes, but {written} could be read");
        }
    }

    private static void SetMode(string path, int mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, Restored(mode));
        }
    }

    private static UnixFileMode Restored(int mode) => (UnixFileMode)(mode & UnixMode.Permissions & ~SetIdBits);

    /// <summary>Leaves the output as it was before: gone if this run created it, else empty again.</summary>
    private static void RemoveWritten(string output, bool created)
    {
        if (!Directory.Exists(output))
        {
            return;
        }

        // Symlinks are skipped, not followed (.NET follows them when it walks a tree).
        var walk = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var directory in Directory.EnumerateDirectories(output, "*", walk))
        {
            SetMode(directory, UnixMode.Parse("0700"));
        }

        if (created)
        {
            Directory.Delete(output, recursive: true);
            return;
        }

        foreach (var child in new DirectoryInfo(output).EnumerateFileSystemInfos())
        {
            if (child is DirectoryInfo directory && directory.LinkTarget is null)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                child.Delete();
            }
        }
    }

    /// <summary>Progress reported from several workers to a display that expects one.</summary>
    private sealed class LockedProgress(IOperationProgress inner) : IOperationProgress
    {
        private readonly Lock _gate = new();

        public void Report(long value)
        {
            lock (_gate)
            {
                inner.Report(value);
            }
        }

        public void Dispose()
        {
        }
    }
}
