using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenLog.Transports;

/// <summary>The reader side of a RELP session: every response taken off the wire as it comes, checked and counted.</summary>
internal sealed partial class RelpSession
{
    /// <summary>Takes every frame the server sends off the wire until the connection ends.</summary>
    private async Task ReadAsync()
    {
        var parser = new RelpResponseParser(MaxResponseData);
        var buffer = new byte[4096];
        Exception failure;
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer).ConfigureAwait(false);
                if (read == 0)
                {
                    failure = new IOException("The RELP server closed the connection.");
                    break;
                }

                HandleReceived(parser, buffer.AsSpan(0, read));
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        Fail(failure);
    }

    /// <summary>Handles every frame the bytes complete; an acknowledgement allocates nothing.</summary>
    private void HandleReceived(RelpResponseParser parser, ReadOnlySpan<byte> received)
    {
        parser.Append(received);
        while (parser.TryNext(out var frame))
        {
            Handle(frame);
        }

        parser.Compact();
    }

    private void Handle(RelpFrame frame)
    {
        lock (_gate)
        {
            if (frame.Transaction == 0)
            {
                // "Hint Command serverclose": the server closes the session; anything unanswered was not taken.
                if (frame.Command.SequenceEqual("serverclose"u8))
                {
                    throw new IOException("The RELP server closed the session (serverclose).");
                }

                // Other hints (transaction 0) need no answer and change nothing.
                return;
            }

            if (!frame.Command.SequenceEqual("rsp"u8))
            {
                throw new InvalidDataException($"The RELP server sent the command '{Encoding.ASCII.GetString(frame.Command)}' with transaction {frame.Transaction}; a server only answers with rsp.");
            }

            // Responses come "in the exact same order as commands were received", each with its command's TXNR.
            if (_oldest == _next || frame.Transaction != _oldest)
            {
                throw new InvalidDataException($"The RELP server answered transaction {frame.Transaction}, but the oldest unanswered one is {(_oldest == _next ? "none" : _oldest.ToString(CultureInfo.InvariantCulture))}.");
            }

            // "rsp" data: STATUS SP HUMAN-TEXT [LF DATA]; 200 is OK, anything else an error.
            var data = frame.Data;
            var end = data.IndexOf((byte)'\n');
            var line = end >= 0 ? data[..end] : data;
            if (line.Length < 3 || !char.IsAsciiDigit((char)line[0]) || !char.IsAsciiDigit((char)line[1]) || !char.IsAsciiDigit((char)line[2]) || (line.Length > 3 && line[3] != (byte)' '))
            {
                throw new InvalidDataException($"The RELP server's response to transaction {frame.Transaction} has no status code: '{Shown(data)}'.");
            }

            if (!line.StartsWith("200"u8))
            {
                throw new IOException($"The RELP server refused transaction {frame.Transaction}: '{Shown(line)}'.");
            }

            if (frame.Transaction == _openTransaction)
            {
                // Once per session: the offers are read as text.
                _openResponse = end >= 0 ? Encoding.Latin1.GetString(data[(end + 1)..]) : string.Empty;
            }
            else if (frame.Transaction == _closeTransaction)
            {
                _closeAnswered = true;
            }
            else if (!_abandoned)
            {
                _acknowledged++;
            }

            _oldest++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Response bytes for an error message: Latin-1, at most 200 characters, LF shown as \n.</summary>
    private static string Shown(ReadOnlySpan<byte> bytes)
    {
        var shown = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 200)]) + (bytes.Length > 200 ? "…" : string.Empty);
        return shown.Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
