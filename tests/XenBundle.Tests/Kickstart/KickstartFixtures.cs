using System.Text;
using XenBundle.Kickstart;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Kickstart;

/// <summary>The kickstart corpus (tests/fixtures/kickstarts) and a standard guest to rewrite for.</summary>
internal static class KickstartFixtures
{
    public static string Corpus => Path.Combine(Repository.Fixtures, "kickstarts");

    /// <summary>Every kickstart of the corpus (the included fragments under includes/ are not whole kickstarts).</summary>
    public static IEnumerable<string> CorpusFiles() =>
        Directory.GetFiles(Corpus, "*.cfg").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>The release a corpus file is written for, from its name (el5-web.cfg).</summary>
    public static OsRelease OsOf(string fileName) =>
        RecipeNames.TryParseOs(fileName[..3], out var os) ? os : throw new ArgumentException($"{fileName}: corpus names start with el5- .. el9-");

    public static byte[] Read(string fileName) => File.ReadAllBytes(Path.Combine(Corpus, fileName));

    public static KickstartTarget Target(OsRelease os, VirtType virt = VirtType.XenPv, bool dhcp = false) => new()
    {
        Os = os,
        Virt = virt,
        NfsSource = new NfsSource(Ipv4.Parse("192.168.50.1"), "/var/xen/install"),
        Network = dhcp
            ? new NetworkSettings { Bridge = "xenbr0" }
            : new NetworkSettings
            {
                Address = Ipv4.Parse("192.168.50.20"),
                Netmask = Ipv4.Parse("255.255.255.0"),
                Gateway = Ipv4.Parse("192.168.50.1"),
                Bridge = "xenbr0",
            },
        GuestName = "web01",
        Name = "demo",
        Version = "1.0.0",
    };

    /// <summary>The top-level files of the demo's kickstart CD, as the pipeline passes them.</summary>
    public static readonly IReadOnlyList<string> CdFiles = ["RPMS", "ks.cfg", "postinstall"];

    /// <summary>Resolves %include against the corpus directory as if it were the kickstart CD.</summary>
    public static IncludedFile? ResolveInCorpus(string include)
    {
        foreach (var candidate in IncludePaths.OnMedium(include, string.Empty))
        {
            var path = Path.Combine(Corpus, candidate);
            if (File.Exists(path))
            {
                return new IncludedFile("ks-cd:/" + candidate, File.ReadAllBytes(path));
            }
        }

        return null;
    }

    public static KickstartResult Transform(byte[] source, OsRelease os, VirtType virt = VirtType.XenPv, string fileName = "ks.cfg", bool dhcp = false, IReadOnlyList<string>? files = null, bool allowInteractive = false) =>
        KickstartTransformer.Transform(new KickstartRequest
        {
            Source = source,
            FileName = fileName,
            Target = Target(os, virt, dhcp),
            PostInstallFiles = files ?? CdFiles,
            ResolveInclude = ResolveInCorpus,
            AllowInteractive = allowInteractive,
        });

    public static KickstartResult Transform(string source, OsRelease os, VirtType virt = VirtType.XenPv, bool dhcp = false, IReadOnlyList<string>? files = null, bool allowInteractive = false) =>
        Transform(Encoding.Latin1.GetBytes(source), os, virt, dhcp: dhcp, files: files, allowInteractive: allowInteractive);

    /// <summary>One rule alone over a kickstart text, with the standard guest.</summary>
    public static RewriteResult Apply(IKickstartRewriter rule, string text, OsRelease os, VirtType virt = VirtType.XenPv, bool dhcp = false, IReadOnlyList<string>? files = null, Func<string, IncludedFile?>? resolve = null, bool filesUnknown = false, KickstartTarget? target = null) =>
        rule.Rewrite(Parse(text, os), new RewriteContext
        {
            Target = target ?? Target(os, virt, dhcp),
            PostInstallFiles = filesUnknown ? null : files ?? CdFiles,
            ResolveInclude = resolve ?? ResolveInCorpus,
            SourceSha256 = new string('0', 64),
        });

    public static string Text(this RewriteResult result) => result.Document.Print();

    public static IEnumerable<string> Messages(this RewriteResult result) => result.Warnings.Select(w => w.ToString());

    /// <summary>
    /// The source lines (1-based) that no change names and that the result does not hold,
    /// byte for byte and in their order: empty is the claim "lines no rule touched come out
    /// byte-identical". (A diff cannot tell this alone: when a rule moves a line, it may show
    /// the neighbour as the one that moved.)
    /// </summary>
    public static List<int> UntouchedLinesMissing(string source, KickstartResult result, string fileName = "ks.cfg")
    {
        var touched = result.Changes.Where(c => c.Line.File == fileName && c.Before.Length > 0)
            .SelectMany(c => Enumerable.Range(c.Line.Number, c.Before.Split('\n').Length)).ToHashSet();
        var output = UnifiedDiff.SplitLines(result.Text());
        var missing = new List<int>();
        var at = 0;
        foreach (var (line, number) in UnifiedDiff.SplitLines(source).Select((l, i) => (l, i + 1)).Where(p => !touched.Contains(p.Item2)))
        {
            var found = output.FindIndex(at, l => l == line);
            if (found < 0)
            {
                missing.Add(number);
                continue;
            }

            at = found + 1;
        }

        return missing;
    }

    public static string Text(this KickstartResult result) => Encoding.Latin1.GetString(result.Kickstart);

    public static KickstartDocument Parse(string text, OsRelease os) => KickstartParser.Parse(text, "ks.cfg", KickstartDialect.For(os));
}
