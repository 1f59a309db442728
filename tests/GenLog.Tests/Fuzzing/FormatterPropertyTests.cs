using System;
using System.Linq;
using System.Globalization;
using CsCheck;
using Xunit.Abstractions;

namespace GenLog.Tests.Fuzzing;

/// <summary>
/// Property-based fuzzing (CsCheck) of the formatters through the generated methods of <see cref="FuzzLog"/>: hostile
/// strings, every numeric type at its extremes, every option combination, checked by <see cref="FuzzOracle"/>.
/// The normal run takes a few seconds. A long run is one command (docs/fuzzing.md):
/// <c>GENLOG_FUZZ_SECONDS=3600 dotnet test tests/GenLog.Tests -c Release --filter FullyQualifiedName~FormatterPropertyTests</c>;
/// a failure prints the seed, and <c>GENLOG_FUZZ_SEED=&lt;seed&gt;</c> replays it.
/// </summary>
public class FormatterPropertyTests(ITestOutputHelper output)
{
    /// <summary>Seconds of the run: GENLOG_FUZZ_SECONDS, or 4 in the normal test run.</summary>
    public static int Seconds =>
        int.TryParse(Environment.GetEnvironmentVariable("GENLOG_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 4;

    public static string? Seed => Environment.GetEnvironmentVariable("GENLOG_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    /// <summary>
    /// The seed of the fixed pass: the same 300 cases in every run, so what they catch fails every time, not by chance
    /// (the seed that found the lone-surrogate bug, see FuzzRegressionTests).
    /// </summary>
    public const string FixedSeed = "9jG8Mu3yQbI2";

    [Fact]
    public void Every_message_of_the_fixed_seed_parses_fits_is_valid_utf8_and_decodes_back_to_its_input() =>
        FuzzGenerators.Case.Array[300].Sample(
            cases =>
            {
                foreach (var c in cases)
                {
                    FuzzOracle.Check(c);
                }
            },
            seed: FixedSeed,
            iter: 1,
            threads: 1,
            print: cases => string.Join("\n", cases.Select(c => c.ToString())));

    /// <summary>A new random seed each run; a failure's message names it (CsCheck's "Set seed: …"), GENLOG_FUZZ_SEED replays it.</summary>
    [Fact]
    public void Every_generated_message_parses_fits_is_valid_utf8_and_decodes_back_to_its_input()
    {
        var runs = 0;
        FuzzGenerators.Case.Sample(
            c =>
            {
                System.Threading.Interlocked.Increment(ref runs);
                FuzzOracle.Check(c);
            },
            seed: Seed,
            time: Seed is null ? Seconds : -1,
            iter: Seed is null ? -1 : 1,
            print: c => c.ToString());
        output.WriteLine($"{runs} cases in {Seconds} s");
    }
}

/// <summary>The libFuzzer-style harness's checked-in seed corpus (fuzz/GenLog.Fuzz/corpus) passes the oracle in every test run.</summary>
public class FuzzCorpusTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(System.IO.Path.Combine(GenLog.TestSupport.RepositoryRoot.Path, "fuzz", "GenLog.Fuzz", "corpus")).Order(StringComparer.Ordinal))
        {
            data.Add(System.IO.Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Seed_corpus_input_passes(string name) =>
        FuzzOracle.Check(FuzzInput.Decode(System.IO.File.ReadAllBytes(System.IO.Path.Combine(GenLog.TestSupport.RepositoryRoot.Path, "fuzz", "GenLog.Fuzz", "corpus", name))));
}
