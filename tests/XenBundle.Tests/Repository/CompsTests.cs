using System.Text;
using XenBundle.Repository;

namespace XenBundle.Tests.RepositoryMerge;

/// <summary>Merging the comps of several media by id.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
public sealed class CompsTests
{
    /// <summary>A small comps.xml with one group holding the given packages.</summary>
    public static string Sample(string groupId, params string[] packages) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE comps PUBLIC "-//Red Hat, Inc.//DTD Comps info//EN" "comps.dtd">
        <comps>
          <group>
            <id>{groupId}</id>
            <name>{groupId} name</name>
            <description>{groupId} description</description>
            <default>true</default>
            <uservisible>true</uservisible>
            <packagelist>
        {string.Concat(packages.Select(p => $"      <packagereq type=\"mandatory\">{p}</packagereq>\n"))}    </packagelist>
          </group>
        </comps>
        """;

    [Test]
    public void Groups_merge_by_id_with_package_lists_unioned_and_the_first_names()
    {
        var merger = new CompsMerger();
        merger.Add(Parse("""
            <comps>
              <group><id>base</id><name>Base</name><name xml:lang="de">Basis</name><description>First</description><uservisible>true</uservisible>
                <packagelist><packagereq type="mandatory">bash</packagereq><packagereq type="default">yum</packagereq></packagelist></group>
              <category><id>system</id><name>System</name><grouplist><groupid>base</groupid></grouplist></category>
            </comps>
            """), "disc1");
        merger.Add(Parse("""
            <comps>
              <group><id>base</id><name>Base (disc 2)</name><name xml:lang="fr">Base FR</name><description>Second</description><uservisible>false</uservisible>
                <packagelist><packagereq type="optional">yum</packagereq><packagereq type="mandatory">kernel-xen</packagereq></packagelist></group>
              <group><id>xen</id><name>Xen</name><packagelist><packagereq>xen-libs</packagereq></packagelist></group>
              <category><id>system</id><name>System 2</name><grouplist><groupid>xen</groupid></grouplist></category>
              <environment><id>server</id><name>Server</name><grouplist><groupid>base</groupid></grouplist></environment>
            </comps>
            """), "disc2");

        var result = merger.Result();
        var baseGroup = result.Groups.Single(g => Comps.IdOf(g) == "base");

        Assert.Multiple(() =>
        {
            Assert.That(result.Groups.Select(Comps.IdOf), Is.EqualTo(new[] { "base", "xen" }));
            Assert.That(Comps.NameOf(baseGroup), Is.EqualTo("Base"));
            Assert.That(baseGroup.Elements("name").Select(n => n.Value), Is.EqualTo(new[] { "Base", "Basis", "Base FR" }));
            Assert.That(baseGroup.Element("description")!.Value, Is.EqualTo("First"));
            Assert.That(baseGroup.Element("uservisible")!.Value, Is.EqualTo("true"));
            Assert.That(baseGroup.Element("packagelist")!.Elements().Select(p => $"{p.Value}:{p.Attribute("type")?.Value}"),
                Is.EqualTo(new[] { "bash:mandatory", "yum:default", "kernel-xen:mandatory" }));
            Assert.That(result.Categories.Single().Element("grouplist")!.Elements().Select(g => g.Value), Is.EqualTo(new[] { "base", "xen" }));
            Assert.That(Comps.NameOf(result.Categories.Single()), Is.EqualTo("System"));
            Assert.That(result.Environments.Select(Comps.IdOf), Is.EqualTo(new[] { "server" }));
        });
    }

    [Test]
    public void Written_once_as_utf8_with_the_doctype_and_read_back_the_same()
    {
        var merger = new CompsMerger();
        merger.Add(Parse(Sample("core", "bash", "glibc")), "disc1");
        var bytes = merger.Result().ToBytes();
        var text = Encoding.UTF8.GetString(bytes);

        Assert.That(text, Does.StartWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE comps PUBLIC \"-//Red Hat, Inc.//DTD Comps info//EN\" \"comps.dtd\">\n<comps>\n  <group>\n    <id>core</id>\n"));
        Assert.That(Comps.Parse(bytes, "again").ToBytes(), Is.EqualTo(bytes));
    }

    [Test]
    public void Bad_comps_is_an_error_naming_the_file_and_line()
    {
        var error = Assert.Throws<XenBundleException>(() => Comps.Parse("<comps>\n<group>\n</comps>"u8.ToArray(), "disc1:/repodata/comps.xml"))!;

        Assert.That(error.Location, Is.EqualTo("disc1:/repodata/comps.xml:3"));
    }

    [Test]
    public void Comps_of_more_nodes_than_any_real_one_is_refused_before_it_is_built()
    {
        // 4 MB of <x/>, which parsed whole would take some 300 MB.
        var bomb = Encoding.ASCII.GetBytes("<comps>\n" + string.Concat(Enumerable.Repeat("<x/>", 1_000_001)) + "</comps>\n");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<XenBundleException>(() => Comps.Parse(bomb, "disc1:/repodata/comps.xml"))!;

        Assert.That(error.ErrorLine, Is.EqualTo("error: disc1:/repodata/comps.xml:2: more than 1000000 XML nodes: not a comps file"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64 << 20), "no document was built");
    }

    [Test]
    public void Many_top_level_elements_merge_in_linear_time()
    {
        // Unknown top-level elements are kept once each; comparing each with every kept one took hours.
        var comps = Parse("<comps>" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"<x n=\"{i}\"/>")) + "</comps>");
        var merger = new CompsMerger();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        merger.Add(comps, "disc1");
        merger.Add(comps, "disc2");

        Assert.That(merger.Result().Root.Elements().Count(), Is.EqualTo(50_000));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    private static Comps Parse(string xml) => Comps.Parse(Encoding.UTF8.GetBytes(xml), "test");
}
