using System.Text.RegularExpressions;
using XenBundle.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace XenBundle.Tests.EndToEnd;

/// <summary>The CI recipes in the repository parse and only use options build.sh has.</summary>
[Category(TestCategories.EndToEnd)]
public sealed class CiPipelineTests
{
    [TestCase(".github/workflows/bundles.yml")]
    [TestCase("docs/ci/gitlab-ci.yml")]
    public void The_CI_file_is_YAML_and_every_build_sh_option_it_uses_exists(string file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Repository.Root, file))));
        var scripts = Scalars(yaml.Documents.Single().RootNode).Where(s => s.Contains("./build.sh", StringComparison.Ordinal)).ToList();
        Assert.That(scripts, Is.Not.Empty, "the file runs build.sh");

        var help = BuildScript.Run("--help").EnsureSuccess("--help").Output;
        var options = scripts.SelectMany(s => Regex.Matches(s, @"\./build\.sh([^\n]*)").Select(m => m.Groups[1].Value))
            .SelectMany(line => Regex.Matches(line, @"(?<![\w-])--([a-z][a-z0-9-]*)").Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.That(options, Does.Contain("target").And.Contain("recipe"));
        foreach (var option in options)
        {
            Assert.That(help, Does.Match($@"--{Regex.Escape(option)}\b"), $"{file} uses --{option}, which build.sh --help does not document");
        }
    }

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? string.Empty],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode mapping => mapping.Children.SelectMany(p => Scalars(p.Value)),
        _ => [],
    };
}
