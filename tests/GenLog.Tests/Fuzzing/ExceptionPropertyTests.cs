using System;
using System.Linq;
using System.Text;
using CsCheck;
using static GenLog.TestSupport.ThrownExceptions;

namespace GenLog.Tests.Fuzzing;

/// <summary>
/// Property-based checks (CsCheck) of exceptions and the trace context under every size and option: hostile messages
/// and paths, stack traces of any depth, any MaxMessageSize. Every message parses and fits, MSG and the exception are
/// what was logged (or a prefix of it), and the exception is cut first: while any of it is sent, MSG is whole.
/// </summary>
public class ExceptionPropertyTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Hostile text without lone surrogates (those become U+FFFD, which the main fuzzer checks).</summary>
    private static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.Char['\0', '\u001f'].Select(c => c.ToString())),
        (3, Gen.Char["\"\\]=[ #-\t\u007f"].Select(c => c.ToString())),
        (6, Gen.Char['a', 'z'].Select(c => c.ToString())),
        (2, Gen.Char['\u00a0', '\u07ff'].Select(c => c.ToString())),
        (1, Gen.Const("😀"))).Array[0, 60].Select(string.Concat);

    private sealed record Case(string Path, string Message, int Depth, int MaxSize, SyslogFormat Format, ExceptionFormat Exceptions, bool Trace, bool Sd, bool Escape);

    private static readonly Gen<Case> Cases =
        from path in Text
        from message in Text
        from depth in Gen.Int[0, 30]
        from size in Gen.Int[400, 4000]
        from format in Gen.OneOf(Gen.Const(SyslogFormat.Rfc5424), Gen.Const(SyslogFormat.Rfc3164), Gen.Const(SyslogFormat.Bare))
        from exceptions in Gen.OneOf(Gen.Const(ExceptionFormat.Full), Gen.Const(ExceptionFormat.TypeAndMessage), Gen.Const(ExceptionFormat.None))
        from trace in Gen.Bool
        from sd in Gen.Bool
        from escape in Gen.Bool
        select new Case(path, message, depth, size, format, exceptions, trace, sd, escape);

    private static Exception Throw(string message, int depth)
    {
        try
        {
            Recurse(message, depth);
            throw new InvalidOperationException("unreachable");
        }
        catch (InvalidOperationException exception)
        {
            return exception;
        }
    }

    private static void Recurse(string message, int depth)
    {
        if (depth > 0)
        {
            Recurse(message, depth - 1);
            return;
        }

        throw new InvalidOperationException(message);
    }

    [Fact]
    public void Every_message_parses_fits_and_cuts_the_exception_before_msg()
    {
        using var activity = new System.Diagnostics.Activity("fuzz").SetIdFormat(System.Diagnostics.ActivityIdFormat.W3C).Start();
        Cases.Sample(
            c =>
            {
                var (writer, transport) = Writers.Capture(o =>
                {
                    o.Format = c.Format;
                    o.MaxMessageSize = c.MaxSize;
                    o.ExceptionFormat = c.Exceptions;
                    o.TraceContext = c.Trace;
                    o.EscapeControlCharacters = c.Escape;
                });
                var error = Throw(c.Message, c.Depth);
                if (c.Sd)
                {
                    ExceptionLog.UploadFailedWithSd(writer, c.Path, error);
                }
                else
                {
                    ExceptionLog.UploadFailed(writer, c.Path, error);
                }

                var bytes = transport.Last;
                Assert.InRange(bytes.Length, 1, c.MaxSize);
                StrictUtf8.GetString(bytes);
                var msg = "Upload of " + (c.Escape ? OneLine(c.Path) : c.Path) + " failed";
                var exception = c.Exceptions switch
                {
                    ExceptionFormat.Full => OneLine(error.ToString()),
                    ExceptionFormat.TypeAndMessage => OneLine("System.InvalidOperationException: " + c.Message),
                    _ => null,
                };
                var truncated = writer.Statistics.Truncated > 0;
                if (c.Format == SyslogFormat.Rfc5424)
                {
                    var message = Rfc5424Parser.Parse(bytes);
                    var sent = message.Msg ?? string.Empty;
                    var value = message.StructuredData.SelectMany(e => e.Parameters).Where(p => p.Key == "exception").Select(p => p.Value).SingleOrDefault();
                    Assert.StartsWith(sent, msg, StringComparison.Ordinal);
                    if (value is not null)
                    {
                        Assert.Equal(msg, sent);
                        Assert.StartsWith(value, exception!, StringComparison.Ordinal);
                    }

                    Assert.True(truncated || (sent == msg && value == exception), "not truncated, yet something is missing");
                    Assert.True(truncated || !c.Trace || message.StructuredData.Any(e => e.Id == "trace@32473"), "no trace element");
                }
                else
                {
                    var content = c.Format == SyslogFormat.Rfc3164
                        ? Rfc3164Parser.Parse(bytes).Content
                        : StrictUtf8.GetString(bytes)[(Array.IndexOf(bytes, (byte)'>') + 1)..];
                    var whole = exception is null ? msg : msg + "#012" + exception;
                    Assert.StartsWith(content, whole, StringComparison.Ordinal);
                    Assert.True(truncated || content == whole, "not truncated, yet something is missing");
                }
            },
            seed: FormatterPropertyTests.Seed,
            time: FormatterPropertyTests.Seed is null ? FormatterPropertyTests.Seconds : -1,
            iter: FormatterPropertyTests.Seed is null ? -1 : 1,
            print: c => c.ToString());
    }
}
