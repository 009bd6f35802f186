namespace XenBundle.Bundling;

/// <summary>
/// Files that belong together (a bundle, its manifest, its report) and appear together or
/// not at all: each is written under its temporary name (<see cref="AtomicFile"/>), all are
/// closed (a full disk fails there, before anything is renamed), then all are renamed. When
/// a rename fails, the ones already renamed are removed again; disposing a set that was not
/// committed removes every temporary file. Either way no file of the set is left new beside
/// older ones. What cannot be covered: SIGKILL or a power cut between two renames.
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

            throw;
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
