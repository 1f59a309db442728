using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/GenLog.Benchmarks -- [--quick] [BenchmarkDotNet arguments]
// --quick: a short run of every benchmark (a few minutes on 2 cores); without it, BenchmarkDotNet's defaults.
var quick = args.Contains("--quick");
var rest = args.Where(a => a != "--quick").ToArray();
var config = DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);
if (quick)
{
    config = config.AddJob(Job.ShortRun);
}

if (rest.Length == 0)
{
    rest = ["--filter", "*"];
}

BenchmarkSwitcher.FromAssembly(typeof(GenLog.Benchmarks.FormatBenchmarks).Assembly).Run(rest, config);
