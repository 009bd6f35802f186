namespace XenBundle.Tests.Fuzzing;

/// <summary>
/// One reader under fuzzing: what it does with an input, where its seeds are, and what it
/// knows of its format to mutate well. <see cref="Run"/> may succeed or throw a
/// <see cref="XenBundleException"/>; anything else it throws (a property that does not
/// hold included, as a <see cref="FuzzPropertyException"/>) is a crash.
/// </summary>
internal abstract class FuzzTarget : IDisposable
{
    /// <summary>The corpus directory under tests/fixtures/fuzz, and the target's name in messages.</summary>
    public abstract string Name { get; }

    /// <summary>How long one input may take before it counts as a hang.</summary>
    public virtual TimeSpan Patience => TimeSpan.FromSeconds(10);

    /// <summary>How much one input may allocate (inputs are at most 256 KiB).</summary>
    public virtual long AllocationLimit => 256L << 20;

    /// <summary>Whether the reader refuses anything: a lenient one (.treeinfo) reads any text.</summary>
    public virtual bool Refuses => true;

    /// <summary>Tokens of the format, written into inputs whole.</summary>
    public virtual IReadOnlyList<byte[]> Dictionary => [];

    public string CorpusDirectory => Path.Combine(Repository.Fixtures, "fuzz", Name);

    public IReadOnlyList<(string Name, byte[] Bytes)> Seeds() =>
        [.. Directory.GetFiles(CorpusDirectory).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))];

    /// <summary>Offsets in a seed where the format keeps lengths, offsets, counts and types.</summary>
    public virtual IReadOnlyList<int> StructureOffsets(byte[] seed) => [];

    /// <summary>Reads the input the way the pipeline does, and checks what must hold of the result.</summary>
    public abstract void Run(byte[] input);

    public override string ToString() => Name;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Targets that keep files (a recipe's directory) remove them here.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    protected static byte[][] Tokens(params string[] tokens) => [.. tokens.Select(t => System.Text.Encoding.UTF8.GetBytes(t))];
}

/// <summary>A property of a reader's result that did not hold: a crash like any other.</summary>
internal sealed class FuzzPropertyException(string message) : Exception(message);
