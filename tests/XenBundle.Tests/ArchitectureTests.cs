using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using XenBundle.Tests.Support;

namespace XenBundle.Tests;

/// <summary>
/// The core's namespaces form layers that only point down (docs/ARCHITECTURE.md draws them):
/// a type may use its own namespace, any namespace of a lower layer, and the few same-layer
/// namespaces listed in <see cref="Sideways"/>; nothing else. Read from the compiled IL by
/// NetArchTest, so a fully qualified name or a <c>using</c> alias counts like any other use.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
public sealed class ArchitectureTests
{
    /// <summary>The layers, bottom first.</summary>
    private static readonly string[][] Layers =
    [
        ["XenBundle"],
        ["XenBundle.Model", "XenBundle.Tree", "XenBundle.Rpm"],
        ["XenBundle.Kickstart.Syntax", "XenBundle.Media", "XenBundle.Media.Iso", "XenBundle.Bundling"],
        ["XenBundle.Recipes", "XenBundle.Repository", "XenBundle.Reporting"],
        ["XenBundle.Caching", "XenBundle.Provisioning", "XenBundle.Kickstart.Transform", "XenBundle.Kickstart.Rewriters", "XenBundle.Kickstart"],
        ["XenBundle.Pipeline"],
    ];

    /// <summary>The uses within one layer that are allowed, each for a reason.</summary>
    private static readonly (string From, string To)[] Sideways =
    [
        ("XenBundle.Media.Iso", "XenBundle.Media"), // an ISO image is one kind of medium
        ("XenBundle.Kickstart.Transform", "XenBundle.Provisioning"), // the guest's boot arguments decide its interface name
        ("XenBundle.Kickstart.Rewriters", "XenBundle.Kickstart.Transform"), // rewriters build on the rewriting toolkit
        ("XenBundle.Kickstart", "XenBundle.Kickstart.Transform"), // the transformer runs the rewriters
        ("XenBundle.Kickstart", "XenBundle.Kickstart.Rewriters"),
    ];

    private static readonly Assembly Core = typeof(XenBundleException).Assembly;

    [Test]
    public void Every_namespace_of_the_core_has_a_layer()
    {
        var namespaces = Core.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("XenBundle", StringComparison.Ordinal)).Distinct();

        Assert.That(namespaces.Except(Layers.SelectMany(l => l)), Is.Empty, "a new namespace goes into a layer here and in docs/ARCHITECTURE.md");
    }

    [Test]
    public void No_namespace_uses_one_above_it_or_beside_it()
    {
        var violations = new List<string>();
        foreach (var (from, fromLayer) in Namespaces())
        {
            foreach (var (to, toLayer) in Namespaces())
            {
                if (to == from || toLayer < fromLayer || Sideways.Contains((from, to)))
                {
                    continue;
                }

                var result = Types.InAssembly(Core).That().ResideInNamespaceMatching($"^{Regex.Escape(from)}$")
                    .ShouldNot().HaveDependencyOnAny(TypesOf(to)).GetResult();
                violations.AddRange((result.FailingTypeNames ?? []).Select(t => $"{t} ({from}, layer {fromLayer}) uses {to} (layer {toLayer})"));
            }
        }

        Assert.That(violations, Is.Empty);
    }

    // The IL does not name the type a constant came from (the compiler copies the value), so
    // the sources are read too: every `using` and every dotted name, resolved from the file's
    // namespace outwards as the compiler resolves it (eng/namespace-graph.py does the same).
    [Test]
    public void No_source_file_names_a_namespace_above_or_beside_it()
    {
        var layerOf = Namespaces().ToDictionary(n => n.Namespace, n => n.Layer, StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "XenBundle"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            if (Regex.Match(text, @"^namespace ([\w.]+);", RegexOptions.Multiline) is not { Success: true } declared || !layerOf.TryGetValue(declared.Groups[1].Value, out var fromLayer))
            {
                continue;
            }

            var from = declared.Groups[1].Value;
            foreach (var to in NamesUsed(text, from, layerOf.Keys))
            {
                if (to != from && !from.StartsWith(to + ".", StringComparison.Ordinal) && layerOf[to] >= fromLayer && !Sideways.Contains((from, to)))
                {
                    violations.Add($"{Path.GetRelativePath(Repository.Root, file)} ({from}, layer {fromLayer}) names {to} (layer {layerOf[to]})");
                }
            }
        }

        Assert.That(violations.Distinct(), Is.Empty);
    }

    [Test]
    public void The_source_check_sees_a_constant_named_through_a_partly_qualified_namespace()
    {
        var known = Namespaces().Select(n => n.Namespace).ToList();
        const string Source = "namespace XenBundle.Reporting;\n// Pipeline.Ignored in a comment\nclass X { string P = \"Tree.Ignored\" + Pipeline.BundlePaths.Kickstart; }\n";

        Assert.That(NamesUsed(Source, "XenBundle.Reporting", known), Is.EquivalentTo(new[] { "XenBundle.Pipeline" }));
    }

    /// <summary>The namespaces a source file names: its usings and the namespaces its dotted names start with (comments and strings left out).</summary>
    private static HashSet<string> NamesUsed(string text, string from, IEnumerable<string> known)
    {
        var namespaces = known.ToHashSet(StringComparer.Ordinal);
        var code = Regex.Replace(Regex.Replace(text, @"//[^\n]*", string.Empty), @"@?\$?""(?:\\.|[^""\\\n])*""", "\"\"");
        code = Regex.Replace(code, @"^namespace [\w.]+;", string.Empty, RegexOptions.Multiline);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match u in Regex.Matches(code, @"^using ([\w.]+);", RegexOptions.Multiline))
        {
            if (namespaces.Contains(u.Groups[1].Value))
            {
                used.Add(u.Groups[1].Value);
            }
        }

        var scopes = Enumerable.Range(0, from.Count(c => c == '.') + 2).Select(k => string.Join('.', from.Split('.').Take(from.Count(c => c == '.') + 1 - k))).ToList();
        foreach (Match chain in Regex.Matches(code, @"(?<![\w.])[A-Z]\w*(?:\.[A-Z]\w*)+"))
        {
            var parts = chain.Value.Split('.');
            var target = Enumerable.Range(1, parts.Length - 1).Reverse()
                .SelectMany(k => scopes.Select(scope => scope.Length == 0 ? string.Join('.', parts.Take(k)) : scope + "." + string.Join('.', parts.Take(k))))
                .FirstOrDefault(namespaces.Contains);
            if (target is not null)
            {
                used.Add(target);
            }
        }

        return used;
    }

    [Test]
    public void The_check_sees_a_use_that_points_up()
    {
        // The root namespace is the bottom layer and the pipeline the top: BundlePipeline uses
        // XenBundleException, so the rule read the other way round must fail.
        var result = Types.InAssembly(Core).That().ResideInNamespaceMatching("^XenBundle\\.Pipeline$")
            .ShouldNot().HaveDependencyOnAny(TypesOf("XenBundle")).GetResult();

        Assert.That(result.IsSuccessful, Is.False);
    }

    private static IEnumerable<(string Namespace, int Layer)> Namespaces() =>
        Layers.SelectMany((names, layer) => names.Select(n => (n, layer)));

    /// <summary>
    /// The full names of the types of exactly one namespace: NetArchTest matches names by
    /// prefix, and "XenBundle.Kickstart" would otherwise also name XenBundle.Kickstart.Syntax.
    /// </summary>
    private static string[] TypesOf(string ns) =>
        [.. Core.GetTypes().Where(t => t.Namespace == ns && !t.IsNested).Select(t => t.FullName!)];
}
