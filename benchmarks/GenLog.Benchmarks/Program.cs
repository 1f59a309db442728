using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using GenLog.Benchmarks.Throughput;

// dotnet run -c Release --project benchmarks/GenLog.Benchmarks -- [--quick] [--throughput] [BenchmarkDotNet arguments]
// --quick: a short run of every benchmark (a few minutes on 2 cores); without it, BenchmarkDotNet's defaults.
// --throughput: only the throughput harness of Throughput/ (the msgs/s rows of docs/performance.md), short with --quick.
// --cpu: only the CPU-time-per-call harness of the queued call from 1/2/4/8 threads (Throughput/CpuPerCallHarness.cs).
// --loop [queued|sync] [ms] [threads]: only the steady-state loop of Throughput/SteadyLoopHarness.cs (a few seconds).
// Without BenchmarkDotNet arguments the harness also runs after BenchmarkDotNet, so `-- --quick` runs everything.
var quick = args.Contains("--quick");
var throughput = args.Contains("--throughput");
var rest = args.Where(a => a is not ("--quick" or "--throughput" or "--cpu")).ToArray();
if (args.Contains("--loop"))
{
    SteadyLoopHarness.Run(args);
    return 0;
}

if (args.Contains("--cpu"))
{
    CpuPerCallHarness.Run(quick);
    return 0;
}

if (throughput)
{
    if (rest.Length > 0)
    {
        Console.Error.WriteLine($"--throughput takes no BenchmarkDotNet arguments: {string.Join(' ', rest)}");
        return 2;
    }

    ThroughputHarness.Run(quick);
    return 0;
}

var everything = rest.Length == 0;
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
if (quick)
{
    config = config.AddJob(Job.ShortRun);
}

if (everything)
{
    rest = ["--filter", "*"];
}

BenchmarkSwitcher.FromAssembly(typeof(GenLog.Benchmarks.FormatBenchmarks).Assembly).Run(rest, config);
if (everything)
{
    ThroughputHarness.Run(quick);
}

return 0;
