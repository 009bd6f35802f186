namespace XenBundle.Tests.Support;

/// <summary>Runs ./build.sh the way a user does, with colours off.</summary>
internal static class BuildScript
{
    public static ToolResult Run(IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null, string? script = null) =>
        Tool.Run(script ?? Repository.BuildScript, arguments, workingDirectory ?? Repository.Root, environment, TimeSpan.FromMinutes(10));

    public static ToolResult Run(params string[] arguments) => Run((IEnumerable<string>)arguments);
}
