using XenBundle;

namespace Build;

/// <summary>
/// <c>--where=KINDS</c> of the Test target: which kinds of test to run, by the NUnit category
/// every test carries (tests/XenBundle.Tests/Support/TestCategories.cs; TestCategoryTests
/// checks that each test has one). Without it every test runs, as CI asks.
/// </summary>
internal sealed class TestSelection
{
    /// <summary>Each value of --where, with the category it selects.</summary>
    private static readonly IReadOnlyDictionary<string, string> Categories = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["unit"] = "Unit",
        ["tool"] = "Tool",
        ["end-to-end"] = "EndToEnd",
        ["fuzz"] = "Fuzz",
    };

    private TestSelection(IReadOnlyList<string> kinds) => Kinds = kinds;

    /// <summary>The kinds chosen, in the order given; empty when --where was not given.</summary>
    public IReadOnlyList<string> Kinds { get; }

    /// <summary>
    /// Only in-process tests chosen (unit, fuzz): the Debian tools of TestPrerequisites are not
    /// needed, so a machine without them (or without root to install them) runs these too.
    /// </summary>
    public bool NeedsNoTools => Kinds.Count > 0 && Kinds.All(kind => kind is "unit" or "fuzz");

    /// <summary>Reads --where: a comma-separated list of unit, tool, end-to-end and fuzz; anything else is bad usage.</summary>
    public static TestSelection Parse(string? where)
    {
        if (where is null)
        {
            return new TestSelection([]);
        }

        var kinds = where.Split(',', StringSplitOptions.TrimEntries);
        foreach (var kind in kinds)
        {
            if (!Categories.ContainsKey(kind))
            {
                var what = kind.Length == 0 ? "an empty kind" : $"'{kind}' is not a kind of test";
                throw new XenBundleException("--where", $"{what}: give one or more of {string.Join(", ", Categories.Keys)}, separated by commas (e.g. --where=unit)", ExitCode.BadUsage);
            }
        }

        return new TestSelection([.. kinds.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The dotnet test filter for these kinds and an optional --filter, or null for every test.</summary>
    public string? Filter(string? filter)
    {
        var categories = Kinds.Count == 0 ? null : string.Join('|', Kinds.Select(kind => "TestCategory=" + Categories[kind]));
        return (categories, string.IsNullOrEmpty(filter) ? null : filter) switch
        {
            (null, null) => null,
            ({ } only, null) => only,
            (null, { } only) => only,
            ({ } kinds, { } more) => $"({kinds})&({more})",
        };
    }
}
