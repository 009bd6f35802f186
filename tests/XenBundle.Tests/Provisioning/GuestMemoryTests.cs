using XenBundle.Tests.Support;

namespace XenBundle.Tests.Provisioning;

/// <summary>
/// domu.memory: without it a guest gets what its release's installer needs (libosinfo's
/// figures, which virt-install itself applies when not given --memory); a recipe's value
/// wins, with a warning naming the key when it is below that. README.txt names the guest type.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class GuestMemoryTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("guest-memory");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCase("el5", "xen-pv", 512)]
    [TestCase("el6", "xen-pv", 512)]
    [TestCase("el7", "kvm", 1536)]
    [TestCase("el8", "kvm", 3072)]
    [TestCase("el9", "kvm", 3072)]
    [TestCase("el9", "xen-hvm", 3072)]
    public void Without_domu_memory_the_guest_gets_what_its_installer_needs(string os, string virt, int expected)
    {
        var provisioning = Provision(WithoutMemory(GuestRecipes.Yaml(os, virt, dom0: "  clients: 192.168.50.0/24")));

        var script = Text(provisioning, "dom0/virt-install.sh");
        Assert.That(script, Does.Contain($"--memory {expected} \\").And.Contain($"--ram {expected} \\"));
        Assert.That(Text(provisioning, "README.txt"), Does.Contain($"memory      {expected} MiB"));
        Assert.That(provisioning.Warnings, Is.Empty);
    }

    [Test]
    public void The_recipes_memory_wins_and_too_little_is_a_warning_naming_the_key()
    {
        var yaml = GuestRecipes.Yaml("el9", "kvm", dom0: "  clients: 192.168.50.0/24", memory: 768);
        var provisioning = Provision(yaml);

        Assert.That(Text(provisioning, "dom0/virt-install.sh"), Does.Contain("--memory 768 \\"));
        Assert.That(provisioning.Warnings, Has.Count.EqualTo(1));
        Assert.That(provisioning.Warnings[0], Does.EndWith(
            $"recipe.yaml:{GuestRecipes.LineOf(yaml, "memory: 768")}: domu.memory: 768 MiB is less than the 1536 MiB the el9 installer needs (libosinfo's minimum): it may run out of memory during the install; leave domu.memory out to get 3072 MiB"));
    }

    [Test]
    public void Enough_memory_is_no_warning()
    {
        Assert.That(Provision(GuestRecipes.Yaml("el7", "kvm", dom0: "  clients: 192.168.50.0/24", memory: 4096)).Warnings, Is.Empty);
        Assert.That(Provision(GuestRecipes.Yaml("el5", "xen-pv", memory: 256)).Warnings, Is.Empty, "EL5's installer needs less than the recipe's lowest 128 MiB");
    }

    [Test]
    public void Readme_names_a_kvm_guest_and_a_check_that_works_for_it()
    {
        var kvm = Text(Provision(WithoutMemory(GuestRecipes.Yaml("el9", "kvm", dom0: "  clients: 192.168.50.0/24"))), "README.txt");
        var xen = Text(Provision(GuestRecipes.Yaml()), "README.txt");

        Assert.That(kvm.Split('\n')[0], Is.EqualTo("demo-1.0.0: the KVM guest bundle of web01"));
        Assert.That(kvm, Does.Not.Match(@"\bXen\b").And.Contain("INSTALL_DIR=$PWD/install dom0/virt-install.sh --dry-run\n").And.Not.Contain("test:///default"));
        Assert.That(xen.Split('\n')[0], Is.EqualTo("demo-1.0.0: the Xen guest bundle of web01"));
        Assert.That(xen, Does.Contain("INSTALL_DIR=$PWD/install dom0/virt-install.sh --connect test:///default --dry-run\n"));
    }

    private static string WithoutMemory(string yaml) => yaml.Replace("  memory: 512\n", string.Empty, StringComparison.Ordinal);

    private XenBundle.Provisioning.Dom0Provisioning Provision(string yaml) => GuestRecipes.Provision(GuestRecipes.Load(_temp, yaml));

    private static string Text(XenBundle.Provisioning.Dom0Provisioning provisioning, string path) => provisioning.Files.Single(f => f.Path == path).Text;
}
