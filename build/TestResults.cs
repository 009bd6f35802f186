using System.Xml.Linq;

namespace Build;

/// <summary>The counts of a dotnet test run, read from its TRX file.</summary>
internal sealed record TestResults(int Passed, int Failed, int Skipped)
{
    public static TestResults Read(string trxFile)
    {
        var document = XDocument.Load(trxFile);
        var counters = document.Descendants().First(e => e.Name.LocalName == "Counters");
        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var failed = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
        return new TestResults(Count("passed"), failed, Count("notExecuted") + Count("inconclusive"));
    }

    public override string ToString() =>
        Skipped > 0 ? $"Tests: {Passed} passed, {Failed} failed, {Skipped} skipped" : $"Tests: {Passed} passed, {Failed} failed";
}
