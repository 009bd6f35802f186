using System.Text;
using XenBundle.Kickstart;
using XenBundle.Kickstart.Syntax;
using XenBundle.Kickstart.Transform;
using XenBundle.Model;
using XenBundle.Recipes;
using XenBundle.Tests.Kickstart;

namespace XenBundle.Tests.Fuzzing;

/// <summary>
/// The crashes the fuzzers (and a review of their targets) found, each replayed: the
/// inputs under tests/fixtures/fuzz/regressions/TARGET/, and inputs too large to keep
/// there (deep nesting, exponential includes) made here.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class FuzzRegressionTests
{
    /// <summary>Each saved input, what it must give (null: accepted; else a part of the one-line error), and the test's name.</summary>
    private static readonly (string Target, string File, string? Refusal, string Name)[] Saved =
    [
        ("comps", "newline-in-xml-error.xml", "comps is not well-formed XML", "A_comps_xml_error_that_quotes_a_newline_is_still_one_line"),
        ("repomd", "newline-in-xml-error.xml", "repomd.xml is not well-formed XML", "A_repomd_xml_error_that_quotes_a_newline_is_still_one_line"),
        ("iso", "control-character-in-susp-signature.iso", "System Use entry", "A_system_use_entry_with_control_characters_for_a_signature_is_a_one_line_error"),
        ("recipe", "yaml-scanner-invalid-operation.yaml", "not valid YAML", "Yaml_that_makes_the_yaml_scanner_give_up_is_a_recipe_error"),
        ("tree-metadata", "mixed-line-endings.discinfo", null, "A_treeinfo_with_both_line_endings_keeps_every_line"),
        ("kickstart", "thousands-of-disabled-heredoc-lines.cfg", null, "A_kickstart_with_thousands_of_changed_lines_is_rewritten_in_bounded_memory"),
        ("repomd", "comps-href-to-a-directory.xml", "'repodata/directory', which is a directory on the medium, not a file", "Comps_named_by_repomd_that_is_a_directory_is_refused"),
        ("repomd", "comps-href-to-a-symlink.xml", "'repodata/link', which is a symlink on the medium, not a file", "Comps_named_by_repomd_that_is_a_symlink_is_refused"),
        ("repomd", "xml-declaration-that-trips-the-xml-reader.xml", "repomd.xml is not well-formed XML: the XML reader failed on it", "An_xml_declaration_on_which_the_framework_reader_throws_is_a_one_line_error"),
        ("kickstart", "rootpw-with-thousands-of-words.cfg", null, "Masking_a_rootpw_of_thousands_of_words_takes_one_copy_of_the_line"),
    ];

    public static IEnumerable<TestCaseData> SavedInputs() =>
        Saved.Select(s => new TestCaseData(s.Target, s.File, s.Refusal).SetName(s.Name));

    [TestCaseSource(nameof(SavedInputs))]
    public void Replays(string target, string file, string? refusal)
    {
        var result = Replay(target, File.ReadAllBytes(Path.Combine(Directory, target, file)));

        Assert.That(result, refusal is null ? Is.EqualTo(FuzzCase.Success) : Has.Property(nameof(FuzzCase.Error)).Contains(refusal));
    }

    [Test]
    public void Every_saved_input_has_a_named_test()
    {
        var files = System.IO.Directory.GetDirectories(Directory)
            .SelectMany(d => System.IO.Directory.GetFiles(d).Select(f => $"{Path.GetFileName(d)}/{Path.GetFileName(f)}"));

        Assert.That(Saved.Select(s => $"{s.Target}/{s.File}"), Is.EquivalentTo(files));
    }

    [Test]
    public void A_recipe_nested_a_hundred_thousand_deep_is_refused_instead_of_overflowing_the_stack()
    {
        var text = "name: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var result = Replay("recipe", Encoding.UTF8.GetBytes(text));

        Assert.That(result.Error, Does.Contain($"nested more than {RecipeLoader.MaxNesting} deep"));
    }

    [Test]
    public void Comps_nested_a_hundred_thousand_deep_is_refused_instead_of_overflowing_the_stack()
    {
        var text = "<comps><group><id>a</id>" + string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000)) + "</group></comps>";

        var result = Replay("comps", Encoding.UTF8.GetBytes(text));

        Assert.That(result.Error, Does.Contain($"nested more than {XenBundle.Repository.MediaXml.MaxDepth} deep"));
    }

    [Test]
    public void Includes_that_multiply_at_every_level_are_refused_before_they_fill_memory()
    {
        // Each level includes the next a hundred times, within the nesting limit: 10^12 lines of the last.
        IncludedFile? Resolve(string name) => name.StartsWith("level", StringComparison.Ordinal) && int.TryParse(name.AsSpan("level".Length), out var level)
            ? new IncludedFile(name, Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(level < 7 ? $"%include level{level + 1}\n" : "# a line\n", 100))))
            : null;

        var error = Assert.Throws<KickstartSyntaxException>(() => KickstartTransformer.Transform(new KickstartRequest
        {
            Source = "install\ncdrom\n%include level1\n"u8.ToArray(),
            FileName = "ks.cfg",
            Target = KickstartFixtures.Target(OsRelease.El6),
            ResolveInclude = Resolve,
        }));

        Assert.That(error!.Message, Does.Contain("the included files come to more than"));
    }

    [Test]
    public void A_raid_line_of_twenty_thousand_members_is_renamed_in_bounded_memory()
    {
        var members = string.Join(' ', Enumerable.Range(0, 20_000).Select(i => $"sda{(i % 9) + 1}"));

        var result = Replay("kickstart", Encoding.ASCII.GetBytes($"install\ncdrom\nraid / --level=1 --device=md0 {members}\n"));

        Assert.That(result, Is.EqualTo(FuzzCase.Success), "within the fuzz target's time and allocation limits");
    }

    [Test]
    public void A_kickstart_longer_than_any_kickstart_is_refused_with_its_line()
    {
        var text = string.Concat(Enumerable.Repeat("# comment\n", KickstartParser.MaxLines + 5));

        var error = Assert.Throws<KickstartSyntaxException>(() => KickstartFixtures.Parse(text, OsRelease.El7));

        Assert.That(error!.ErrorLine, Is.EqualTo($"error: ks.cfg:{KickstartParser.MaxLines + 1}: more than {KickstartParser.MaxLines} lines: longer than any kickstart"));
    }

    private static string Directory => Path.Combine(Repository.Fixtures, "fuzz", "regressions");

    private static FuzzCase Replay(string target, byte[] input)
    {
        using var reader = FuzzTargets.Create(target);
        var result = FuzzRunner.Execute(reader, input);
        Assert.That(result.Crash, Is.Null, "a crash: " + result.Crash);
        return result;
    }
}
