using System.Diagnostics;

namespace XenBundle.Tests.Fuzzing;

/// <summary>What one input did: accepted, refused with a one-line error (which), or crashed (with why).</summary>
internal sealed record FuzzCase(bool Accepted, string? Crash, string? Error = null)
{
    public static readonly FuzzCase Success = new(true, null);

    public static FuzzCase Refusal(string error) => new(false, null, error);
}

/// <summary>What a fuzzing run tried and the first crash it found, if any.</summary>
internal sealed record FuzzReport(string Target, int Seed, long Cases, long Accepted, long Refused, long CrashCase = 0, byte[]? CrashInput = null, string? Crash = null)
{
    public override string ToString() =>
        $"{Target}: seed {Seed}, {Cases} inputs, {Accepted} accepted, {Refused} refused with an error"
        + (Crash is null ? string.Empty : $"; input {CrashCase} crashed: {Crash}");
}

/// <summary>
/// Runs a target over mutated seeds for a time budget. Each input runs on a pool thread
/// that is waited for with the target's patience, so a hang is reported rather than
/// waited out; the bytes it allocates are counted on that thread.
/// </summary>
internal static class FuzzRunner
{
    public static FuzzReport Run(FuzzTarget target, FuzzSettings settings)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        var seed = settings.SeedFor(target.Name);
        var seeds = target.Seeds().Select(s => s.Bytes).ToList();
        if (seeds.Count == 0)
        {
            throw new InvalidOperationException($"no seeds in {target.CorpusDirectory}");
        }

        var hot = seeds.Select(target.StructureOffsets).ToList();
        var random = new Random(seed);
        var mutator = new Mutator(random, seeds, target.Dictionary);
        var clock = Stopwatch.StartNew();
        long cases = 0, accepted = 0, refused = 0;
        do
        {
            var which = random.Next(seeds.Count);
            var input = mutator.Mutate(seeds[which], hot[which]);
            cases++;
            var result = Execute(target, input);
            if (result.Crash is not null)
            {
                return new FuzzReport(target.Name, seed, cases, accepted, refused, cases, input, result.Crash);
            }

            _ = result.Accepted ? accepted++ : refused++;
        }
        while (clock.Elapsed < settings.Budget);

        return new FuzzReport(target.Name, seed, cases, accepted, refused);
    }

    /// <summary>Runs one input: success, a <see cref="XenBundleException"/> with a one-line message, or a crash.</summary>
    public static FuzzCase Execute(FuzzTarget target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(target);
        FuzzCase result = FuzzCase.Success;
        var run = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                target.Run(input);
            }
            catch (XenBundleException exception)
            {
                result = exception.Message.Length == 0 || exception.ErrorLine.AsSpan().IndexOfAny('\n', '\r') >= 0
                    ? new FuzzCase(false, $"the error is not one line: {exception.ErrorLine}")
                    : FuzzCase.Refusal(exception.ErrorLine);
            }
#pragma warning disable CA1031 // every other exception is the finding
            catch (Exception exception)
#pragma warning restore CA1031
            {
                result = new FuzzCase(false, Describe(exception));
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (result.Crash is null && allocated > target.AllocationLimit)
            {
                result = new FuzzCase(false, $"{allocated >> 20} MiB allocated for a {input.Length}-byte input (limit {target.AllocationLimit >> 20} MiB)");
            }
        });
        if (!run.Wait(target.Patience))
        {
            return new FuzzCase(false, $"no answer within {target.Patience.TotalSeconds} s: a hang");
        }

        return result;
    }

    /// <summary>The exception's type, message and innermost frames: enough to find the bug.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var frames = (exception.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(4).Select(f => f.Trim());
        return $"{exception.GetType().FullName}: {exception.Message} [{string.Join(" | ", frames)}]";
    }
}
