using XenBundle.Tests.Support;

namespace XenBundle.Tests.Kickstart;

/// <summary>
/// A stand-in for the installer's environment in which a generated script runs for real: a
/// temp directory for the installer's mount of the export (/mnt/source, /run/install/repo)
/// and one for /mnt/sysimage, and stub <c>mount</c>/<c>umount</c> commands first on PATH
/// that record their calls. The stub mount "mounts" by copying <see cref="Export"/> to its
/// last argument when <see cref="NfsWorks"/>, and fails like a mount without NFS support
/// otherwise; a bind mount is only recorded.
/// </summary>
internal sealed class InstallerSandbox : IDisposable
{
    private readonly TempDirectory _root = new("sandbox");

    public InstallerSandbox()
    {
        Directory.CreateDirectory(Sysimage);
        Directory.CreateDirectory(Export);
        Directory.CreateDirectory(_root["bin"]);
        Stub("mount", """
            #!/bin/sh
            echo "mount $*" >> "$SANDBOX/calls"
            if [ "$1" = --bind ]; then
                exit 0
            fi
            if [ "$NFS_WORKS" = yes ]; then
                for point; do :; done
                cp -a "$SANDBOX/export/." "$point/"
                exit 0
            fi
            echo "mount: unknown filesystem type 'nfs'" >&2
            exit 32
            """);
        Stub("umount", """
            #!/bin/sh
            echo "umount $*" >> "$SANDBOX/calls"
            """);
    }

    public string Root => _root.Path;

    /// <summary>What the installer has mounted (the export's root), when the test makes it.</summary>
    public string InstallerTree => _root["installer-tree"];

    public string Sysimage => _root["sysimage"];

    /// <summary>What an NFS mount of the Dom0's export shows.</summary>
    public string Export => _root["export"];

    /// <summary>Where the copy stage mounts the export itself.</summary>
    public string NfsMountPoint => _root["nfs"];

    public bool NfsWorks { get; set; }

    /// <summary>The recorded mount and umount calls, sandbox paths as they were.</summary>
    public IReadOnlyList<string> Calls => File.Exists(_root["calls"]) ? File.ReadAllLines(_root["calls"]) : [];

    /// <summary>Makes files (name → content) under a directory of the sandbox.</summary>
    public static void Populate(string directory, params string[] files)
    {
        foreach (var file in files)
        {
            var full = Path.Combine(directory, file);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, file + "\n");
        }
    }

    /// <summary>
    /// Runs a script body with <paramref name="shell"/>, the installer's paths in it pointed into
    /// the sandbox (<paramref name="installerTree"/> to <see cref="InstallerTree"/>).
    /// </summary>
    public ToolResult Run(string shell, string script, string? installerTree)
    {
        var text = script.Replace("/mnt/sysimage", Sysimage, StringComparison.Ordinal)
            .Replace("/tmp/xenbundle-nfs", NfsMountPoint, StringComparison.Ordinal);
        if (installerTree is not null)
        {
            text = text.Replace(installerTree, InstallerTree, StringComparison.Ordinal);
        }

        var file = _root.Write("script.sh", text);
        return Tool.Run(shell, [file], Root, new Dictionary<string, string>
        {
            ["PATH"] = _root["bin"] + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["SANDBOX"] = Root,
            ["NFS_WORKS"] = NfsWorks ? "yes" : "no",
        });
    }

    public void Dispose() => _root.Dispose();

    private void Stub(string name, string text)
    {
        var path = _root.Write(Path.Combine("bin", name), text + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
