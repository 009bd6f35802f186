using System.Text;
using System.Text.RegularExpressions;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>
/// The corpus of real-looking kickstarts (EL5, EL6, EL7 and EL9 syntax): each round-trips
/// unchanged, and after the rewrite every line no rule touched is byte-identical, no command
/// names an sd/hd disk, the result parses again and has %end exactly where the target wants it.
/// </summary>
[Category(TestCategories.Unit)]
public sealed partial class KickstartCorpusTests
{
    public static IEnumerable<string> Files => KickstartFixtures.CorpusFiles();

    [Test]
    public void The_corpus_has_at_least_25_kickstarts_for_el5_el6_el7_and_el9()
    {
        var files = Files.ToList();
        Assert.That(files, Has.Count.GreaterThanOrEqualTo(25));
        Assert.That(files.Select(f => f[..3]).Distinct(), Is.SupersetOf(new[] { "el5", "el6", "el7", "el9" }));
    }

    [TestCaseSource(nameof(Files))]
    public void Parsing_and_printing_gives_back_every_byte(string file)
    {
        var bytes = KickstartFixtures.Read(file);
        var document = KickstartParser.Parse(bytes, file, KickstartDialect.For(KickstartFixtures.OsOf(file)));
        Assert.That(document.ToBytes(), Is.EqualTo(bytes));
    }

    [TestCaseSource(nameof(Files))]
    public void Lines_no_rule_touched_come_out_byte_identical(string file)
    {
        var source = Encoding.Latin1.GetString(KickstartFixtures.Read(file));
        var result = KickstartFixtures.Transform(KickstartFixtures.Read(file), KickstartFixtures.OsOf(file), fileName: file);

        Assert.That(KickstartFixtures.UntouchedLinesMissing(source, result, file), Is.Empty, "every line that left the file was changed by a rule that says so");
        Assert.That(result.Changes, Has.All.Property(nameof(KickstartChange.Why)).Not.Empty);
    }

    [TestCaseSource(nameof(Files))]
    public void No_command_names_an_sd_or_hd_disk_after_the_rewrite(string file)
    {
        var os = KickstartFixtures.OsOf(file);
        var result = KickstartFixtures.Transform(KickstartFixtures.Read(file), os, fileName: file);
        var document = KickstartParser.Parse(result.Kickstart, file, KickstartDialect.For(os));

        var left = document.Commands
            .SelectMany(c => c.Line.Tokens.Select(t => t.Value))
            .SelectMany(v => v.Split('=', 2).Append(v))
            .SelectMany(v => v.Split(','))
            .Where(v => HostDisk().IsMatch(v))
            .ToList();
        Assert.That(left, Is.Empty);
    }

    [TestCaseSource(nameof(Files))]
    public void The_result_parses_again_with_end_lines_as_the_target_wants(string file)
    {
        var os = KickstartFixtures.OsOf(file);
        var result = KickstartFixtures.Transform(KickstartFixtures.Read(file), os, fileName: file);
        var document = KickstartParser.Parse(result.Kickstart, file, KickstartDialect.For(os));

        Assert.That(document.ToBytes(), Is.EqualTo(result.Kickstart));
        if (os == OsRelease.El5)
        {
            Assert.That(result.Text(), Does.Not.Match(@"(?m)^\s*%end"), "RHEL5's installer does not know %end");
        }
        else if (os >= OsRelease.El7)
        {
            Assert.That(document.Sections, Has.All.Property(nameof(SectionNode.Terminator)).Not.Null);
        }

        Assert.That(document.Sections.Count(s => s.Keyword == KickstartSections.Post), Is.GreaterThanOrEqualTo(2), "the copy stage and the release stamp");
    }

    [TestCaseSource(nameof(Files))]
    public void The_guest_installs_from_nfs_and_only_from_nfs(string file)
    {
        var os = KickstartFixtures.OsOf(file);
        var result = KickstartFixtures.Transform(KickstartFixtures.Read(file), os, fileName: file);
        var document = KickstartParser.Parse(result.Kickstart, file, KickstartDialect.For(os));

        var methods = document.Commands.Where(c => c.Name is "cdrom" or "url" or "harddrive" or "nfs" or "liveimg")
            .Select(c => string.Join(' ', c.Line.Tokens.Select(t => t.Value))).ToList();
        Assert.That(methods, Is.EqualTo(new[] { "nfs --server=192.168.50.1 --dir=/var/xen/install" }));
    }

    [GeneratedRegex(@"^(?:/dev/)?(?:sd[a-z]{1,3}|hd[a-z])[0-9]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex HostDisk();
}
