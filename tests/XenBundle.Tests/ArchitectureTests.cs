using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

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
