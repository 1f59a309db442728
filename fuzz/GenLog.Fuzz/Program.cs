using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using GenLog;
using GenLog.Tests.Fuzzing;

namespace GenLog.Fuzz;

/// <summary>
/// Fuzzes GenLog's formatters through generated methods: bytes in, one FuzzCase out, checked by the test suite's
/// FuzzOracle (strict RFC 5424 / 3164 parse, size, UTF-8, escaping, decode-back, truncation). Modes:
/// <list type="bullet">
/// <item>default: in-process — every corpus file, then random mutations of them for --seconds or --iterations;
/// a failing input is written to --findings and the run exits with 1;</item>
/// <item><c>--libfuzzer</c>: SharpFuzz's libFuzzer entry (run under libfuzzer-dotnet on an instrumented GenLog.dll);</item>
/// <item><c>--afl</c>: SharpFuzz's AFL entry (run under afl-fuzz on an instrumented GenLog.dll);</item>
/// <item><c>--run FILE…</c>: runs the given inputs once (to replay a finding).</item>
/// </list>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var options = Arguments(args);
        if (options.ContainsKey("--libfuzzer"))
        {
            SharpFuzz.Fuzzer.LibFuzzer.Run(span => Target(span));
            return 0;
        }

        if (options.ContainsKey("--afl"))
        {
            SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                Target(memory.ToArray());
            });
            return 0;
        }

        if (options.TryGetValue("--run", out var files))
        {
            var failed = 0;
            foreach (var file in files.Split(';'))
            {
                failed += RunOne(File.ReadAllBytes(file), file, null) ? 0 : 1;
            }

            return failed == 0 ? 0 : 1;
        }

        var corpus = options.GetValueOrDefault("--corpus") ?? Path.Combine(AppContext.BaseDirectory, "corpus");
        var findings = options.GetValueOrDefault("--findings") ?? Path.Combine(Environment.CurrentDirectory, "fuzz-findings");
        var seconds = double.Parse(options.GetValueOrDefault("--seconds") ?? "10", CultureInfo.InvariantCulture);
        var iterations = long.Parse(options.GetValueOrDefault("--iterations") ?? "-1", CultureInfo.InvariantCulture);
        var seed = int.Parse(options.GetValueOrDefault("--seed") ?? Environment.TickCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return InProcess(corpus, findings, seconds, iterations, seed);
    }

    /// <summary>The fuzz target: any bytes are a valid input; a property that does not hold throws.</summary>
    public static void Target(ReadOnlySpan<byte> data) => FuzzOracle.Check(FuzzInput.Decode(data));

    private static bool RunOne(byte[] input, string name, string? findings)
    {
        try
        {
            Target(input);
            return true;
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"FAIL {name}: {exception.Message}");
            if (findings is not null)
            {
                Directory.CreateDirectory(findings);
                var file = Path.Combine(findings, "crash-" + Convert.ToHexString(SHA1.HashData(input))[..16].ToLowerInvariant());
                File.WriteAllBytes(file, input);
                File.WriteAllText(file + ".txt", exception.ToString());
                Console.Error.WriteLine($"     input saved to {file} (replay: GenLog.Fuzz --run {file})");
            }

            return false;
        }
    }

    private static int InProcess(string corpusFolder, string findings, double seconds, long iterations, int seed)
    {
        var corpus = Directory.Exists(corpusFolder) ? Directory.GetFiles(corpusFolder).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList() : [];
        Console.WriteLine($"GenLog.Fuzz: in-process mode (no coverage instrumentation), {corpus.Count} corpus inputs from {corpusFolder}, seed {seed}");
        var failures = 0;
        foreach (var (input, index) in corpus.Select((c, i) => (c, i)))
        {
            failures += RunOne(input, $"corpus #{index}", findings) ? 0 : 1;
        }

        if (corpus.Count == 0)
        {
            corpus.Add(new byte[16]);
        }

        var random = new Random(seed);
        var stopwatch = Stopwatch.StartNew();
        long runs = 0;
        while ((iterations < 0 && stopwatch.Elapsed.TotalSeconds < seconds) || (iterations >= 0 && runs < iterations))
        {
            var input = Mutate(corpus[random.Next(corpus.Count)], corpus[random.Next(corpus.Count)], random);
            runs++;
            if (!RunOne(input, $"mutation #{runs}", findings))
            {
                failures++;
                if (failures >= 10)
                {
                    break;
                }
            }
        }

        Console.WriteLine($"GenLog.Fuzz: {runs} mutations in {stopwatch.Elapsed.TotalSeconds:F0} s, {failures} failure(s)");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>libFuzzer's classic mutations: flip, set interesting bytes, insert, erase, splice, repeat a block.</summary>
    public static byte[] Mutate(byte[] input, byte[] other, Random random)
    {
        var data = new List<byte>(input);
        byte[] interesting = [0x00, 0x0A, 0x0D, 0x1B, 0x22, 0x5C, 0x5D, 0x3D, 0x7F, 0x80, 0x9F, 0xD8, 0xDC, 0xDF, 0xFF, 0xFE];
        for (var count = random.Next(1, 8); count > 0; count--)
        {
            switch (random.Next(7))
            {
                case 0 when data.Count > 0:
                    data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[random.Next(data.Count)] = interesting[random.Next(interesting.Length)];
                    break;
                case 2:
                    data.InsertRange(random.Next(data.Count + 1), Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 3 when data.Count > 1:
                    var start = random.Next(data.Count);
                    data.RemoveRange(start, random.Next(1, Math.Min(32, data.Count - start) + 1));
                    break;
                case 4 when other.Length > 0:
                    var from = random.Next(other.Length);
                    data.InsertRange(random.Next(data.Count + 1), other.Skip(from).Take(random.Next(1, 64)));
                    break;
                case 5 when data.Count > 16:
                    // Repeat a block of the text part: long values (up to ~1 MB).
                    var blockStart = 16 + (random.Next(data.Count - 16) & ~1);
                    var block = data.Skip(blockStart).Take(2 * random.Next(1, 8)).ToArray();
                    var times = random.Next(2) == 0 ? random.Next(2, 64) : random.Next(1_000, 1 << 19) / Math.Max(block.Length, 1);
                    var repeated = new byte[block.Length * times];
                    for (var i = 0; i < times; i++)
                    {
                        block.CopyTo(repeated, i * block.Length);
                    }

                    data.InsertRange(blockStart, repeated);
                    break;
                default:
                    if (data.Count > 0)
                    {
                        data[random.Next(Math.Min(16, data.Count))] = (byte)random.Next(256);
                    }

                    break;
            }
        }

        return data.Count > 2_200_000 ? data.GetRange(0, 2_200_000).ToArray() : data.ToArray();
    }

    private static Dictionary<string, string> Arguments(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--libfuzzer" or "--afl")
            {
                options[args[i]] = string.Empty;
            }
            else if (args[i] == "--run")
            {
                options["--run"] = string.Join(';', args[(i + 1)..]);
                break;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: GenLog.Fuzz [--seconds N | --iterations N] [--seed N] [--corpus DIR] [--findings DIR] | --libfuzzer | --afl | --run FILE...");
            }
        }

        return options;
    }
}
