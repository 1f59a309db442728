using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using GenLog.Formatting;

namespace GenLog;

/// <summary>
/// Builds one message in place, for the code GenLog generates; not meant to be used by hand.
/// Every value is transcoded straight into UTF-8, escaped for the part of the message it lands in,
/// and cut at a character boundary when the message reaches
/// <see cref="SyslogWriterOptions.MaxMessageSize"/>: SD is written before MSG, so MSG is what is cut
/// first, and the closing bytes of an SD-ELEMENT are always reserved.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref partial struct SyslogMessageBuilder
{
    private const string NullText = "(null)";

    /// <summary>Values up to this many characters try the printable-ASCII copy first.</summary>
    private const int ShortText = 32;

    /// <summary>The room a formatted value is first given; a longer one grows the buffer and is formatted again.</summary>
    private const int FormattedGuess = 64;

    private readonly SyslogWriter _writer;
    private readonly MessageLayout _layout;
    private readonly MessageBuffer _buffer;
    private byte[] _bytes;
    private int _position;
    private Section _section;
    private bool _skipping;
    private bool _hasStructuredData;
    private int _stringStart = -1;
    private bool _elementOpen;
    private bool _parameterOpen;
    private int _reserved;
    private bool _truncated;
    private int _structuredDataEnd;
    private int _exceptionAt = -1;
    private int _exceptionElementAt = -1;

    /// <summary>
    /// Starts a message whose PRI (RFC 5424 §6.2.1: facility × 8 + severity) was computed at compile time. Generated code
    /// constructs the builder in its own local: a factory method returning it would copy the whole struct on every call.
    /// </summary>
    /// <param name="writer">The writer the message goes to; not null (the generated code checks).</param>
    /// <param name="priority">The PRI value, 0 to 191 (outside it, the writer's default facility and the low three bits as severity).</param>
    /// <param name="appName">The APP-NAME of the message's <c>[SyslogSource]</c>; empty for the writer's.</param>
    /// <param name="msgId">The MSGID; empty for none (<c>-</c>).</param>
    public SyslogMessageBuilder(SyslogWriter writer, int priority, scoped ReadOnlySpan<byte> appName, scoped ReadOnlySpan<byte> msgId)
    {
        _writer = writer;
        _layout = writer.Layout;
        _buffer = MessageBuffer.Rent(_layout.InitialBufferSize);
        _bytes = _buffer.Bytes;
        _section = Section.Header;
        if (_buffer.IsUnavailable)
        {
            // Out of memory: nothing is written; Send counts the message as dropped.
            _skipping = true;
            return;
        }

        WriteHeader((uint)priority <= MaxPriority ? priority : ((int)_layout.DefaultFacility << 3) | (priority & 7), appName, msgId);
    }

    /// <summary>Starts a message whose PRI is known only at run time: a severity parameter, or the writer's default facility.</summary>
    /// <param name="writer">The writer the message goes to; not null (the generated code checks).</param>
    /// <param name="facility">The facility, or null for the writer's <see cref="SyslogWriterOptions.DefaultFacility"/>.</param>
    /// <param name="severity">The severity.</param>
    /// <param name="appName">The APP-NAME of the message's <c>[SyslogSource]</c>; empty for the writer's.</param>
    /// <param name="msgId">The MSGID; empty for none (<c>-</c>).</param>
    public SyslogMessageBuilder(SyslogWriter writer, SyslogFacility? facility, SyslogSeverity severity, scoped ReadOnlySpan<byte> appName, scoped ReadOnlySpan<byte> msgId)
        : this(writer, Priority(facility, severity, writer.Layout.DefaultFacility), appName, msgId)
    {
    }

    private enum Section
    {
        Header,
        Element,
        Parameter,
        Text,
        PythonValue,
    }

    /// <summary>True when the format carries structured data (RFC 5424); the generated code skips SD otherwise.</summary>
    public readonly bool WritesStructuredData => _layout.Format == SyslogFormat.Rfc5424 && !_layout.IsPickle;

    /// <summary>True when the message is a Python logging record (a pickled dict) for the Python transports.</summary>
    public readonly bool WritesPickle => _layout.IsPickle;

    /// <summary>The number of bytes written so far; the start of a value for <see cref="Align"/>.</summary>
    public readonly int Position => _position;

    /// <summary>Finishes the message and hands it to the writer's transport.</summary>
    public void Send()
    {
        if (_buffer.IsUnavailable)
        {
            _writer.Unformattable(new OutOfMemoryException("No memory for the buffer of a syslog message; it was dropped."));
            return;
        }

        if (_layout.IsPickle)
        {
            EndPythonString();
            EnsureCapacity(Pickle.End.Length);
            Write(Pickle.End);
        }
        else if (_layout.AppendNul)
        {
            // ContentLimit keeps one byte free for it.
            EnsureCapacity(1);
            _bytes[_position++] = 0;
        }

        _writer.Deliver(_bytes.AsSpan(0, _position), _truncated);
        MessageBuffer.Return(_buffer);
    }

    private int Copy(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_bytes.AsSpan(_position));
        return bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_bytes.AsSpan(_position));
        _position += bytes.Length;
    }

    /// <summary>Room left for the current part, keeping the bytes that close it and the parameters still to come.</summary>
    private readonly int Room() => _layout.ContentLimit - _position - _reserved - _section switch
    {
        Section.Parameter => 2, // '"]'
        Section.Element => 1,   // ']'
        _ when _layout.IsPickle => _section == Section.Text ? Pickle.End.Length : Pickle.End.Length + PythonRecordParts.Msg.Length + Pickle.StringHeaderSize,
        _ => 0,
    };

    /// <summary>Whether <paramref name="length"/> more bytes fit the current part; when they do, the buffer has room for them.</summary>
    private bool Fits(int length) => Reserve(length) >= length;

    /// <summary>
    /// The room the current part may use for a value of at most <paramref name="wanted"/> bytes: the smaller of that and
    /// <see cref="Room"/>, with the buffer grown to hold it and every byte kept for closing the message. Less only when
    /// memory ran out (the error is reported; the value is then cut as by the limit).
    /// </summary>
    private int Reserve(int wanted)
    {
        var room = Room();
        var take = Math.Min(Math.Max(room, 0), Math.Max(wanted, 0));

        // What the message needs in all: what is written, this value, and what Room() keeps back for closing it.
        var needed = _layout.MaxMessageSize - Math.Max(room, 0) + take;
        if (needed > _bytes.Length && !Grow(needed))
        {
            // Out of memory: what the buffer already holds beyond the bytes kept back.
            return Math.Clamp(_bytes.Length - (needed - take), 0, take);
        }

        return take;
    }

    /// <summary>Grows the buffer to at least <paramref name="length"/> more bytes from here (fixed parts: headers, closers).</summary>
    private void EnsureCapacity(int length)
    {
        if (_position + length > _bytes.Length)
        {
            Grow(_position + length);
        }
    }

    private bool Grow(int needed)
    {
        if (!_buffer.TryGrowBytes(needed, _position, _layout.MaxMessageSize))
        {
            OutOfMemory();
            return false;
        }

        _bytes = _buffer.Bytes;
        return true;
    }

    /// <summary>Makes the scratch area at least <paramref name="length"/> bytes; false when memory ran out.</summary>
    private bool EnsureScratch(int length)
    {
        if (length <= _buffer.Scratch.Length)
        {
            return true;
        }

        if (_buffer.TryGrowScratch(length, _layout.MaxMessageSize))
        {
            return true;
        }

        OutOfMemory();
        return false;
    }

    /// <summary>Makes the UTF-16 scratch area at least <paramref name="length"/> characters; false when memory ran out.</summary>
    private bool EnsureChars(int length)
    {
        if (length <= _buffer.Chars.Length)
        {
            return true;
        }

        if (_buffer.TryGrowChars(length, _layout.MaxMessageSize))
        {
            return true;
        }

        OutOfMemory();
        return false;
    }

    private static int Twice(int value) => (int)Math.Min(value * 2L, int.MaxValue);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OutOfMemory()
    {
        _truncated = true;
        if (!_buffer.IsUnavailable)
        {
            _writer.ReportError(new OutOfMemoryException("No memory to grow the buffer of a syslog message; the message was cut."));
        }
    }

    /// <summary>Nothing more fits in this part: stop writing it, so a value is never continued after a gap.</summary>
    private void MarkTruncated()
    {
        _truncated = true;
        _skipping = true;
    }

    private void FormattingFailed(Exception exception)
    {
        _writer.ReportError(exception);
        AppendLiteral("(error)"u8);
    }
}
