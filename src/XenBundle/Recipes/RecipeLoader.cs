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

        // In the order the keys were always checked, so that the first problem reported stays the same.
        var dom0Ip = ValidIpv4(dom0Address);
        var exportDirectory = export.IsSet ? ValidExport(export) : ExportDirectory.Default;
        var anyClient = ValidBool(allowAnyClient);
        var parsedClients = clients.IsSet ? ValidClients(clients, anyClient) : null;
        Ipv4? parsedDom0Netmask = dom0Netmask.IsSet ? ValidNetmask(dom0Netmask) : null;
        CheckGatewayNeeded(dom0Ip, domu.Network, gateway);
        if (ExportDirectory.Holds(exportDirectory, domu.DiskPath))
        {
            // setup.sh replaces the export's content exactly (rsync --delete): a rerun would delete the disk.
            throw diskPath.Error($"'{Printable(domu.DiskPath)}' lies inside dom0.export {exportDirectory}: setup.sh replaces the export's content on every run, deleting the guest's disk, and would export it to the guest; put the disk elsewhere, like {DomUSettings.DefaultDiskPath(parsedVirt, domu.Name)}");
        }

        if (media.Count == 0)
        {
            throw new RecipeException(top.Location, "media: at least one distribution medium is required");
        }

        var parsedVersion = ValidVersion(version, overrides);
        OsRelease? parsedOs = os.IsSet ? ParseOs(os) : null;
        var mediaPaths = media.Select(m => ExistingMedium(m, directory)).ToList();
        var kickstart = ValidKickstart(ksMedia, ksFile, kickstartView, directory);
        return new Recipe
        {
            FileName = displayName,
            FilePath = fullPath,
            Digest = DigestOf(text, displayName, fullPath, overrides),
            Name = parsedName,
            Version = parsedVersion,
            Os = parsedOs,
            OsLocation = os.IsSet ? os.Location : string.Empty,
            Virt = parsedVirt,
            Media = mediaPaths,
            Kickstart = kickstart,
            Dom0 = new Dom0Settings
            {
                Address = dom0Ip,
                Export = exportDirectory,
                Clients = parsedClients,
                MountedBy = MountedBy(parsedClients, domu.Network, dom0Ip, parsedDom0Netmask, dom0View.Location.Length > 0 ? dom0View.Location : displayName),
                AllowAnyClient = anyClient,
                Netmask = parsedDom0Netmask,
                Location = dom0View.Location,
            },
            DomU = domu,
        };
    }

    private static string DigestOf(string text, string displayName, string fullPath, RecipeOverrides overrides)
    {
        var parts = new List<string> { "recipe 1", displayName, fullPath, text };
        parts.AddRange(overrides.Values.Select(o => $"--{o.Option}\0{o.Key}\0{o.Value}"));
        // Each part's length first, so that no two lists of parts give the same bytes.
        var joined = string.Concat(parts.Select(p => $"{p.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{p}"));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(joined)));
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
}
