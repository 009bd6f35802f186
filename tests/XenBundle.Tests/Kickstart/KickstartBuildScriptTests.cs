using System.Text;
using Cake.Core;
using Cake.XenBundle;
using Microsoft.Extensions.DependencyInjection;
using XenBundle.Tests.Cake;
using XenBundle.Tests.EndToEnd;
using XenBundle.Tests.Support;

namespace XenBundle.Tests.Kickstart;

/// <summary>TransformKickstart as users run it: ./build.sh alone on one file, in the whole build, and as a Cake alias.</summary>
public sealed class KickstartBuildScriptTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("ks-e2e");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static string DemoKickstart => File.ReadAllText(Path.Combine(Repository.Demo, "media", "acme-ks-cd", "ks.cfg"));

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void Alone_it_rewrites_one_file_with_the_recipes_settings_and_prints_the_changes()
    {
        _temp.Write("in.cfg", DemoKickstart);
        var result = BuildScript.Run(["--target=TransformKickstart", "--exclusive", $"--recipe={Repository.Demo}", "--kickstart=in.cfg", "--output=out/ks.cfg"], workingDirectory: _temp.Path)
            .EnsureSuccess("TransformKickstart alone");

        var output = File.ReadAllText(_temp["out/ks.cfg"]);
        Assert.That(output, Does.Contain("\nnfs --server=192.168.50.1 --dir=/var/xen/install\n").And.Contain("--ondisk=xvda").And.Contain("console=xvc0"));
        Assert.That(result.Output, Does.Contain("in.cfg:3: install from the Dom0's NFS export 192.168.50.1:/var/xen/install (the guest has no CD)"));
        Assert.That(result.Output, Does.Contain("in.cfg:6: the guest's address from the recipe (domu.network), as the boot arguments give it to the installer: eth0 static 192.168.50.20/24 via 192.168.50.1: network --device eth0 --bootproto static --ip 192.168.50.20"));
        var summary = result.Output[result.Output.LastIndexOf("Task", StringComparison.Ordinal)..];
        Assert.That(summary, Does.Contain("TransformKickstart").And.Not.Contain("ExtractMedia"));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void Os_and_virt_on_the_command_line_override_the_recipe()
    {
        _temp.Write("in.cfg", "install\ncdrom\nbootloader --append=\"console=ttyS0\"\npart / --ondisk=sda\ntimezone UTC\nrootpw --iscrypted $6$x$y\nreboot\n%packages\n@core\n%end\n");
        BuildScript.Run(["--target=TransformKickstart", "--exclusive", $"--recipe={Repository.Demo}", "--os=el7", "--virt=kvm", "--kickstart=in.cfg", "--output=out.cfg"], workingDirectory: _temp.Path)
            .EnsureSuccess("TransformKickstart --os=el7 --virt=kvm");

        var output = File.ReadAllText(_temp["out.cfg"]);
        Assert.That(output, Does.Contain("(el7, kvm)").And.Contain("--ondisk=vda").And.Contain("console=ttyS0").And.EndWith("%end\n"));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void Alone_without_output_is_bad_usage()
    {
        _temp.Write("in.cfg", DemoKickstart);
        var result = BuildScript.Run(["--target=TransformKickstart", "--exclusive", $"--recipe={Repository.Demo}", "--kickstart=in.cfg"], workingDirectory: _temp.Path);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(BuildScriptTests.ErrorLines(result), Is.EqualTo(new[] { "error: --output: required with --kickstart: where the rewritten kickstart goes (--output=OUT.cfg)" }));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void A_malformed_kickstart_fails_with_file_and_line_and_writes_nothing()
    {
        _temp.Write("bad.cfg", "install\ncdrom\nbootloader --append=\"console=ttyS0\n");
        var result = BuildScript.Run(["--target=TransformKickstart", "--exclusive", $"--recipe={Repository.Demo}", "--kickstart=bad.cfg", "--output=out.cfg"], workingDirectory: _temp.Path);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(BuildScriptTests.ErrorLines(result), Is.EqualTo(new[] { "error: bad.cfg:3: unterminated double quote (a quote may not span lines)" }));
        Assert.That(result.Output + result.Error, Does.Not.Contain("   at "));
        Assert.That(Directory.GetFiles(_temp.Path), Is.EqualTo(new[] { _temp["bad.cfg"] }));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void Alone_with_a_recipe_without_os_asks_for_os()
    {
        var recipe = RecipeText.Write(_temp, RecipeText.Valid().Replace("os: el5\n", string.Empty, StringComparison.Ordinal));
        _temp.Write("in.cfg", DemoKickstart);
        var result = BuildScript.Run(["--target=TransformKickstart", "--exclusive", $"--recipe={recipe}", "--kickstart=in.cfg", "--output=out.cfg"], workingDirectory: _temp.Path);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(BuildScriptTests.ErrorLines(result).Single(), Does.EndWith("os: not set, and the media are not read when a kickstart is rewritten alone: give --os=el5..el9"));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void Its_task_runs_after_merge_repositories_whose_repository_the_kickstart_names()
    {
        var result = BuildScript.Run("--target=TransformKickstart", "--dryrun").EnsureSuccess("--dryrun");

        var steps = result.Output.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^[0-9]+\. ")).ToList();
        Assert.That(steps, Is.EqualTo(new[] { "1. ExtractMedia", "2. MergeRepositories", "3. TransformKickstart" }));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void Exclusive_without_a_kickstart_needs_extract_media()
    {
        var result = BuildScript.Run("--target=TransformKickstart", "--exclusive", $"--artifacts={_temp["artifacts"]}");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("error: --exclusive: TransformKickstart needs what ExtractMedia produces"));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void The_demo_bundle_carries_the_transformed_kickstart_and_its_report_the_diff()
    {
        BuildScript.Run($"--artifacts={_temp["artifacts"]}").EnsureSuccess("./build.sh");

        Tool.Run("tar", "-xzf", _temp["artifacts/demo-1.0.0.tar.gz"], "-C", _temp.Path).EnsureSuccess("tar -x");
        var kickstart = File.ReadAllText(_temp["demo-1.0.0/install/ks/kickstart.cfg"], Encoding.Latin1);
        Assert.That(kickstart, Does.StartWith("# xenbundle: demo 1.0.0 (el5, xen-pv)"));
        Assert.That(kickstart, Does.Contain("\nnfs --server=192.168.50.1 --dir=/var/xen/install\n").And.Contain("\nkernel-xen\n").And.Contain("set -- RPMS ks.cfg postinstall\n"));
        Assert.That(kickstart, Does.Not.Match("(?m)^cdrom$").And.Not.Contain("=sda").And.Not.Match("(?m)^%end"));

        var report = File.ReadAllText(_temp["artifacts/demo-1.0.0.report.md"]);
        Assert.That(report, Does.Contain("## Kickstart").And.Contain("```diff\n--- source\n+++ transformed\n"));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void A_kickstart_that_would_stop_to_ask_fails_the_build_in_one_line_and_leaves_no_bundle()
    {
        var media = RecipeText.CopyDemoMedia(_temp);
        WithoutLines(Path.Combine(media, "acme-ks-cd", "ks.cfg"), "rootpw ", "timezone ");
        var recipe = RecipeText.Write(_temp, RecipeText.Valid(media));

        var result = BuildScript.Run([$"--recipe={recipe}", $"--artifacts={_temp["artifacts"]}"], workingDirectory: _temp.Path);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(BuildScriptTests.ErrorLines(result), Is.EqualTo(new[] { "error: ks.cfg: the install would stop to ask for a time zone (timezone) and a root password (rootpw)" }));
        Assert.That(result.Output + result.Error, Does.Not.Contain("   at "));
        Assert.That(Directory.Exists(_temp["artifacts"]) ? Directory.GetFiles(_temp["artifacts"], "*.tar.gz") : [], Is.Empty);
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void With_allow_interactive_it_builds_and_warns()
    {
        var media = RecipeText.CopyDemoMedia(_temp);
        WithoutLines(Path.Combine(media, "acme-ks-cd", "ks.cfg"), "rootpw ");
        var recipe = RecipeText.Write(_temp, RecipeText.Valid(media));

        var result = BuildScript.Run([$"--recipe={recipe}", $"--artifacts={_temp["artifacts"]}", "--allow-interactive"], workingDirectory: _temp.Path)
            .EnsureSuccess("./build.sh --allow-interactive");

        Assert.That(result.Output, Does.Contain("ks.cfg: the install would stop to ask for a root password (rootpw) (--allow-interactive)"));
        Assert.That(File.Exists(_temp["artifacts/web-1.4.0.tar.gz"]));
        Assert.That(File.ReadAllText(_temp["artifacts/web-1.4.0.report.md"]), Does.Contain("- ks.cfg: the install would stop to ask for a root password (rootpw)"));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void Alone_the_same_rule_holds_and_allow_interactive_lets_the_file_be_written()
    {
        _temp.Write("in.cfg", "install\ncdrom\n");

        var refused = BuildScript.Run(["--target=TransformKickstart", "--exclusive", $"--recipe={Repository.Demo}", "--kickstart=in.cfg", "--output=out.cfg"], workingDirectory: _temp.Path);
        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(BuildScriptTests.ErrorLines(refused).Single(), Does.StartWith("error: in.cfg: the install would stop to ask for a language (lang), "));
        Assert.That(File.Exists(_temp["out.cfg"]), Is.False);

        BuildScript.Run(["--target=TransformKickstart", "--exclusive", $"--recipe={Repository.Demo}", "--kickstart=in.cfg", "--output=out.cfg", "--allow-interactive=true"], workingDirectory: _temp.Path)
            .EnsureSuccess("TransformKickstart --allow-interactive=true");
        Assert.That(File.ReadAllText(_temp["out.cfg"]), Does.Contain("\nnfs --server=192.168.50.1"));

        var bad = BuildScript.Run(["--target=TransformKickstart", "--exclusive", $"--recipe={Repository.Demo}", "--kickstart=in.cfg", "--output=out.cfg", "--allow-interactive=maybe"], workingDirectory: _temp.Path);
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(BuildScriptTests.ErrorLines(bad), Is.EqualTo(new[] { "error: --allow-interactive: 'maybe' is not true or false (--allow-interactive alone means true)" }));
    }

    [Category(TestCategories.EndToEnd)]
    [Test]
    public void The_demo_builds_without_any_warning_and_the_guest_comes_up_static()
    {
        var result = BuildScript.Run($"--artifacts={_temp["artifacts"]}").EnsureSuccess("./build.sh");

        var report = File.ReadAllText(_temp["artifacts/demo-1.0.0.report.md"]);
        Assert.That(report, Does.Contain("with 21 changes and 0 warnings").And.Contain("## Warnings\n\nNone."));
        Assert.That(result.Output + result.Error, Does.Contain("ks.cfg: 21 changes, 0 warnings"));
        Tool.Run("tar", "-xzf", _temp["artifacts/demo-1.0.0.tar.gz"], "-C", _temp.Path).EnsureSuccess("tar -x");
        Assert.That(File.ReadAllText(_temp["demo-1.0.0/install/ks/kickstart.cfg"]), Does.Contain("\nnetwork --device eth0 --bootproto static --ip 192.168.50.20 --netmask 255.255.255.0 --gateway 192.168.50.1 --nameserver 192.168.50.2 --hostname web01\n"));
    }

    private static void WithoutLines(string file, params string[] starts)
    {
        var lines = File.ReadAllLines(file).Where(l => !starts.Any(s => l.StartsWith(s, StringComparison.Ordinal)));
        File.WriteAllText(file, string.Join('\n', lines) + "\n");
    }

    [Category(TestCategories.Unit)]
    [Test]
    public void The_cake_alias_rewrites_a_kickstart_through_a_real_context()
    {
        using var services = CakeAliasTests.CakeServices();
        var context = services.GetRequiredService<ICakeContext>();
        context.Environment.WorkingDirectory = Repository.Root; // Cake makes it the process's: it must outlive the test
        _temp.Write("in.cfg", DemoKickstart);

        var recipe = context.XenBundleLoadRecipe(new global::Cake.Core.IO.DirectoryPath("recipes/demo"));
        var result = context.XenBundleTransformKickstart(new global::Cake.Core.IO.FilePath(_temp["in.cfg"]), new global::Cake.Core.IO.FilePath(_temp["out.cfg"]), recipe);

        Assert.That(File.ReadAllBytes(_temp["out.cfg"]), Is.EqualTo(result.Kickstart));
        // Every change of the demo's kickstart, in the order the rules make them: one missing,
        // one more, or one with other text (a setting of the recipe lost on the way) fails.
        Assert.That(result.Changes.Select(c => (c.Line.ToString(), c.Before, c.After)), Is.EqualTo(new[]
        {
            ("in.cfg:3", "cdrom", "nfs --server=192.168.50.1 --dir=/var/xen/install"),
            ("in.cfg:32", "mount -t iso9660 /dev/cdrom /mnt/cdrom", "mount -t nfs -o ro,nolock 192.168.50.1:/var/xen/install /mnt/cdrom"),
            ("in.cfg:12", "bootloader --location=mbr --driveorder=sda --append=\"console=ttyS0,115200n8 console=tty0\"", "bootloader --location=mbr --driveorder=xvda --append=\"console=ttyS0,115200n8 console=tty0\""),
            ("in.cfg:15", "clearpart --all --drives=sda", "clearpart --all --drives=xvda"),
            ("in.cfg:16", "part /boot --fstype ext3 --size=100 --ondisk=sda", "part /boot --fstype ext3 --size=100 --ondisk=xvda"),
            ("in.cfg:17", "part pv.2 --size=0 --grow --ondisk=sda", "part pv.2 --size=0 --grow --ondisk=xvda"),
            ("in.cfg:12", "bootloader --location=mbr --driveorder=xvda --append=\"console=ttyS0,115200n8 console=tty0\"", "bootloader --location=mbr --driveorder=xvda --append=\"console=tty0 console=xvc0\""),
            ("in.cfg:13", "serial --unit=0 --speed=115200", "# xenbundle-disabled: serial --unit=0 --speed=115200"),
            ("in.cfg:37", "echo \"S0:2345:respawn:/sbin/agetty ttyS0 115200 vt100\" >> /etc/inittab", "# xenbundle-disabled: echo \"S0:2345:respawn:/sbin/agetty ttyS0 115200 vt100\" >> /etc/inittab"),
            ("in.cfg:38", "echo ttyS0 >> /etc/securetty", "# xenbundle-disabled: echo ttyS0 >> /etc/securetty"),
            ("in.cfg:26", "kernel", "kernel-xen"),
            ("in.cfg:14", "zerombr yes", "zerombr"),
            ("in.cfg:15", "clearpart --all --drives=xvda", "clearpart --all --drives=xvda --initlabel"),
            ("in.cfg:21", "", "text"),
            ("in.cfg:21", "", "skipx"),
            ("in.cfg:21", "", "key --skip"),
            ("in.cfg:6", "network --device eth0 --bootproto dhcp", "network --device eth0 --bootproto static --ip 192.168.50.20 --netmask 255.255.255.0 --gateway 192.168.50.1 --nameserver 192.168.50.2 --hostname web01"),
            ("in.cfg:1", "", "# xenbundle: demo 1.0.0 (el5, xen-pv), made by XenBundle from a kickstart CD\n# xenbundle: source in.cfg, SHA-256 5bd29c424695c2d8bcbb8372e9e291c5294dcdd9c45c1d5ae9ddba8721374e03"),
            ("in.cfg:38", "", "\n# xenbundle: record what this guest was built from\n%post\nprintf '%s\\n' NAME=demo VERSION=1.0.0 > /etc/xenbundle-release"),
        }));
        Assert.That(result.Warnings.Select(w => w.ToString()), Is.EqualTo(new[]
        {
            "in.cfg:32: this %post runs in the installed system, where mounting NFS needs mount.nfs (package nfs-utils); %packages does not list nfs-utils (a group may bring it)",
            "the kickstart CD's files are not known (its media were not read): no %post copies them to /tmp/postinstall_files",
        }), "alone, the alias reads no media: what a full build would know is warned about");
    }
}
