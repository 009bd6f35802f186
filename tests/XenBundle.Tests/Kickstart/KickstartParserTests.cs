using XenBundle.Kickstart.Syntax;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>The parser: the tree it builds, and the errors (with file and line) for kickstarts the installer rejects.</summary>
[Category(TestCategories.Unit)]
public sealed class KickstartParserTests
{
    [Test]
    public void Commands_sections_and_trivia_land_where_the_installer_sees_them()
    {
        var document = KickstartFixtures.Parse("# top\ninstall\n\n# disks\npart / --ondisk=sda\n%packages\n@core\n# trailing\n\n%post\necho hi\n", OsRelease.El5);

        Assert.That(document.Nodes.Select(n => n.GetType().Name), Is.EqualTo(new[] { "CommandNode", "CommandNode", "SectionNode", "SectionNode" }));
        var part = (CommandNode)document.Nodes[1];
        Assert.That(part.Leading.Select(l => l.Text), Is.EqualTo(new[] { string.Empty, "# disks" }));
        Assert.That(part.Line.Tokens.Select(t => t.Value), Is.EqualTo(new[] { "part", "/", "--ondisk=sda" }));
        var packages = (SectionNode)document.Nodes[2];
        Assert.That(packages.Terminator, Is.Null, "EL5 sections end at the next section header");
        Assert.That(packages.Body.Select(b => ((BodyLine)b).Line.Text), Is.EqualTo(new[] { "@core" }));
        Assert.That(document.Nodes[3].Leading.Select(l => l.Text), Is.EqualTo(new[] { "# trailing", string.Empty }), "blank and comment lines before a header belong to it");
    }

    [Test]
    public void Quotes_and_escapes_are_kept_in_the_text_and_removed_from_the_value()
    {
        var document = KickstartFixtures.Parse("bootloader --append=\"console=tty0 rd.lvm.lv=\\\"a b\\\"\" --location 'mbr' x\\ y # note\n", OsRelease.El7);
        var line = document.Commands.Single().Line;

        Assert.That(line.Tokens.Select(t => t.Text), Is.EqualTo(new[] { "bootloader", "--append=\"console=tty0 rd.lvm.lv=\\\"a b\\\"\"", "--location", "'mbr'", "x\\ y" }));
        Assert.That(line.Tokens.Select(t => t.Value), Is.EqualTo(new[] { "bootloader", "--append=console=tty0 rd.lvm.lv=\"a b\"", "--location", "mbr", "x y" }));
        Assert.That(line.Trailing, Is.EqualTo(" # note"));
    }

    [Test]
    public void A_hash_inside_a_word_is_not_a_comment()
    {
        var line = KickstartFixtures.Parse("rootpw --plaintext pa#ss #comment\n", OsRelease.El6).Commands.Single().Line;
        Assert.That(line.Tokens.Select(t => t.Value), Is.EqualTo(new[] { "rootpw", "--plaintext", "pa#ss" }));
        Assert.That(line.Trailing, Is.EqualTo(" #comment"));
    }

    [Test]
    public void A_backslash_at_the_end_of_a_line_continues_the_command_and_tokens_keep_their_lines()
    {
        var document = KickstartFixtures.Parse("part /boot --fstype=xfs \\\n   --ondisk=sda\\\r\n\t--size=500\nreboot\n", OsRelease.El7);
        var part = document.Commands.First().Line;

        Assert.That(part.Tokens.Select(t => t.Value), Is.EqualTo(new[] { "part", "/boot", "--fstype=xfs", "--ondisk=sda", "--size=500" }));
        Assert.That(part.Tokens.Select(t => t.Source.Number), Is.EqualTo(new[] { 1, 1, 1, 2, 3 }));
        Assert.That(part.PhysicalLines().Select(l => l.Source.Number), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(document.Commands.Last().Name, Is.EqualTo("reboot"));
    }

    [Test]
    public void Scripts_keep_any_text_only_end_include_and_section_keywords_are_special()
    {
        var text = "%post\n%ifarch x86_64\necho \"it's fine\" 'unterminated\n  %include /tmp/x\n%end\n";
        var section = KickstartFixtures.Parse(text, OsRelease.El7).Sections.Single();

        Assert.That(section.Body.OfType<BodyLine>().Select(b => b.Line.Text), Is.EqualTo(new[] { "%ifarch x86_64", "echo \"it's fine\" 'unterminated" }));
        Assert.That(section.Body.OfType<BodyInclude>().Single().Target, Is.EqualTo("/tmp/x"));
        Assert.That(section.Terminator!.Name, Is.EqualTo("%end"));
    }

    [Test]
    public void El6_accepts_a_section_with_or_without_end()
    {
        var document = KickstartFixtures.Parse("%packages\n@core\n%post\necho 1\n%end\n%post\necho 2\n", OsRelease.El6);
        Assert.That(document.Sections.Select(s => s.Terminator is not null), Is.EqualTo(new[] { false, true, false }));
    }

    [Test]
    public void Crlf_endings_and_a_missing_last_newline_are_kept()
    {
        var text = "install\r\ncdrom\r\n%packages\r\n@core";
        var document = KickstartFixtures.Parse(text, OsRelease.El5);

        Assert.That(document.NewLine, Is.EqualTo("\r\n"));
        Assert.That(document.Commands.Select(c => c.Line.Ending), Is.EqualTo(new[] { "\r\n", "\r\n" }));
        Assert.That(((BodyLine)document.Sections.Single().Body.Single()).Line.Ending, Is.Empty);
        Assert.That(document.Print(), Is.EqualTo(text));
    }

    [Test]
    public void Bytes_that_are_not_utf8_survive_parsing_and_printing()
    {
        byte[] bytes = [.. "# caf"u8, 0xE9, .. " \xff\n"u8, .. "lang fr_FR\n"u8, 0xFE, 0x80, (byte)'\n'];
        var document = KickstartParser.Parse(bytes, "ks.cfg", KickstartDialect.For(OsRelease.El6));
        Assert.That(document.ToBytes(), Is.EqualTo(bytes));
    }

    [TestCase("rootpw --plaintext \"secret\n", 1, "unterminated double quote")]
    [TestCase("install\nbootloader --append='console=ttyS0\n", 2, "unterminated single quote")]
    [TestCase("install\n%include \"/tmp/x\n", 2, "unterminated double quote")]
    public void An_unterminated_quote_is_an_error_naming_file_and_line(string text, int line, string message)
    {
        var error = Assert.Throws<KickstartSyntaxException>(() => KickstartFixtures.Parse(text, OsRelease.El6))!;
        Assert.That(error.Location, Is.EqualTo($"ks.cfg:{line}"));
        Assert.That(error.Message, Does.StartWith(message));
        Assert.That(error.ErrorLine, Does.StartWith($"error: ks.cfg:{line}: unterminated"));
    }

    [TestCase(OsRelease.El7)]
    [TestCase(OsRelease.El9)]
    public void A_section_without_end_is_an_error_from_el7(OsRelease os)
    {
        var atEnd = Assert.Throws<KickstartSyntaxException>(() => KickstartFixtures.Parse("install\n%packages\n@core\n", os))!;
        Assert.That(atEnd.Location, Is.EqualTo("ks.cfg:2"));
        Assert.That(atEnd.Message, Does.Contain("%packages has no %end at the end of the file"));

        var beforeNext = Assert.Throws<KickstartSyntaxException>(() => KickstartFixtures.Parse("%packages\n@core\n%end\n%post\necho\n%pre\n%end\n", os))!;
        Assert.That(beforeNext.Location, Is.EqualTo("ks.cfg:4"));
        Assert.That(beforeNext.Message, Does.Contain("%post has no %end before %pre on line 6"));
    }

    [TestCase("%postinstall\necho\n", OsRelease.El7, 1, "unknown section %postinstall")]
    [TestCase("install\n%end\n", OsRelease.El7, 2, "%end without a section to end")]
    [TestCase("%ksappend http://x/y.ks\n", OsRelease.El5, 1, "%ksappend does not exist in el5's kickstart")]
    [TestCase("%onerror\necho\n", OsRelease.El6, 1, "%onerror does not exist in el6's kickstart")]
    [TestCase("%pre-install\necho\n%end\n", OsRelease.El7, 1, "%pre-install does not exist in el7's kickstart")]
    [TestCase("install\n%include\n", OsRelease.El6, 2, "%include needs a file name")]
    public void An_unknown_section_or_keyword_is_an_error_naming_file_and_line(string text, OsRelease os, int line, string message)
    {
        var error = Assert.Throws<KickstartSyntaxException>(() => KickstartFixtures.Parse(text, os))!;
        Assert.That(error.Location, Is.EqualTo($"ks.cfg:{line}"));
        Assert.That(error.Message, Is.EqualTo(message));
        Assert.That(error, Is.InstanceOf<XenBundleException>());
    }

    [Test]
    public void Sections_of_later_releases_parse_there()
    {
        var text = "%pre-install\necho\n%end\n%onerror\necho\n%end\n%addon com_redhat_kdump --enable\n%end\n%anaconda\npwpolicy root --minlen=6\n%end\n";
        Assert.That(KickstartFixtures.Parse(text, OsRelease.El8).Sections.Select(s => s.Keyword), Is.EqualTo(new[] { "%pre-install", "%onerror", "%addon", "%anaconda" }));
    }

    [Test]
    public void Rhel5_to_7_take_an_option_looking_word_as_a_value_and_rhel8_does_not()
    {
        var el5 = CommandArguments.Read(KickstartFixtures.Parse("bootloader --append --location=mbr\n", OsRelease.El5).Commands.Single().Line, KickstartDialect.For(OsRelease.El5));
        Assert.That(el5.Select(a => (a.Form, a.Option, a.Value)), Is.EqualTo(new[] { (ArgumentForm.Separate, (string?)"--append", "--location=mbr") }));

        var el8 = CommandArguments.Read(KickstartFixtures.Parse("bootloader --append --location=mbr\n", OsRelease.El8).Commands.Single().Line, KickstartDialect.For(OsRelease.El8));
        Assert.That(el8.Select(a => (a.Form, a.Option, a.Value)), Is.EqualTo(new[] { (ArgumentForm.Flag, (string?)"--append", string.Empty), (ArgumentForm.Joined, "--location", "mbr") }));
    }

    [Test]
    public void Dialects_know_which_commands_each_release_has()
    {
        Assert.That(KickstartDialect.For(OsRelease.El5).Commands, Does.Contain("key").And.Contain("langsupport").And.Not.Contain("liveimg"));
        Assert.That(KickstartDialect.For(OsRelease.El7).Commands, Does.Contain("liveimg").And.Contain("install").And.Not.Contain("key"));
        Assert.That(KickstartDialect.For(OsRelease.El9).Commands, Does.Not.Contain("install").And.Not.Contain("upgrade").And.Contain("timesource"));
        Assert.That(KickstartDialect.For(OsRelease.El5).XenConsole, Is.EqualTo("xvc0"));
        Assert.That(KickstartDialect.For(OsRelease.El6).XenConsole, Is.EqualTo("hvc0"));
        Assert.That(KickstartCommands.Find("bootloader")!.Find("--boot-drive")!.ExistsIn(OsRelease.El6), Is.False);
        Assert.That(KickstartCommands.Find("part")!.Find("--ondrive")!.Kind, Is.EqualTo(ValueKind.Disk));
    }
}
