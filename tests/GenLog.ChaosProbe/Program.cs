using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using GenLog.ChaosProbe;
using GenLog.Interop.Tests.Chaos;

// Usage: GenLog.ChaosProbe SCENARIO [name=value ...]; prints one JSON object (ProbeReport) on stdout.
//   dns  host=H port=P connectTimeoutMs=N closeTimeoutMs=N dispose=during|settled
//        4 threads log to tcp://H:P whose name never resolves (the test's resolver never answers);
//        "during": the writer is disposed while its sender waits for the name; "settled": after its first error.
//   heap threads=N maxMessageSize=BYTES calls=N closeTimeoutMs=N
//        N threads log short messages into a writer with a large MaxMessageSize, run under DOTNET_GCHeapHardLimit;
//        the writer is disposed while they log.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: GenLog.ChaosProbe dns|heap|exit [name=value ...]");
    return 2;
}

// exit host=H port=P count=N: logs N messages to tcp://H:P and returns from Main without disposing the writer.
var settings = args.Skip(1).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);
int Int(string name) => int.Parse(settings[name], NumberStyles.Integer, CultureInfo.InvariantCulture);

if (args[0] == "exit")
{
    ExitScenario.LogAndLeave(settings["host"], Int("port"), Int("count"));
    return 0;
}

var report = args[0] switch
{
    "dns" => Scenarios.NameThatNeverResolves(settings["host"], Int("port"), TimeSpan.FromMilliseconds(Int("connectTimeoutMs")), TimeSpan.FromMilliseconds(Int("closeTimeoutMs")), settings["dispose"] == "during"),
    "heap" => Scenarios.HeapLimit(Int("threads"), Int("maxMessageSize"), Int("calls"), TimeSpan.FromMilliseconds(Int("closeTimeoutMs"))),
    _ => null,
};
if (report is null)
{
    Console.Error.WriteLine($"unknown scenario '{args[0]}'");
    return 2;
}

Console.Out.WriteLine(JsonSerializer.Serialize(report));
return 0;
