using XenBundle.Kickstart.Rewriters;
using XenBundle.Model;

namespace XenBundle.Tests.Kickstart;

/// <summary>Rule 4: no ttyS in a Xen PV guest; its console is xvc0 (EL5) or hvc0 (EL6+).</summary>
[Category(TestCategories.Unit)]
public sealed class SerialConsoleRewriterTests
{
    private static readonly SerialConsoleRewriter Rule = new();

    [TestCase(OsRelease.El5, "bootloader --append=\"console=tty0 console=xvc0\"")]
    [TestCase(OsRelease.El6, "bootloader --append=\"console=tty0 console=hvc0\"")]
    [TestCase(OsRelease.El9, "bootloader --append=\"console=tty0 console=hvc0\"")]
    public void The_first_serial_console_becomes_the_pv_console_and_comes_last(OsRelease os, string expected)
    {
        var result = KickstartFixtures.Apply(Rule, "bootloader --append=\"console=ttyS0,115200n8 console=tty0\"\n", os);
        Assert.That(result.Text(), Is.EqualTo(expected + "\n"));
    }

    [Test]
    public void Other_serial_consoles_go_and_the_rest_of_the_append_stays()
    {
        var result = KickstartFixtures.Apply(Rule, "bootloader --location mbr --append 'crashkernel=auto console=ttySG0 quiet console=ttyS1,9600'\n", OsRelease.El6);
        Assert.That(result.Text(), Is.EqualTo("bootloader --location mbr --append 'crashkernel=auto console=hvc0 quiet'\n"));
    }

    [Test]
    public void The_pv_console_goes_after_the_last_other_console_and_the_rest_keeps_its_order()
    {
        var result = KickstartFixtures.Apply(Rule, "bootloader --append=\"console=ttyS0 quiet console=tty0 rhgb console=ttyS1\"\n", OsRelease.El6);
        Assert.That(result.Text(), Is.EqualTo("bootloader --append=\"quiet console=tty0 console=hvc0 rhgb\"\n"));
    }

    [Test]
    public void An_append_without_any_console_is_not_touched()
    {
        // The PV kernel's default console is the PV console.
        var result = KickstartFixtures.Apply(Rule, "bootloader --append=\"rhgb   quiet\"\n", OsRelease.El6);
        Assert.That(result.Changes, Is.Empty);
    }

    // Without a serial console the last console= still decides /dev/console: tty0 alone would
    // leave a --nographics guest's boot messages and init on a framebuffer nobody sees.
    [TestCase(OsRelease.El5, "console=tty0 rhgb quiet", "console=tty0 console=xvc0 rhgb quiet")]
    [TestCase(OsRelease.El7, "console=tty0 rhgb quiet", "console=tty0 console=hvc0 rhgb quiet")]
    [TestCase(OsRelease.El6, "console=hvc0 console=tty0", "console=tty0 console=hvc0")]
    [TestCase(OsRelease.El6, "quiet console=tty0 console=hvc0", null)]
    public void The_pv_console_is_added_or_moved_last_when_the_append_names_another_console(OsRelease os, string append, string? expected)
    {
        var result = KickstartFixtures.Apply(Rule, $"bootloader --append=\"{append}\"\n", os);

        Assert.That(result.Text(), Is.EqualTo($"bootloader --append=\"{expected ?? append}\"\n"));
        Assert.That(result.Changes.Select(c => c.Why), expected is null ? Is.Empty : Is.EqualTo(new[] { $"the last console= is /dev/console, and a Xen PV guest shows only console={(os == OsRelease.El5 ? "xvc0" : "hvc0")}" }));
    }

    [TestCase(VirtType.XenHvm)]
    [TestCase(VirtType.Kvm)]
    public void Hvm_and_kvm_guests_have_a_serial_port_and_keep_it(VirtType virt)
    {
        var text = "bootloader --append=\"console=ttyS0\"\n%post\necho ttyS0 >> /etc/securetty\n%end\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El7, virt);
        Assert.That(result.Text(), Is.EqualTo(text));
    }

    [TestCase(VirtType.XenPv)]
    [TestCase(VirtType.Kvm)]
    public void The_grub_serial_line_is_disabled_on_every_guest(VirtType virt)
    {
        var result = KickstartFixtures.Apply(Rule, "reboot\nserial --unit=0 --speed=115200\nzerombr\n", OsRelease.El5, virt);
        Assert.That(result.Text(), Is.EqualTo("reboot\n# xenbundle-disabled: serial --unit=0 --speed=115200\nzerombr\n"));
        Assert.That(result.Changes.Single().Why, Does.Contain("not a kickstart command"));
    }

    [Test]
    public void Post_lines_adding_serial_gettys_are_disabled_with_the_marker()
    {
        var text = """
            %post
            echo "S0:2345:respawn:/sbin/agetty ttyS0 115200 vt100" >> /etc/inittab
              echo ttyS0 >> /etc/securetty
            cat >> /etc/inittab <<EOF
            S1:2345:respawn:/sbin/agetty -L ttyS1 9600 vt100
            x:5:respawn:/etc/X11/prefdm -nodaemon
            EOF
            systemctl enable serial-getty@ttyS0.service
            echo ttyS0 > /tmp/not-a-getty
            """ + "\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El5);

        Assert.That(result.Text(), Is.EqualTo("""
            %post
            # xenbundle-disabled: echo "S0:2345:respawn:/sbin/agetty ttyS0 115200 vt100" >> /etc/inittab
              # xenbundle-disabled: echo ttyS0 >> /etc/securetty
            cat >> /etc/inittab <<EOF
            # xenbundle-disabled: S1:2345:respawn:/sbin/agetty -L ttyS1 9600 vt100
            x:5:respawn:/etc/X11/prefdm -nodaemon
            EOF
            # xenbundle-disabled: systemctl enable serial-getty@ttyS0.service
            echo ttyS0 > /tmp/not-a-getty
            """ + "\n"));
        Assert.That(result.Changes.Select(c => c.Line.Number), Is.EqualTo(new[] { 2, 3, 5, 8 }));
    }

    [Test]
    public void An_upstart_serial_job_goes_as_a_whole_here_document()
    {
        var text = "%post\ncat > /etc/init/ttyS0.conf <<'EOT'\nrespawn\nexec /sbin/agetty /dev/ttyS0 115200\nEOT\necho done\n%end\n";
        var result = KickstartFixtures.Apply(Rule, text, OsRelease.El6);
        Assert.That(result.Text(), Is.EqualTo("%post\n# xenbundle-disabled: cat > /etc/init/ttyS0.conf <<'EOT'\n# xenbundle-disabled: respawn\n# xenbundle-disabled: exec /sbin/agetty /dev/ttyS0 115200\n# xenbundle-disabled: EOT\necho done\n%end\n"));
    }

    [Test]
    public void A_post_that_sets_a_serial_console_otherwise_is_reported()
    {
        var result = KickstartFixtures.Apply(Rule, "%post\ngrubby --update-kernel=ALL --args=console=ttyS0\n%end\n", OsRelease.El7);
        Assert.That(result.Changes, Is.Empty);
        Assert.That(result.Messages().Single(), Does.StartWith("ks.cfg:2: %post sets a serial console"));
    }
}
