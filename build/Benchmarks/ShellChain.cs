namespace Build.Benchmarks;

/// <summary>
/// What people would otherwise write: bsdtar each medium into one directory, createrepo_c
/// over it (SHA-1, no database, two workers), then tar with gzip, or with pigz on both
/// cores. The script lives in the benchmark directory so that the command can be rerun.
/// </summary>
internal static class ShellChain
{
    public const string Gzip = "gzip";
    public const string Pigz = "pigz";

    private const string Script = """
        #!/bin/bash
        # The manual procedure XenBundle replaces, as a benchmark reference.
        # usage: chain.sh OUTPUT gzip|pigz MEDIUM.iso...
        set -euo pipefail
        out=$1 compressor=$2
        shift 2
        mkdir -p "$out/tree"
        for iso in "$@"; do
            bsdtar -xf "$iso" -C "$out/tree"
        done
        rm -rf "$out/tree/repodata"
        createrepo_c -q -s sha --no-database --workers 2 "$out/tree"
        if [ "$compressor" = pigz ]; then
            tar -cf - -C "$out" tree | pigz -p 2 > "$out/bundle.tar.gz"
        else
            tar -czf "$out/bundle.tar.gz" -C "$out" tree
        fi

        """;

    public static CommandLine Command(string benchDirectory, string output, string compressor, IEnumerable<string> media)
    {
        var path = Path.Combine(benchDirectory, "chain.sh");
        File.WriteAllText(path, Script.ReplaceLineEndings("\n"));
        return new CommandLine("bash", [path, output, compressor, .. media]);
    }
}
