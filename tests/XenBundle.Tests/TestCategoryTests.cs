using System.Reflection;
using NUnit.Framework.Interfaces;

namespace XenBundle.Tests;

/// <summary>
/// Every test carries exactly one of the four categories, so that <c>--where=unit</c> and the
/// like select what they say, and a new test cannot slip in uncategorised or in two kinds at once.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class TestCategoryTests
{
    [Test]
    public void Every_test_has_exactly_one_category_of_the_four()
    {
        var wrong = TestMethods()
            .Select(method => (method, categories: CategoriesOf(method)))
            .Where(t => t.categories.Count(TestCategories.All.Contains) != 1 || t.categories.Any(c => !TestCategories.All.Contains(c)))
            .Select(t => $"{t.method.DeclaringType!.FullName}.{t.method.Name}: [{string.Join(", ", t.categories)}]")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(wrong, Is.Empty, $"each test needs one [Category] of {string.Join(", ", TestCategories.All)}, on its fixture or on itself (TestCategories says which)");
    }

    [Test]
    public void The_check_sees_the_tests_of_every_kind()
    {
        // A reflection slip (a builder attribute missed, categories not read) would make the
        // check above pass on nothing: it must find tests, and each kind among them.
        var counts = TestMethods().SelectMany(CategoriesOf).CountBy(c => c).ToDictionary();
        Assert.That(TestCategories.All.Where(c => counts.GetValueOrDefault(c) == 0), Is.Empty, string.Join(", ", counts));
        Assert.That(counts[TestCategories.Unit], Is.GreaterThan(200), "the unit tests are most of the suite");
    }

    [Test]
    public void A_test_without_a_category_is_found()
    {
        var method = typeof(Uncategorised).GetMethod(nameof(Uncategorised.Sample))!;
        Assert.That(IsTest(method), Is.True);
        Assert.That(CategoriesOf(method), Is.Empty);
        Assert.That(CategoriesOf(typeof(Mixed).GetMethod(nameof(Mixed.Sample))!), Is.EquivalentTo(new[] { TestCategories.Tool, TestCategories.Unit }));
    }

    private static IEnumerable<MethodInfo> TestMethods() =>
        typeof(TestCategoryTests).Assembly.GetTypes()
            .Where(type => type != typeof(Uncategorised) && type != typeof(Mixed))
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(IsTest);

    // [Test], [TestCase], [TestCaseSource], [Theory]: every attribute that makes a method a test builds it.
    private static bool IsTest(MethodInfo method) =>
        method.GetCustomAttributes(inherit: true).Any(a => a is ITestBuilder or ISimpleTestBuilder);

    // NUnit adds the categories of the fixture (and of its bases) to each test's own; a nested
    // fixture is a fixture of its own and gets none from the class around it.
    private static List<string> CategoriesOf(MethodInfo method) =>
    [
        .. method.GetCustomAttributes<CategoryAttribute>(inherit: true).Select(c => c.Name),
        .. method.DeclaringType!.GetCustomAttributes<CategoryAttribute>(inherit: true).Select(c => c.Name),
    ];

    // Samples, not fixtures: NUnit makes no fixture of an abstract class.
    private abstract class Uncategorised
    {
        [Test]
        public void Sample()
        {
        }
    }

    [Category(TestCategories.Unit)]
    private abstract class Mixed
    {
        [Test]
        [Category(TestCategories.Tool)]
        public void Sample()
        {
        }
    }
}
