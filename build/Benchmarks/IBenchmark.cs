namespace Build.Benchmarks;

/// <summary>
/// One measurement of the benchmark target: ours against a reference tool. New ones
/// (repodata against createrepo_c, the whole pipeline against a shell chain, a rerun
/// against a first run) are new classes listed in BenchmarkTask.
/// </summary>
internal interface IBenchmark
{
    string Name { get; }

    Comparison Run(BenchmarkSession session);
}
