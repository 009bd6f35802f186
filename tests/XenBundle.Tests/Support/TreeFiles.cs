using XenBundle.Tree;

namespace XenBundle.Tests.Support;

/// <summary>Writes a virtual tree out as files, so that real tools (dnf, createrepo_c) can read it.</summary>
internal static class TreeFiles
{
    public static string Write(VirtualTree tree, string directory)
    {
        foreach (var entry in tree.Entries)
        {
            var path = Path.Combine(directory, entry.Path);
            switch (entry.Kind)
            {
                case EntryKind.Directory:
                    Directory.CreateDirectory(path);
                    break;
                case EntryKind.Symlink:
                    File.CreateSymbolicLink(path, entry.SymlinkTarget!);
                    break;
                default:
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    using (var source = entry.Content!.OpenRead())
                    using (var target = File.Create(path))
                    {
                        source.CopyTo(target);
                    }

                    break;
            }
        }

        return directory;
    }

    public static byte[] Read(VirtualTree tree, string path)
    {
        using var stream = tree[path]!.Content!.OpenRead();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string ReadText(VirtualTree tree, string path) => System.Text.Encoding.UTF8.GetString(Read(tree, path));
}
