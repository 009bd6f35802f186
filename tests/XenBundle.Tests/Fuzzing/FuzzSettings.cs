using System.Globalization;

namespace XenBundle.Tests.Fuzzing;

/// <summary>
/// How long each fuzz target runs and from which seed, from the environment:
/// <c>XENBUNDLE_FUZZ_SECONDS</c> (default 60 per target) and <c>XENBUNDLE_FUZZ_SEED</c>
/// (default: a fixed seed per target, so that every run tries the same inputs first and a
/// failure replays with the seed it prints).
/// </summary>
internal sealed record FuzzSettings(TimeSpan Budget, int? Seed)
{
    public const int DefaultSeconds = 60;

    public static FuzzSettings FromEnvironment()
    {
        var seconds = Environment.GetEnvironmentVariable("XENBUNDLE_FUZZ_SECONDS") is { Length: > 0 } s
            ? double.Parse(s, CultureInfo.InvariantCulture)
            : DefaultSeconds;
        int? seed = Environment.GetEnvironmentVariable("XENBUNDLE_FUZZ_SEED") is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : null;
        return new FuzzSettings(TimeSpan.FromSeconds(seconds), seed);
    }

    /// <summary>The seed for a target: the one given, else one fixed by the target's name.</summary>
    public int SeedFor(string target) => Seed ?? StableHash(target);

    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
