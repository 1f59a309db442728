using System;
using System.Globalization;
using System.Net;
using System.Text;

namespace GenLog.Benchmarks.Throughput;

/// <summary>
/// Messages 0..Count-1, formatted ahead of time and stored back to back, for the contenders that only send
/// (raw <c>Socket.Send</c>): their timed loop then holds nothing but the sends.
/// </summary>
public sealed class MessageBatch
{
    public static readonly IPAddress Address = IPAddress.Parse("192.0.2.7");

    private readonly byte[] _bytes;
    private readonly int[] _starts;

    private MessageBatch(byte[] bytes, int[] starts)
    {
        _bytes = bytes;
        _starts = starts;
    }

    public int Count => _starts.Length - 1;

    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    /// <summary>Messages <paramref name="first"/> onwards, back to back.</summary>
    public ReadOnlySpan<byte> From(int first) => _bytes.AsSpan(_starts[first], _starts[^1] - _starts[first]);

    /// <summary>Every message's length, in order.</summary>
    public int[] Lengths()
    {
        var lengths = new int[Count];
        for (var i = 0; i < lengths.Length; i++)
        {
            lengths[i] = _starts[i + 1] - _starts[i];
        }

        return lengths;
    }

    /// <summary>The options every GenLog contender uses. Block: a full queue waits, so the rate is the sustained one and nothing is dropped.</summary>
    public static SyslogWriterOptions WriterOptions(bool synchronous) =>
        new() { Format = SyslogFormat.Rfc5424, HostName = "host", ProcId = "4242", Overflow = SyslogOverflow.Block, Synchronous = synchronous };

    /// <summary>The benchmark's one message, with <paramref name="sequence"/> as its last parameter (the port).</summary>
    public static void Log(SyslogWriter writer, int sequence) => BenchmarkLog.FailedPassword(writer, "root", Address, sequence);

    /// <summary>The naive sender's line, built as a user would with string interpolation (no BOM, unlike GenLog).</summary>
    public static string NaiveLine(int sequence)
    {
        const int pri = (4 << 3) | 4; // auth.warning, as the generated method's PRI
        return $"<{pri}>1 {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.ffffffZ} host sshd 4242 AUTHFAIL - Failed password for root from {Address} port {sequence}";
    }

    /// <summary>The datagrams GenLog's UDP writer would send for messages 0..count-1, captured from a synchronous writer.</summary>
    public static MessageBatch Datagrams(int count)
    {
        var recording = new RecordingTransport();
        using (var writer = new SyslogWriter(recording, WriterOptions(synchronous: true)))
        {
            for (var i = 0; i < count; i++)
            {
                Log(writer, i);
            }
        }

        if (recording.Ends.Count != count)
        {
            throw new InvalidOperationException($"GenLog formatted {recording.Ends.Count} of {count} messages.");
        }

        var starts = new int[count + 1];
        recording.Ends.CopyTo(starts, 1);
        var batch = new MessageBatch(recording.Bytes.ToArray(), starts);

        // The receivers know a message by its trailing digits: make sure GenLog's real bytes end in the sequence number.
        for (var i = 0; i < count; i++)
        {
            if (SequenceCheck.SequenceNumber(batch[i]) != i)
            {
                throw new InvalidOperationException($"Message {i} does not end in its sequence number: {Printable(batch[i])}");
            }
        }

        return batch;
    }

    /// <summary>A message as readable text: the BOM and control characters as escapes.</summary>
    public static string Printable(ReadOnlySpan<byte> message)
    {
        var text = new StringBuilder();
        foreach (var c in Encoding.UTF8.GetString(message))
        {
            if (c is < ' ' or '\uFEFF')
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>The same messages as RFC 6587 octet-counted frames, "LEN SP MSG", as TcpTransport frames them.</summary>
    public MessageBatch OctetCounted()
    {
        var bytes = new byte[_bytes.Length + (Count * 12)];
        var starts = new int[Count + 1];
        var length = 0;
        for (var i = 0; i < Count; i++)
        {
            var message = this[i];
            message.Length.TryFormat(bytes.AsSpan(length), out var digits, default, CultureInfo.InvariantCulture);
            length += digits;
            bytes[length++] = (byte)' ';
            message.CopyTo(bytes.AsSpan(length));
            length += message.Length;
            starts[i + 1] = length;
        }

        return new MessageBatch(bytes, starts);
    }
}
