using System.Globalization;
using System.Text.RegularExpressions;
using XenBundle.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace XenBundle.Recipes;

/// <summary>
/// Loads <c>recipe.yaml</c> (recipes/demo/recipe.yaml is one): parses it keeping line numbers,
/// applies command-line overrides, and validates every value. The first problem is
/// a <see cref="RecipeException"/> naming the file, line and key.
/// </summary>
public static partial class RecipeLoader
{
    public const string FileName = "recipe.yaml";

    /// <summary>Mappings and lists nested deeper than this are refused (a recipe needs four levels).</summary>
    public const int MaxNesting = 16;

    /// <summary>The largest recipe read: a real one is under a kilobyte.</summary>
    public const int MaxRecipeChars = 1 << 20;

    /// <summary>The recipe file for a <c>--recipe</c> value: a directory holding recipe.yaml, or a file.</summary>
    public static string Locate(string recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (Directory.Exists(recipe))
        {
            var file = Path.Combine(recipe, FileName);
            return File.Exists(file) ? file : throw new RecipeException("--recipe", $"no {FileName} in '{recipe}'");
        }

        return File.Exists(recipe) ? recipe : throw new RecipeException("--recipe", $"no recipe at '{recipe}'");
    }

    /// <summary>
    /// Loads the recipe at <paramref name="recipe"/> (directory or file). Messages name the
    /// file relative to <paramref name="relativeTo"/> (where the user ran the command) when given.
    /// </summary>
    public static Recipe Load(string recipe, RecipeOverrides? overrides = null, string? relativeTo = null)
    {
        var file = Locate(recipe);
        var display = file;
        if (relativeTo is not null)
        {
            var relative = Path.GetRelativePath(relativeTo, Path.GetFullPath(file));
            display = relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(file) : relative;
        }

        var text = Media.BoundedInput.ReadText(file, display, MaxRecipeChars * 4L, "recipe", ExitCode.BadUsage);
        return Parse(text, display, Path.GetFullPath(file), overrides ?? RecipeOverrides.None);
    }

    /// <summary>Parses recipe text; <paramref name="displayName"/> is used in messages.</summary>
    public static Recipe Parse(string text, string displayName, string fullPath, RecipeOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var root = ReadRoot(text, displayName);
        var directory = Path.GetDirectoryName(fullPath)!;

        var top = new YamlMappingView(root, displayName, string.Empty);
        var name = Require(top, "name", overrides);
        var version = top.Scalar("version");
        if (!overrides.Apply(version).IsSet)
        {
            throw top.Missing("version");
        }

        var os = overrides.Apply(top.Scalar("os"));
        var virt = overrides.Apply(top.Scalar("virt"));
        var media = top.ScalarList("media") ?? throw top.Missing("media");
        var kickstartView = top.Mapping("kickstart") ?? throw top.Missing("kickstart");
        var dom0View = top.Mapping("dom0") ?? throw top.Missing("dom0");
        var domuView = top.Mapping("domu") ?? throw top.Missing("domu");
        top.RejectUnknownKeys();

        var ksMedia = kickstartView.Scalar("media");
        var ksFile = kickstartView.Scalar("file");
        kickstartView.RejectUnknownKeys();

        var dom0Address = Require(dom0View, "address", overrides);
        var export = dom0View.Scalar("export");
        var clients = dom0View.Scalar("clients");
        var allowAnyClient = dom0View.Scalar("allow_any_client");
        var dom0Netmask = dom0View.Scalar("netmask");
        dom0View.RejectUnknownKeys();

        var domuName = Require(domuView, "name", overrides);
        var memory = domuView.Scalar("memory");
        var vcpus = domuView.Scalar("vcpus");
        var diskView = domuView.Mapping("disk");
        var networkView = domuView.Mapping("network");
        domuView.RejectUnknownKeys();

        var diskPath = overrides.Apply(diskView?.Scalar("path") ?? new RecipeField("domu.disk.path", null, domuView.Location));
        var diskSize = diskView?.Scalar("size");
        diskView?.RejectUnknownKeys();

        var netLocation = networkView?.Location ?? domuView.Location;
        RecipeField Net(string key) => overrides.Apply(networkView?.Scalar(key) ?? new RecipeField("domu.network." + key, null, netLocation));
        var address = Net("address");
        var netmask = Net("netmask");
        var gateway = Net("gateway");
        var nameservers = networkView?.ScalarList("nameservers") ?? [];
        var bridge = Net("bridge");
        var mac = Net("mac");
        networkView?.RejectUnknownKeys();

        var parsedVirt = virt.IsSet ? ParseVirt(virt) : VirtType.XenPv;
        var parsedName = ValidName(name, NamePattern(), "[a-z0-9][a-z0-9._-]*");
        var domu = new DomUSettings
        {
            Name = ValidName(domuName, HostNamePattern(), "[A-Za-z0-9][A-Za-z0-9._-]*"),
            MemoryMiB = memory.IsSet ? ValidInt(memory, 0, 128, 1 << 20) : null,
            MemoryLocation = memory.Location,
            Vcpus = ValidInt(vcpus, 1, 1, 512),
            DiskPath = diskPath.IsSet ? ValidAbsolutePath(diskPath) : DomUSettings.DefaultDiskPath(parsedVirt, domuName.Text!),
            DiskSizeGiB = diskSize is null ? 8 : ValidInt(diskSize, 8, 1, 65536),
            Network = ValidNetwork(address, netmask, gateway, nameservers, bridge, mac, parsedVirt),
        };

        var dom0 = new Dom0Settings
        {
            Address = ValidIpv4(dom0Address),
            Export = export.IsSet ? ValidExport(export) : "/var/xen/install",
            Clients = clients.IsSet ? ValidClients(clients, ValidBool(allowAnyClient)) : null,
            AllowAnyClient = ValidBool(allowAnyClient),
            Netmask = dom0Netmask.IsSet ? ValidNetmask(dom0Netmask) : null,
            Location = dom0View.Location,
        };
        CheckGatewayNeeded(dom0, domu.Network, gateway);
        if (ExportDirectory.Holds(dom0.Export, domu.DiskPath))
        {
            // setup.sh replaces the export's content exactly (rsync --delete): a rerun would delete the disk.
            throw diskPath.Error($"'{Printable(domu.DiskPath)}' lies inside dom0.export {dom0.Export}: setup.sh replaces the export's content on every run, deleting the guest's disk, and would export it to the guest; put the disk elsewhere, like {DomUSettings.DefaultDiskPath(parsedVirt, domu.Name)}");
        }

        if (media.Count == 0)
        {
            throw new RecipeException(top.Location, "media: at least one distribution medium is required");
        }

        return new Recipe
        {
            FileName = displayName,
            FilePath = fullPath,
            Name = parsedName,
            Version = ValidVersion(version, overrides),
            Os = os.IsSet ? ParseOs(os) : null,
            OsLocation = os.IsSet ? os.Location : string.Empty,
            Virt = parsedVirt,
            Media = media.Select(m => ExistingMedium(m, directory)).ToList(),
            Kickstart = ValidKickstart(ksMedia, ksFile, kickstartView, directory),
            Dom0 = dom0,
            DomU = domu,
        };
    }

    private static YamlMappingNode ReadRoot(string text, string displayName)
    {
        if (text.Length > MaxRecipeChars)
        {
            throw new RecipeException(displayName, $"{text.Length} characters: a recipe is a page of keys, at most {MaxRecipeChars}");
        }

        var stream = new YamlStream();
        try
        {
            CheckNesting(text, displayName);
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = (ex.InnerException?.Message ?? ex.Message).ReplaceLineEndings(" ");
            throw new RecipeException($"{displayName}:{ex.Start.Line}", $"not valid YAML: {message}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or InvalidCastException)
        {
            // YamlDotNet's scanner fails this way on some malformed text ("a: {b\nc: d").
            throw new RecipeException(displayName, $"not valid YAML: the YAML parser gave up ({ex.Message.ReplaceLineEndings(" ")})");
        }

        if (stream.Documents.Count != 1)
        {
            throw new RecipeException($"{displayName}:1", "a recipe is exactly one YAML document");
        }

        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new RecipeException($"{displayName}:1", "a recipe is a mapping of keys (name:, version:, media:, ...)");
    }

    /// <summary>
    /// Refuses nesting deeper than a recipe has (dom0: domu: network: nameservers: [...])
    /// before the document is built: YamlDotNet builds nodes recursively, and a hostile
    /// recipe of nested brackets would overflow the stack, a crash nothing can catch.
    /// </summary>
    private static void CheckNesting(string text, string displayName)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxNesting)
                    {
                        throw new RecipeException($"{displayName}:{parser.Current.Start.Line}", $"nested more than {MaxNesting} deep: a recipe's keys go {MaxNesting} levels at most");
                    }

                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static RecipeField Require(YamlMappingView view, string key, RecipeOverrides overrides)
    {
        var field = overrides.Apply(view.Scalar(key));
        return field.IsSet ? field : throw view.Missing(key);
    }

    // --release-version=1.4.1 replaces the recipe's version; --release-version=-ci.57 (or
    // +sha.3f2a) adds a pre-release (or build metadata) to it, so that one CI run can give
    // every recipe its own version with the run number.
    private static SemanticVersion ValidVersion(RecipeField recipeVersion, RecipeOverrides overrides)
    {
        var field = overrides.Apply(recipeVersion);
        var text = field.Text!;
        if (text.Length > 0 && text[0] is '-' or '+' && field != recipeVersion)
        {
            if (!SemanticVersion.TryParse(recipeVersion.Text, out var recipe))
            {
                throw recipeVersion.Error($"'{Printable(recipeVersion.Text)}' is not a SemVer 2.0 version (like 1.4.0 or 1.4.1-ci.7)");
            }

            var core = $"{recipe.Major}.{recipe.Minor}.{recipe.Patch}";
            text = text[0] == '-' ? core + text : recipe + text;
        }

        return SemanticVersion.TryParse(text, out var version)
            ? version
            : throw field.Error($"'{Printable(text)}' is not a SemVer 2.0 version (like 1.4.0 or 1.4.1-ci.7)");
    }

    private static string ValidName(RecipeField field, Regex pattern, string shape) =>
        pattern.IsMatch(field.Text!) && field.Text!.Length <= 64
            ? field.Text
            : throw field.Error($"'{Printable(field.Text)}' is not a valid name (expected {shape}, at most 64 characters)");

    private static OsRelease ParseOs(RecipeField field) =>
        RecipeNames.TryParseOs(field.Text!, out var os) ? os : throw field.Error($"'{Printable(field.Text)}' is not one of {string.Join(", ", RecipeNames.OsNames)}");

    private static VirtType ParseVirt(RecipeField field) =>
        RecipeNames.TryParseVirt(field.Text!, out var virt) ? virt : throw field.Error($"'{Printable(field.Text)}' is not one of {string.Join(", ", RecipeNames.VirtNames)}");

    private static int ValidInt(RecipeField field, int fallback, int min, int max)
    {
        if (!field.IsSet)
        {
            return fallback;
        }

        return int.TryParse(field.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw field.Error($"'{Printable(field.Text)}' is not a whole number from {min} to {max}");
    }

    private static Ipv4 ValidIpv4(RecipeField field) =>
        Ipv4.TryParse(field.Text, out var address) ? address : throw field.Error($"'{Printable(field.Text)}' is not an IPv4 address");

    /// <summary>Paths that reach shell scripts and exports(5): absolute, plain characters, no '..'.</summary>
    private static string ValidAbsolutePath(RecipeField field)
    {
        var text = field.Text!;
        if (!SafePathPattern().IsMatch(text) || text.Split('/').Any(p => p is "." or ".."))
        {
            throw field.Error($"'{Printable(text)}' is not an absolute path of letters, digits and ._+-/ without '..'");
        }

        return text;
    }

    private static Ipv4 ValidNetmask(RecipeField field)
    {
        var mask = ValidIpv4(field);
        return mask.IsNetmask ? mask : throw field.Error($"'{field.Text}' is not a netmask (ones then zeros, like 255.255.255.0)");
    }

    private static ExportClients ValidClients(RecipeField field, bool allowAnyClient)
    {
        if (!ExportClients.TryParse(field.Text!, out var clients))
        {
            throw field.Error($"'{Printable(field.Text)}' is not an address, a network (a.b.c.d/24), a host name or '*'");
        }

        return !clients.CoversEverything || allowAnyClient
            ? clients
            : throw field.Error($"'{clients}' lets any host that reaches the Dom0 mount the install tree, reading every file as root (no_root_squash); name the guest's network instead, or set dom0.allow_any_client: true to mean it");
    }

    private static bool ValidBool(RecipeField field) => field.Text switch
    {
        null or "" or "false" => false,
        "true" => true,
        _ => throw field.Error($"'{Printable(field.Text)}' is not true or false"),
    };

    /// <summary>The export directory: a path fit for scripts (see <see cref="ValidAbsolutePath"/>) that <see cref="ExportDirectory"/> allows.</summary>
    private static string ValidExport(RecipeField field)
    {
        var path = field.Text!;
        if (ExportDirectory.Problem(path) is { } problem)
        {
            throw field.Error($"'{Printable(path)}' {problem}");
        }

        return ValidAbsolutePath(field);
    }

    private static NetworkSettings ValidNetwork(RecipeField address, RecipeField netmask, RecipeField gateway, IReadOnlyList<RecipeField> nameservers, RecipeField bridge, RecipeField mac, VirtType virt)
    {
        Ipv4? parsedAddress = address.IsSet ? ValidIpv4(address) : null;
        Ipv4? parsedMask = netmask.IsSet ? ValidNetmask(netmask) : null;

        if (parsedAddress is not null && parsedMask is null)
        {
            throw netmask.Error("required when domu.network.address is set");
        }

        if (parsedAddress is null && (parsedMask is not null || gateway.IsSet))
        {
            throw (parsedMask is not null ? netmask : gateway).Error("only meaningful with domu.network.address (without an address the guest uses DHCP)");
        }

        if (mac.IsSet && !MacPattern().IsMatch(mac.Text!))
        {
            throw mac.Error($"'{Printable(mac.Text)}' is not a MAC address like 00:16:3e:12:34:56");
        }

        if (mac.IsSet && (Convert.ToInt32(mac.Text![..2], 16) & 1) == 1)
        {
            throw mac.Error($"'{mac.Text}' is a multicast address; a guest needs a unicast MAC");
        }

        if (bridge.IsSet && !BridgePattern().IsMatch(bridge.Text!))
        {
            throw bridge.Error($"'{Printable(bridge.Text)}' is not a network interface name (letters, digits, ._-, at most 15)");
        }

        return new NetworkSettings
        {
            Address = parsedAddress,
            Netmask = parsedMask,
            Gateway = gateway.IsSet ? ValidIpv4(gateway) : null,
            Nameservers = nameservers.Select(ValidIpv4).ToList(),
            Bridge = bridge.IsSet ? bridge.Text! : virt == VirtType.Kvm ? "virbr0" : "xenbr0",
            Mac = mac.IsSet ? mac.Text!.ToLowerInvariant() : null,
        };
    }

    // The guest fetches its kickstart and packages from the Dom0 during the install: on
    // another network it can only reach it through a gateway.
    private static void CheckGatewayNeeded(Dom0Settings dom0, NetworkSettings network, RecipeField gateway)
    {
        if (network is { Address: { } address, Netmask: { } mask, Gateway: null } && !address.SameNetwork(dom0.Address, mask))
        {
            throw gateway.Error($"required: the guest {address}/{mask.PrefixLength} is not on the Dom0's network ({dom0.Address})");
        }

        if (network is { Address: { } a, Netmask: { } m, Gateway: { } g } && !a.SameNetwork(g, m))
        {
            throw gateway.Error($"{g} is not on the guest's network {a.Network(m)}/{m.PrefixLength}");
        }
    }

    private static string ExistingMedium(RecipeField field, string directory)
    {
        var path = PathBeside(field, directory);
        if (Directory.Exists(path))
        {
            return path;
        }

        if (File.Exists(path))
        {
            return path.EndsWith(".iso", StringComparison.OrdinalIgnoreCase)
                ? path
                : throw field.Error($"'{field.Text}' is neither an ISO image (.iso) nor a directory");
        }

        throw field.Error($"'{field.Text}' does not exist (paths are relative to the recipe file)");
    }

    private static KickstartSource ValidKickstart(RecipeField media, RecipeField file, YamlMappingView view, string directory)
    {
        if (!file.IsSet)
        {
            throw view.Missing("file");
        }

        if (media.IsSet)
        {
            var medium = ExistingMedium(media, directory);
            var inside = file.Text!.TrimStart('/');
            return Tree.TreePath.Problem(inside) is { } problem
                ? throw file.Error(problem)
                : new KickstartSource { Media = medium, File = inside };
        }

        var path = PathBeside(file, directory);
        return File.Exists(path)
            ? new KickstartSource { File = path }
            : throw file.Error($"'{file.Text}' does not exist (relative to the recipe file, since kickstart.media is not set)");
    }

    /// <summary>A path the recipe gives, relative to its directory; control characters (NUL among them) are refused.</summary>
    private static string PathBeside(RecipeField field, string directory)
    {
        var text = field.Text!;
        if (text.Length == 0 || text.Any(char.IsControl))
        {
            throw field.Error($"'{Printable(text)}' is not a path (empty, or with control characters)");
        }

        return Path.GetFullPath(Path.Combine(directory, text));
    }

    private static string Printable(string? text) => Tree.TreePath.Printable(text ?? string.Empty);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    internal static partial Regex HostNamePattern();

    [GeneratedRegex(@"^/[A-Za-z0-9._+/-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafePathPattern();

    [GeneratedRegex(@"^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MacPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex BridgePattern();
}
