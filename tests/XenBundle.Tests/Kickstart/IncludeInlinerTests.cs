using System.Text;
using XenBundle.Kickstart.Rewriters;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>%include of a file on the kickstart CD is followed (its lines take the include's place); others stay.</summary>
[Category(TestCategories.Unit)]
public sealed class IncludeInlinerTests
{
    private static readonly IncludeInliner Rule = new();

    private static Func<string, IncludedFile?> Files(params (string Path, string Text)[] files) => include =>
        files.Where(f => IncludePaths.OnMedium(include, "ks").Contains(f.Path)).Select(f => new IncludedFile("cd:/" + f.Path, Encoding.Latin1.GetBytes(f.Text))).FirstOrDefault();

    [Test]
    public void A_top_level_include_on_the_cd_is_replaced_by_its_lines()
    {
        var resolve = Files(("ks/common.cfg", "# common\nlang en_US\nkeyboard us"));
        var result = KickstartFixtures.Apply(Rule, "install\n%include /mnt/source/ks/common.cfg\nreboot\n", OsRelease.El5, resolve: resolve);

        Assert.That(result.Text(), Is.EqualTo("install\n# xenbundle: %include /mnt/source/ks/common.cfg inlined from cd:/ks/common.cfg\n# common\nlang en_US\nkeyboard us\nreboot\n"));
        var change = result.Changes.Single();
        Assert.That((change.Line.ToString(), change.Before), Is.EqualTo(("ks.cfg:2", "%include /mnt/source/ks/common.cfg")));
    }

    [Test]
    public void Included_lines_keep_their_own_file_and_line_for_later_rules()
    {
        var resolve = Files(("ks/disks.cfg", "zerombr\npart / --ondisk=sda\n"));
        var document = KickstartFixtures.Apply(Rule, "%include disks.cfg\n", OsRelease.El6, resolve: resolve).Document;
        Assert.That(document.Commands.Select(c => c.Source.ToString()), Is.EqualTo(new[] { "cd:/ks/disks.cfg:1", "cd:/ks/disks.cfg:2" }));

        var result = KickstartFixtures.Transform("%include /mnt/source/ks/disks.cfg\n", OsRelease.El5, allowInteractive: true);
        Assert.That(result.Changes.Where(c => c.Why.StartsWith("disk names", StringComparison.Ordinal)).Select(c => c.Line.ToString()), Is.EqualTo(new[] { "ks-cd:/ks/disks.cfg:2", "ks-cd:/ks/disks.cfg:3", "ks-cd:/ks/disks.cfg:4", "ks-cd:/ks/disks.cfg:5" }));
    }

    [Test]
    public void Includes_inside_sections_and_nested_includes_are_followed()
    {
        var resolve = Files(("ks/pkgs.lst", "@core\n%include /mnt/cdrom/ks/more.lst\n"), ("ks/more.lst", "vim-enhanced"));
        var result = KickstartFixtures.Apply(Rule, "%packages\n%include /mnt/cdrom/ks/pkgs.lst\nacme-tools\n%end\n", OsRelease.El7, resolve: resolve);

        Assert.That(result.Text(), Is.EqualTo(
            "%packages\n# xenbundle: %include /mnt/cdrom/ks/pkgs.lst inlined from cd:/ks/pkgs.lst\n@core\n# xenbundle: %include /mnt/cdrom/ks/more.lst inlined from cd:/ks/more.lst\nvim-enhanced\nacme-tools\n%end\n"));
    }

    [Test]
    public void A_file_included_inside_a_section_may_not_end_it()
    {
        var resolve = Files(("ks/pkgs.lst", "@core\n%end\nreboot\n"));
        var error = Assert.Throws<KickstartSyntaxException>(() => KickstartFixtures.Apply(Rule, "%packages\n%include pkgs.lst\n%end\n", OsRelease.El7, resolve: resolve))!;
        Assert.That(error.ErrorLine, Is.EqualTo("error: cd:/ks/pkgs.lst:2: %end in a file included inside a section: write the section's end in the kickstart itself"));
    }

    [Test]
    public void An_include_made_at_install_time_stays_with_a_warning()
    {
        var result = KickstartFixtures.Apply(Rule, "%include /tmp/part-include\n", OsRelease.El6, resolve: Files());
        Assert.That(result.Text(), Is.EqualTo("%include /tmp/part-include\n"));
        Assert.That(result.Messages(), Is.EqualTo(new[] { "ks.cfg:1: %include /tmp/part-include is not on the kickstart media (a %pre script may write it at install time): left as it is; disk names in it are not renamed" }));
    }

    [Test]
    public void An_include_that_includes_itself_is_an_error()
    {
        var resolve = Files(("ks/loop.cfg", "%include /mnt/source/ks/loop.cfg\n"));
        var error = Assert.Throws<KickstartSyntaxException>(() => KickstartFixtures.Apply(Rule, "%include /mnt/source/ks/loop.cfg\n", OsRelease.El6, resolve: resolve))!;
        Assert.That(error.Location, Is.EqualTo("cd:/ks/loop.cfg:1"));
        Assert.That(error.Message, Does.Contain("includes itself"));
    }

    [Test]
    public void Ksappend_from_a_server_stays_quietly_and_from_local_media_with_a_warning()
    {
        Assert.That(KickstartFixtures.Apply(Rule, "%ksappend http://ks.example/common.ks\n", OsRelease.El6).Warnings, Is.Empty);
        Assert.That(KickstartFixtures.Apply(Rule, "%ksappend file:///mnt/source/common.ks\n", OsRelease.El6).Messages().Single(), Does.Contain("the guest reads it at install time and has no CD"));
    }

    [Test]
    public void Include_paths_map_to_the_medium_only_through_cd_mount_points_or_relative_to_the_kickstart()
    {
        Assert.That(IncludePaths.OnMedium("/mnt/source/ks/a.cfg", ""), Is.EqualTo(new[] { "ks/a.cfg" }));
        Assert.That(IncludePaths.OnMedium("/run/install/repo/ks/a.cfg", ""), Is.EqualTo(new[] { "ks/a.cfg" }));
        Assert.That(IncludePaths.OnMedium("a.cfg", "ks"), Is.EqualTo(new[] { "ks/a.cfg" }));
        Assert.That(IncludePaths.OnMedium("../b.cfg", "ks"), Is.EqualTo(new[] { "b.cfg" }));
        Assert.That(IncludePaths.OnMedium("../../etc/passwd", "ks"), Is.Empty);
        Assert.That(IncludePaths.OnMedium("/tmp/part-include", ""), Is.Empty);
    }
}
