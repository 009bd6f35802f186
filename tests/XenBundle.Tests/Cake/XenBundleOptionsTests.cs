using Cake.XenBundle;
using XenBundle.Recipes;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Cake;

/// <summary>
/// The one table of options: each override reaches the recipe key it names, each settings
/// property keeps what is set, and --help's lines are those the table gives.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class XenBundleOptionsTests
{
    // A value no override accepts: each must be refused by the key the table names, from the option.
    private const string Bad = "bad;value";

    [Test]
    public void Every_option_the_host_can_read_by_its_row_is_in_the_table_once()
    {
        var rows = typeof(XenBundleOptions).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(XenBundleOption)).Select(f => (XenBundleOption)f.GetValue(null)!).ToList();

        Assert.That(rows, Has.Count.GreaterThan(20));
        Assert.That(XenBundleOptions.All, Is.EquivalentTo(rows), "a row missing from All would be refused as an unknown option");
        Assert.That(XenBundleOptions.All, Is.Unique);
        Assert.That(XenBundleOptions.All.GroupBy(o => o.Name).Where(g => g.Count() > 1).Select(g => g.Key), Is.EqualTo(new[] { "output" }), "only --output is read by two targets (ExtractIso, TransformKickstart)");
    }

    public static IEnumerable<TestCaseData> Overrides() =>
        XenBundleOptions.Overrides.Select(o => new TestCaseData(o.Name).SetArgDisplayNames(o.Name));

    [TestCaseSource(nameof(Overrides))]
    public void An_override_replaces_the_recipe_key_the_table_names(string name)
    {
        using var temp = new TempDirectory("options");
        var option = XenBundleOptions.All.Single(o => o.Name == name);
        var settings = new XenBundleSettings();
        option.Setting!.Set(settings, Bad);

        var error = Assert.Throws<RecipeException>(() => RecipeLoader.Parse(RecipeText.Valid(), "recipe.yaml", temp["recipe.yaml"], settings.ToOverrides()))!;

        Assert.That(error.Location, Is.EqualTo("--" + name));
        Assert.That(error.Message, Does.StartWith(option.RecipeKey + ": 'bad;value'"));
    }

    [Test]
    public void Settings_without_overrides_leave_the_recipe_as_written()
    {
        using var temp = new TempDirectory("options");
        var written = RecipeLoader.Parse(RecipeText.Valid(), "recipe.yaml", temp["recipe.yaml"], RecipeOverrides.None);
        var overridden = RecipeLoader.Parse(RecipeText.Valid(), "recipe.yaml", temp["recipe.yaml"], new XenBundleSettings().ToOverrides());

        Assert.That(new XenBundleSettings().ToOverrides().Values, Is.Empty);
        Assert.That(overridden.Version, Is.EqualTo(written.Version));
        Assert.That(overridden.Dom0, Is.EqualTo(written.Dom0));
        Assert.That(overridden.DomU.Name, Is.EqualTo(written.DomU.Name));
    }

    public static IEnumerable<TestCaseData> Settings() =>
        XenBundleOptions.All.Where(o => o.Setting is not null).Select(o => new TestCaseData(o.Name).SetArgDisplayNames(o.Name));

    [TestCaseSource(nameof(Settings))]
    public void A_settings_property_keeps_what_its_option_sets(string name)
    {
        var option = XenBundleOptions.All.Single(o => o.Name == name);
        var value = option.Kind switch
        {
            OptionKind.Flag => "true",
            OptionKind.Path => "/srv/xen/" + name,
            _ => name + "-value",
        };
        var settings = new XenBundleSettings();
        var before = option.Setting!.Get(settings);

        option.Setting.Set(settings, value);

        Assert.That(before, Is.Not.EqualTo(value));
        Assert.That(option.Setting.Get(settings), Is.EqualTo(value));
        Assert.That(XenBundleOptions.All.Where(o => o != option && o.Setting is not null).Select(o => o.Setting!.Get(settings)), Has.None.EqualTo(value), "no other property took it");
    }

    [Test]
    public void Help_lists_every_option_but_Cakes_own_with_options_of_one_text_on_one_line()
    {
        var lines = XenBundleOptions.HelpLines();

        Assert.That(lines, Has.Count.EqualTo(19));
        Assert.That(lines[0], Is.EqualTo(("--recipe=PATH", "a recipe directory, a recipe.yaml, or 'all' (default: recipes/demo)")));
        Assert.That(lines.Select(l => l.Usage), Does.Contain("--iso=FILE --output=DIR")
            .And.Contain("--kickstart=IN --output=OUT")
            .And.Contain("--allow-interactive")
            .And.Contain("--runs=N --size=SIZES --only=PARTS"));
        Assert.That(lines.Select(l => l.Description), Is.Unique);
        Assert.That(string.Join(' ', lines.Select(l => l.Usage)), Does.Not.Contain("--target").And.Not.Contain("--exclusive"));
    }

    [TestCase("recipe", true)]
    [TestCase("DOMU-NAME", true, TestName = "{m}(case does not matter)")]
    [TestCase("t", true, TestName = "{m}(Cake's alias of --target)")]
    [TestCase("where", true)]
    [TestCase("recpie", false)]
    [TestCase("output-dir", false)]
    public void Known_options_are_the_tables(string name, bool known) =>
        Assert.That(XenBundleOptions.IsKnown(name), Is.EqualTo(known));

    [Test]
    public void An_option_that_replaces_a_recipe_key_is_one_the_bundle_targets_take()
    {
        Assert.That(XenBundleOptions.Overrides.Select(o => o.RecipeKey), Is.Unique);
        Assert.That(XenBundleOptions.Overrides.Select(o => o.Name), Is.EquivalentTo(new[]
        {
            "release-version", "os", "virt", "dom0-address", "domu-name", "domu-address", "domu-netmask", "domu-gateway", "domu-disk",
        }));
        Assert.That(XenBundleOptions.Overrides.Where(o => !o.Targets.Contains("XenBundle") || o.Setting is null), Is.Empty);
    }
}
