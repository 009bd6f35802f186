namespace XenBundle.Bundling;

/// <summary>
/// Files that belong together (a bundle, its manifest, its report) and appear together or
/// not at all: each is written under its temporary name (<see cref="AtomicFile"/>), all are
/// closed (a full disk fails there, before anything is renamed), then all are renamed. The
/// files they replace get a second name first (a hard link, <c>NAME.previous.partial-PID</c>),
/// so that when a rename fails the ones already renamed are taken back and the earlier set
/// is put back as it was; disposing a set that was not committed removes every temporary
/// file. Either way no file of the set is left new beside older ones. What cannot be
/// covered: SIGKILL or a power cut between two renames (a killed run's second names are
/// leftovers, removed by the next build like its temporary files).
/// </summary>
public sealed class ArtifactSet : IDisposable
{
    private readonly List<AtomicFile> _files = [];

    /// <summary>A new member, to be written through its <see cref="AtomicFile.Stream"/>.</summary>
    public AtomicFile Create(string finalPath)
    {
        var file = new AtomicFile(finalPath);
        _files.Add(file);
        return file;
    }

    public void Write(string finalPath, ReadOnlySpan<byte> bytes) => Create(finalPath).Stream.Write(bytes);

    public void Commit()
    {
        foreach (var file in _files)
        {
            file.Close();
        }

        var earlier = KeepEarlier();
        var renamed = new List<AtomicFile>();
        try
        {
            foreach (var file in _files)
            {
                file.Commit();
                renamed.Add(file);
            }
        }
        catch
        {
            foreach (var file in renamed)
            {
                file.Withdraw();
            }

            foreach (var (final, second) in earlier)
            {
                TryMove(second, final);
            }

            throw;
        }
        finally
        {
            foreach (var (_, second) in earlier)
            {
                AtomicFile.Delete(second);
            }
        }
    }

    /// <summary>A second name for each file the set replaces, to put it back with.</summary>
    private List<(string Final, string Second)> KeepEarlier()
    {
        var earlier = new List<(string, string)>();
        foreach (var file in _files.Where(f => File.Exists(f.FinalPath)))
        {
            var second = file.FinalPath + ".previous" + AtomicFile.TemporaryMarker + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            AtomicFile.Delete(second);
            if (HardLink.TryCreate(file.FinalPath, second))
            {
                earlier.Add((file.FinalPath, second));
            }
        }

        return earlier;
    }

    private static void TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the earlier file keeps its second name, which the next build removes
        }
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }
    }
}
