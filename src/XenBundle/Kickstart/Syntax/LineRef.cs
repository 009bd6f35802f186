namespace XenBundle.Kickstart.Syntax;

/// <summary>
/// Where a line came from: the file (the kickstart or a file it includes) and the line
/// number, 1-based. Lines the rewrite adds have no file.
/// </summary>
public readonly record struct LineRef(string? File, int Number)
{
    public static LineRef Added => default;

    /// <summary>The file as a whole (something it lacks), shown as the file's name alone.</summary>
    public static LineRef WholeFile(string file) => new(file, 0);

    public bool IsAdded => File is null;

    public override string ToString() => IsAdded ? "(added)" : Number == 0 ? File! : $"{File}:{Number}";
}
