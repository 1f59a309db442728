using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using GenLog.Interop.Tests.Support;

namespace GenLog.Interop.Tests;

/// <summary>
/// <see cref="SyslogFormat.Bare"/> is "CPython's SysLogHandler bytes exactly" (docs/formats.md): CPython sends a record
/// to one capture socket, a generated method sends the same message to another, and the datagrams must be equal.
/// </summary>
public sealed class BareInteropTests
{
    /// <summary>One message, said once through CPython and once through GenLog.</summary>
    /// <param name="Facility">CPython facility name given to SysLogHandler.</param>
    /// <param name="Level">CPython logging level name; mapPriority turns it into the severity.</param>
    /// <param name="Text">The message text as CPython logs it (what the GenLog template produces).</param>
    /// <param name="Log">The generated GenLog call that should produce the same bytes.</param>
    public sealed record Case(
        string Facility,
        string Level,
        string? Ident,
        bool AppendNul,
        string Text,
        Action<SyslogWriter> Log,
        Action<SyslogWriterOptions>? Configure = null);

    private static readonly string LongText = string.Concat(Enumerable.Range(0, 200).Select(i => $"{i}:é日🙂 "));

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["constant template, unicode, ident, NUL"] = new(
            "local0", "WARNING", "myapp: ", true, "Disk é full: 日本語 🙂 {ok}",
            w => BareLog.ConstantUnicode(w)),
        ["auth error, unicode parameter, no ident, no NUL"] = new(
            "auth", "ERROR", null, false, "Échec: 日本 🙂 ☃ Ω",
            w => BareLog.AuthError(w, "Échec: 日本 🙂 ☃ Ω")),
        ["type facility, three parameters, unicode ident, NUL"] = new(
            "daemon", "INFO", "démon[7]: ", true, "Service web started in 42 ms (1.50x) — café",
            w => DaemonLog.Started(w, "web", 42, 1.5)),
        ["writer facility kern, dynamic debug, ident"] = new(
            "kern", "DEBUG", "k: ", false, "debug 🙂",
            w => BareLog.Dynamic(w, SyslogSeverity.Debug, "debug 🙂"),
            o => o.DefaultFacility = SyslogFacility.Kern),
        ["writer facility local3, dynamic critical, NUL"] = new(
            "local3", "CRITICAL", null, true, "ünïcödé ÆØÅ 中文",
            w => BareLog.Dynamic(w, SyslogSeverity.Critical, "ünïcödé ÆØÅ 中文"),
            o => o.DefaultFacility = SyslogFacility.Local3),
        ["writer facility local5, dynamic warning"] = new(
            "local5", "WARNING", "w ", false, "warned",
            w => BareLog.Dynamic(w, SyslogSeverity.Warning, "warned"),
            o => o.DefaultFacility = SyslogFacility.Local5),
        ["numeric facility 23 severity 7, percent and braces"] = new(
            "local7", "DEBUG", "x", false, "100% {done} %s %(name)s {{}}",
            w => BareLog.Local7Debug(w, "100% {done} %s %(name)s {{}}")),
        ["upper-case names user/crit, long unicode text, NUL"] = new(
            "user", "CRITICAL", "long: ", true, LongText,
            w => BareLog.UserCritical(w, LongText)),
        ["MSGID, APP-NAME and SD are not part of Bare"] = new(
            "mail", "WARNING", "postfix/qmgr[99]: ", false, "Queue q1 deferred 3 messages",
            w => MailLog.Deferred(w, "q1", 3)),
        ["empty text, ident, NUL"] = new(
            "auth", "ERROR", "empty: ", true, string.Empty,
            w => BareLog.AuthError(w, string.Empty)),
        ["TAB is never escaped"] = new(
            "auth", "ERROR", null, false, "col1\tcol2\t\tcol3",
            w => BareLog.AuthError(w, "col1\tcol2\t\tcol3")),
        ["escaping off: TAB sent as it is"] = new(
            "auth", "ERROR", "tab: ", true, "a\tb",
            w => BareLog.AuthError(w, "a\tb"),
            o => o.EscapeControlCharacters = false),
        ["escaping off: every control character sent as it is over UDP"] = new(
            "local7", "DEBUG", null, false, "bell\u0007 esc\u001b[31mred\u001b[0m del\u007f lf\nnext cr\r nul\0end",
            w => BareLog.Local7Debug(w, "bell\u0007 esc\u001b[31mred\u001b[0m del\u007f lf\nnext cr\r nul\0end"),
            o => o.EscapeControlCharacters = false),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [SkippableTheory]
    [MemberData(nameof(CaseNames))]
    public async Task Bare_bytes_equal_CPython_SysLogHandler(string name)
    {
        var @case = Cases[name];
        var cpython = await SendThroughCPythonAsync(@case);
        var genlog = await SendThroughGenLogAsync(@case);

        // The reference is what we think it is: <PRI> from CPython's own tables, then ident + text (+ NUL), UTF-8.
        Assert.StartsWith("<", Encoding.ASCII.GetString(cpython, 0, 1));
        Assert.Equal(Encoding.UTF8.GetBytes((@case.Ident ?? string.Empty) + @case.Text + (@case.AppendNul ? "\0" : string.Empty)), cpython[(Array.IndexOf(cpython, (byte)'>') + 1)..]);

        AssertSameBytes(cpython, genlog);
    }

    [SkippableFact]
    public async Task Escaping_on_differs_from_CPython_only_by_octal_escapes()
    {
        // GenLog escapes C0 controls (but TAB) and DEL as '#' + 3 octal digits (RFC 5424 §8.2, docs/formats.md); CPython sends them raw.
        const string text = "bell\u0007 tab\t esc\u001b[31mred\u001b[0m del\u007f lf\nnext cr\r nul\0 us\u001f end";
        var @case = new Case("local7", "DEBUG", "ctl: ", true, text, w => BareLog.Local7Debug(w, text));
        var cpython = await SendThroughCPythonAsync(@case);
        var genlog = await SendThroughGenLogAsync(@case);

        var prefixLength = Array.IndexOf(cpython, (byte)'>') + 1 + Encoding.UTF8.GetByteCount(@case.Ident!);
        var expected = new List<byte>(cpython[..prefixLength]);
        foreach (var b in cpython[prefixLength..^1])
        {
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
            {
                expected.AddRange(Encoding.ASCII.GetBytes("#" + Convert.ToString(b, 8).PadLeft(3, '0')));
            }
            else
            {
                expected.Add(b);
            }
        }

        expected.Add(cpython[^1]); // append_nul's NUL is framing, not text: never escaped
        Assert.Equal(0, cpython[^1]);
        Assert.Contains("#033[31mred#033[0m del#177 lf#012next cr#015 nul#000 us#037 end", Encoding.UTF8.GetString(expected.ToArray()), StringComparison.Ordinal);
        AssertSameBytes(expected.ToArray(), genlog);
    }

    [SkippableTheory]
    [InlineData(80, true)]
    [InlineData(81, true)]
    [InlineData(82, false)]
    [InlineData(83, true)]
    [InlineData(100, false)]
    public async Task Truncated_Bare_is_the_longest_CPython_prefix_that_fits_at_a_character_boundary(int maxMessageSize, bool appendNul)
    {
        // CPython never truncates; GenLog cuts MSG at a UTF-8 boundary so the datagram, NUL included, fits MaxMessageSize.
        var text = string.Concat(Enumerable.Repeat("a日🙂é", 20));
        var @case = new Case("local2", "INFO", "trunc: ", appendNul, text, w => BareLog.Dynamic(w, SyslogSeverity.Informational, text), o =>
        {
            o.DefaultFacility = SyslogFacility.Local2;
            o.MaxMessageSize = maxMessageSize;
        });
        var cpython = await SendThroughCPythonAsync(@case);
        var genlog = await SendThroughGenLogAsync(@case, expectTruncated: true);

        var content = cpython.AsSpan(0, cpython.Length - (appendNul ? 1 : 0));
        var room = maxMessageSize - (appendNul ? 1 : 0);
        var cut = room;
        while ((content[cut] & 0xC0) == 0x80)
        {
            cut--; // back to the first byte of the character that does not fit whole
        }

        var expected = content[..cut].ToArray().Concat(appendNul ? new byte[] { 0 } : []).ToArray();
        Assert.True(expected.Length <= maxMessageSize);
        AssertSameBytes(expected, genlog);
    }

    private static async Task<byte[]> SendThroughCPythonAsync(Case @case)
    {
        Peers.RequirePython();
        using var capture = new UdpCapture();
        var spec = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["port"] = capture.Port,
            ["facility"] = @case.Facility,
            ["level"] = @case.Level,
            ["ident"] = @case.Ident,
            ["append_nul"] = @case.AppendNul,
            ["text"] = @case.Text,
        });
        var result = await Peers.RunPythonAsync([Peers.ScriptPath("syslog_send.py")], spec);
        Assert.True(result.ExitCode == 0, result.Describe());
        var datagram = await capture.ReceiveAsync("CPython SysLogHandler");
        Assert.False(await capture.HasMoreAsync(), "CPython sent more than one datagram");
        return datagram;
    }

    private static async Task<byte[]> SendThroughGenLogAsync(Case @case, bool expectTruncated = false)
    {
        using var capture = new UdpCapture();
        var errors = new List<Exception>();
        var options = new SyslogWriterOptions
        {
            Format = SyslogFormat.Bare,
            Ident = @case.Ident,
            AppendNul = @case.AppendNul,
            OnError = errors.Add,
        };
        @case.Configure?.Invoke(options);
        await using (var writer = new SyslogWriter(new UdpTransport("127.0.0.1", capture.Port), options))
        {
            @case.Log(writer);
            await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Empty(errors);
            Assert.Equal(1, writer.Statistics.Sent);
            Assert.Equal(expectTruncated ? 1 : 0, writer.Statistics.Truncated);
        }

        var datagram = await capture.ReceiveAsync("GenLog");
        Assert.False(await capture.HasMoreAsync(), "GenLog sent more than one datagram");
        return datagram;
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var at = expected.AsSpan().CommonPrefixLength(actual);
            Assert.Fail($"Bytes differ at offset {at} (expected {expected.Length} bytes, got {actual.Length}).\nexpected: {Show(expected)}\nactual:   {Show(actual)}");
        }
    }

    /// <summary>Printable ASCII as it is, every other byte as \xNN.</summary>
    private static string Show(byte[] bytes) =>
        string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7F && b != (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}"));
}
