using XenBundle.Tests.Support;

namespace XenBundle.Tests.EndToEnd;

/// <summary>
/// What ./build.sh prints, as a user (or a CI log) sees it: hostile values escaped on the
/// console at any verbosity, and a failure as exactly one <c>error:</c> line on stderr, with
/// no colour codes when stderr is a file, in our words, naming the option, found before any
/// work, with the same exit code for the same kind of mistake.
/// </summary>
[Category(TestCategories.EndToEnd)]
public sealed class ConsoleOutputTests
{
    private const string Escapes = "\u001b]0;PWN\u0007\u001b[2J";

    // A terminal type that asks for colours, and no NO_COLOR: only the redirection turns them off.
    private static readonly Dictionary<string, string> ColourTerminal = new() { ["TERM"] = "xterm-256color", ["NO_COLOR"] = string.Empty };

    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory("console");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void A_treeinfo_line_with_terminal_escapes_is_printed_escaped_at_verbose_verbosity()
    {
        var media = RecipeText.CopyDemoMedia(_temp);
        var treeinfo = Path.Combine(media, "CentOS-5.11-i386-disc1", ".treeinfo");
        File.WriteAllText(treeinfo, File.ReadAllText(treeinfo).Replace("version = 5.11\n", $"version = 5.11{Escapes}\n", StringComparison.Ordinal));
        var recipe = RecipeText.Write(_temp, RecipeText.Valid(media));

        var result = BuildScript.Run([$"--recipe={recipe}", $"--artifacts={_temp["artifacts"]}", "--verbosity=verbose", "--target=ExtractMedia", "--exclusive"], environment: ColourTerminal)
            .EnsureSuccess("./build.sh --verbosity=verbose");

        Assert.That(result.Output, Does.Contain(@"(version 5.11\x1b]0;PWN\x07\x1b[2J in .treeinfo)"));
        Assert.That(result.Output + result.Error, Does.Not.Contain("\u001b").And.Not.Contain("\u0007"));
    }

    [Test]
    public void An_unknown_target_with_terminal_escapes_is_echoed_escaped()
    {
        var result = BuildScript.Run([$"--target=X{Escapes}"], environment: ColourTerminal);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(StderrLines(result), Has.Count.EqualTo(1));
        Assert.That(result.Error, Does.StartWith(@"error: --target: no task 'X\x1b]0;PWN\x07\x1b[2J'; targets: "));
        Assert.That(result.Error, Does.Not.Contain("\u001b").And.Not.Contain("\u0007"));
    }

    [Test]
    public void An_option_name_with_terminal_escapes_is_named_escaped_in_our_words()
    {
        var result = BuildScript.Run([$"--rec{Escapes}ipe=demo"], environment: ColourTerminal);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(StderrLines(result), Is.EqualTo(new[] { @"error: --rec\x1b]0;PWN\x07\x1b[2Jipe: not an option (see --help)" }));
    }

    [Test]
    public void A_failing_task_is_one_error_line_without_cake_s_announcement_or_colours()
    {
        var image = Path.Combine(_temp.Path, "broken.iso");
        File.WriteAllBytes(image, new byte[64 * 1024]);

        var result = BuildScript.Run([$"--target=ExtractIso", $"--iso={image}", $"--output={_temp["out"]}"], environment: ColourTerminal);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(StderrLines(result), Is.EqualTo(new[] { "error: broken.iso: offset 32768: not an ISO 9660 image: no CD001 volume descriptor at sector 16" }));
        Assert.That(result.Output + result.Error, Does.Not.Contain("An error occurred").And.Not.Contain("\u001b"));
    }

    [TestCase("--target=ExtractIso", "--iso={temp}", "--output={temp}/out", ExpectedResult = "error: --iso: {temp} is a directory; give a file")]
    [TestCase("--target=ExtractIso", "--iso={temp}/missing.iso", "--output={temp}/out", ExpectedResult = "error: --iso: no such file: {temp}/missing.iso")]
    [TestCase("--target=TransformKickstart", "--exclusive", "--kickstart={temp}/missing.cfg", "--output={temp}/out.cfg", ExpectedResult = "error: --kickstart: no such file: {temp}/missing.cfg")]
    [TestCase("--target=TransformKickstart", "--exclusive", "--kickstart={temp}/file", "--output={temp}", ExpectedResult = "error: --output: {temp} is a directory; give the file the rewritten kickstart goes to")]
    [TestCase("--recipe=", ExpectedResult = "error: --recipe: needs a value (--recipe=VALUE)")]
    [TestCase("--target=ExtractIso", "--iso={temp}/fifo.manifest.json", "--output={temp}/out", ExpectedResult = "error: --iso: {temp}/fifo.manifest.json is not a regular file but a character device, FIFO or socket: give an ISO image or a disc drive")]
    [TestCase("--target=ExtractIso", "--iso=/dev/zero", "--output={temp}/out", ExpectedResult = "error: --iso: /dev/zero is not a regular file but a character device, FIFO or socket: give an ISO image or a disc drive")]
    [TestCase("--recipe={temp}/missing", ExpectedResult = "error: --recipe: no such recipe file or directory: {temp}/missing")]
    [TestCase("--recipe={temp}/fifo.manifest.json", ExpectedResult = "error: --recipe: {temp}/fifo.manifest.json is not a regular file but a device, FIFO or socket: give a recipe directory or recipe.yaml")]
    [TestCase("--artifacts={temp}/file/below", ExpectedResult = "error: --artifacts: {temp}/file/below cannot be made: {temp}/file is a file")]
    [TestCase("--target", ExpectedResult = "error: --target: needs a value (--target=VALUE)")]
    [TestCase("--working={temp}/missing", ExpectedResult = "error: --working: no such directory: {temp}/missing")]
    [TestCase("--verbosity=loud", ExpectedResult = "error: --verbosity: 'loud' is not a verbosity: quiet, minimal, normal, verbose or diagnostic")]
    [TestCase("--artifacts={temp}/file", ExpectedResult = "error: --artifacts: {temp}/file is a file; give a directory (it is made when missing)")]
    [TestCase("--previous={temp}/missing.tar.gz", ExpectedResult = "error: --previous: no such file: {temp}/missing.tar.gz")]
    [TestCase("--previous=/dev/zero", ExpectedResult = "error: --previous: /dev/zero is not a regular file (a device, FIFO or socket): give a bundle or its manifest")]
    [TestCase("--previous={temp}/fifo.manifest.json", ExpectedResult = "error: --previous: {temp}/fifo.manifest.json is not a regular file (a device, FIFO or socket): give a bundle or its manifest")]
    [TestCase("--previous={temp}/file", ExpectedResult = "error: {temp}/file: not a readable bundle (.tar.gz) or manifest (.json)")]
    public string A_bad_option_is_one_error_line_in_our_words_exit_2_before_any_work(params string[] arguments)
    {
        _temp.Write("file", "not a bundle, not a directory\n");
        Tool.Run("mkfifo", _temp["fifo.manifest.json"]).EnsureSuccess("mkfifo"); // opening it would wait for a writer
        var artifacts = _temp["artifacts"];
        var argv = arguments.Select(a => a.Replace("{temp}", _temp.Path, StringComparison.Ordinal)).ToList();
        if (!argv.Any(a => a.StartsWith("--artifacts=", StringComparison.Ordinal)))
        {
            argv.Add($"--artifacts={artifacts}");
        }

        var result = BuildScript.Run(argv, environment: ColourTerminal);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(StderrLines(result), Has.Count.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Not.Contain("\u001b").And.Not.Contain("An error occurred"));
        Assert.That(result.Output, Does.Not.Contain("ExtractMedia").And.Not.Contain("ExtractIso"), "no task ran");
        Assert.That(Directory.Exists(artifacts) || Directory.Exists(_temp["out"]), Is.False, "nothing written");
        return StderrLines(result)[0].Replace(_temp.Path, "{temp}", StringComparison.Ordinal);
    }

    private static List<string> StderrLines(ToolResult result) =>
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
}
