using System;
using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
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
public ref struct SyslogMessageBuilder
{
    private const string NullText = "(null)";

    /// <summary>"&lt;0&gt;" to "&lt;191&gt;" (RFC 5424 §6.2.1), for PRI values chosen at run time.</summary>
    private static readonly byte[][] PriorityTexts = BuildPriorityTexts();

    /// <summary>Values up to this many characters try the printable-ASCII copy first.</summary>
    private const int ShortText = 32;

    /// <summary>The room a formatted value is first given; a longer one grows the buffer and is formatted again.</summary>
    private const int FormattedGuess = 64;

    // RFC 5424 §8.2 (docs/formats.md, EscapeControlCharacters): C0 controls except TAB, and DEL.
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f"u8);

    // RFC 5424 §6.3.3: '"', '\' and ']' are escaped with a backslash in PARAM-VALUE.
    private static readonly SearchValues<byte> ParamValueBytes = SearchValues.Create("\"\\]"u8);

    private static readonly SearchValues<byte> ParamValueAndControlBytes = SearchValues.Create(
        "\"\\]\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f"u8);

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

    /// <summary>
    /// Starts a message whose PRI text (<c>&lt;36&gt;</c>) was computed at compile time. Generated code constructs the
    /// builder in its own local: a factory method returning it would copy the whole struct on every call.
    /// </summary>
    /// <param name="writer">The writer the message goes to; not null (the generated code checks).</param>
    /// <param name="priority">The PRI part, brackets included.</param>
    /// <param name="appName">The APP-NAME of the message's <c>[SyslogSource]</c>; empty for the writer's.</param>
    /// <param name="msgId">The MSGID; empty for none (<c>-</c>).</param>
    public SyslogMessageBuilder(SyslogWriter writer, scoped ReadOnlySpan<byte> priority, scoped ReadOnlySpan<byte> appName, scoped ReadOnlySpan<byte> msgId)
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

        WriteHeader(priority, appName, msgId);
    }

    /// <summary>Starts a message whose PRI is known only at run time: a severity parameter, or the writer's default facility.</summary>
    /// <param name="writer">The writer the message goes to; not null (the generated code checks).</param>
    /// <param name="facility">The facility, or null for the writer's <see cref="SyslogWriterOptions.DefaultFacility"/>.</param>
    /// <param name="severity">The severity.</param>
    /// <param name="appName">The APP-NAME of the message's <c>[SyslogSource]</c>; empty for the writer's.</param>
    /// <param name="msgId">The MSGID; empty for none (<c>-</c>).</param>
    public SyslogMessageBuilder(SyslogWriter writer, SyslogFacility? facility, SyslogSeverity severity, scoped ReadOnlySpan<byte> appName, scoped ReadOnlySpan<byte> msgId)
        : this(writer, PriorityText(facility, severity, writer.Layout.DefaultFacility), appName, msgId)
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

    /// <summary>
    /// Opens an SD-ELEMENT: <c>[SD-ID</c>. <paramref name="parametersLength"/> is the length of every
    /// <c> NAME=""</c> that will follow (computed at compile time): it is reserved, so each parameter is
    /// present even when values must be shortened. The element is skipped whole when that does not fit.
    /// </summary>
    public void BeginStructuredData(scoped ReadOnlySpan<byte> sdId, int parametersLength)
    {
        _section = Section.Element;
        _elementOpen = Fits(sdId.Length + 1 + parametersLength);
        _skipping = !_elementOpen;
        if (!_elementOpen)
        {
            _truncated = true;
            return;
        }

        _bytes[_position++] = (byte)'[';
        Write(sdId);
        _reserved = parametersLength;
        _hasStructuredData = true;
    }

    /// <summary>Opens an SD-PARAM: <c> NAME="</c>, in the room <see cref="BeginStructuredData"/> reserved.</summary>
    public void BeginParameter(scoped ReadOnlySpan<byte> name)
    {
        if (!_elementOpen)
        {
            return;
        }

        _section = Section.Parameter;
        _reserved = Math.Max(_reserved - (name.Length + 4), 0);
        _parameterOpen = Fits(name.Length + 3);
        _skipping = !_parameterOpen;
        if (!_parameterOpen)
        {
            _truncated = true;
            return;
        }

        _bytes[_position++] = (byte)' ';
        Write(name);
        _bytes[_position++] = (byte)'=';
        _bytes[_position++] = (byte)'"';
    }

    /// <summary>Closes an SD-PARAM value: <c>"</c>.</summary>
    public void EndParameter()
    {
        if (_parameterOpen)
        {
            _bytes[_position++] = (byte)'"';
            _parameterOpen = false;
        }

        _section = Section.Element;
        _skipping = !_elementOpen;
    }

    /// <summary>Closes the SD-ELEMENT: <c>]</c>.</summary>
    public void EndStructuredData()
    {
        if (_elementOpen)
        {
            _bytes[_position++] = (byte)']';
            _elementOpen = false;
        }

        _reserved = 0;

        _section = Section.Header;
        _skipping = false;
    }

    /// <summary>Ends the header and structured data and starts MSG (the BOM and the ident come first).</summary>
    public void BeginText()
    {
        if (_buffer.IsUnavailable)
        {
            MarkTruncated();
            return;
        }

        if (_layout.IsPickle)
        {
            // 'msg': the formatted message (CPython's makePickle sends getMessage()); its length is set in Send.
            EnsureCapacity(PythonRecordParts.Msg.Length + 5);
            Write(PythonRecordParts.Msg);
            _stringStart = _position;
            _bytes[_position] = Pickle.BinUnicode;
            _position += 5;
        }
        else if (_layout.Format == SyslogFormat.Rfc5424)
        {
            if (!_hasStructuredData)
            {
                _bytes[_position++] = (byte)'-';
            }

            // MSG is cut first (docs/formats.md, size limit): when SD had to be shortened there is no room for any of it, and
            // with Utf8Bom on, MSG is never sent without its BOM (RFC 5424 §6.4). RFC 5424 §6: SD [SP MSG].
            _section = Section.Text;
            if (_truncated || !Fits(1 + (_layout.Utf8Bom ? 3 : 0) + 1))
            {
                MarkTruncated();
                return;
            }

            _bytes[_position++] = (byte)' ';
            if (_layout.Utf8Bom)
            {
                Write("\uFEFF"u8);
            }
        }

        _section = Section.Text;
        AppendLiteral(_layout.Ident);
    }

    /// <summary>Appends constant UTF-8 text from the template, as it is.</summary>
    public void AppendLiteral(scoped ReadOnlySpan<byte> utf8)
    {
        if (!_skipping)
        {
            WriteTruncated(utf8);
        }
    }

    /// <summary>Appends a string value; null is written as <c>(null)</c>.</summary>
    public void AppendString(string? value) => AppendChars(value is null ? NullText : value.AsSpan());

    /// <summary>Appends <c>(null)</c>, for a null value of any type.</summary>
    public void AppendNull() => AppendChars(NullText);

    /// <summary>Appends UTF-16 text; invalid UTF-16 becomes U+FFFD.</summary>
    public void AppendChars(scoped ReadOnlySpan<char> value) => AppendChars(value, forceControlEscaping: false);

    /// <summary>Appends one UTF-16 unit; a lone surrogate becomes U+FFFD.</summary>
    public void AppendChar(char value) => AppendChars(new ReadOnlySpan<char>(in value));

    /// <summary>Appends a <see cref="bool"/> as <c>True</c> or <c>False</c>, as <see cref="bool.ToString()"/> does.</summary>
    public void AppendBoolean(bool value) => AppendLiteral(value ? "True"u8 : "False"u8);

    /// <summary>Appends an exception as its type and message on one line; never its stack trace.</summary>
    public void AppendException(Exception? value)
    {
        if (value is null)
        {
            AppendChars(NullText);
            return;
        }

        string message;
        try
        {
            message = value.Message;
        }
        catch (Exception exception)
        {
            // A Message getter is user code: when it throws, the logging call still must not.
            FormattingFailed(exception);
            return;
        }

        AppendChars(value.GetType().FullName ?? value.GetType().Name, forceControlEscaping: true);
        AppendChars(": ", forceControlEscaping: true);
        AppendChars(message, forceControlEscaping: true);
    }

    /// <summary>Appends a value that formats itself to UTF-8, with the invariant culture.</summary>
    public void AppendUtf8Formattable<T>(T? value, string? format)
        where T : IUtf8SpanFormattable
    {
        if (_skipping)
        {
            return;
        }

        // Tested on the type first: 'value is null' alone boxes a struct where the JIT does not optimize (Debug builds).
        if (!typeof(T).IsValueType && value is null)
        {
            AppendChars(NullText);
            return;
        }

        try
        {
            // Most values fit the first try; a longer one grows the buffer, up to the room the message has left.
            for (var wanted = FormattedGuess; ; wanted = Twice(wanted))
            {
                var reserved = Reserve(wanted);
                var room = _bytes.AsSpan(_position, reserved);
                if (value!.TryFormat(room, out var written, format, CultureInfo.InvariantCulture))
                {
                    var formatted = room[..written];
                    var special = SpecialBytes(forceControlEscaping: false);
                    if ((format is null && PlainAsciiFormat<T>.Value) || (Utf8.IsValid(formatted) && (special is null || !formatted.ContainsAny(special))))
                    {
                        _position += written;
                        return;
                    }

                    if (EnsureScratch(written))
                    {
                        formatted.CopyTo(_buffer.Scratch);
                        AppendEscaped(_buffer.Scratch.AsSpan(0, written), special);
                        return;
                    }

                    break;
                }

                if (reserved < wanted)
                {
                    break;
                }
            }

            // Too long for the room left: format it whole into scratch and cut it there.
            for (var wanted = FormattedGuess; EnsureScratch(wanted); wanted = Twice(wanted))
            {
                if (value!.TryFormat(_buffer.Scratch, out var written, format, CultureInfo.InvariantCulture))
                {
                    AppendUtf8(_buffer.Scratch.AsSpan(0, written));
                    return;
                }

                if (_buffer.Scratch.Length >= _layout.MaxMessageSize)
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            FormattingFailed(exception);
            return;
        }

        AppendToString(value);
    }

    /// <summary>Appends a value that formats itself to UTF-16, with the invariant culture.</summary>
    public void AppendSpanFormattable<T>(T? value, string? format)
        where T : ISpanFormattable
    {
        if (_skipping)
        {
            return;
        }

        // Tested on the type first: 'value is null' alone boxes a struct where the JIT does not optimize (Debug builds).
        if (!typeof(T).IsValueType && value is null)
        {
            AppendChars(NullText);
            return;
        }

        try
        {
            for (var wanted = FormattedGuess; EnsureChars(wanted); wanted = Twice(wanted))
            {
                if (value!.TryFormat(_buffer.Chars, out var written, format, CultureInfo.InvariantCulture))
                {
                    AppendChars(_buffer.Chars.AsSpan(0, written));
                    return;
                }

                if (_buffer.Chars.Length >= _layout.MaxMessageSize)
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            FormattingFailed(exception);
            return;
        }

        AppendToString(value);
    }

    /// <summary>Appends an enum value by name (or number), without boxing it.</summary>
    public void AppendEnum<T>(T value, string? format)
        where T : struct, Enum
    {
        if (_skipping)
        {
            return;
        }

        if (format is null && EnumNames<T>.TryGet(value, out var name))
        {
            // A defined value's name is an identifier: nothing in it needs escaping.
            AppendLiteral(name);
            return;
        }

        try
        {
            for (var wanted = FormattedGuess; EnsureChars(wanted); wanted = Twice(wanted))
            {
                if (Enum.TryFormat(value, _buffer.Chars, out var written, format))
                {
                    AppendChars(_buffer.Chars.AsSpan(0, written));
                    return;
                }

                if (_buffer.Chars.Length >= _layout.MaxMessageSize)
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            FormattingFailed(exception);
            return;
        }

        AppendToString(value);
    }

    /// <summary>Appends <see cref="object.ToString()"/> of a value of any other type (this allocates; GENLOG014 says so).</summary>
    public void AppendToString<T>(T? value)
    {
        if (_skipping)
        {
            return;
        }

        string? text;
        try
        {
            text = value?.ToString();
        }
        catch (Exception exception)
        {
            FormattingFailed(exception);
            return;
        }

        AppendString(text);
    }

    /// <summary>Pads the value written since <paramref name="start"/> to <paramref name="alignment"/> UTF-16 units (as string.Format counts): right-aligned when positive, left-aligned when negative.</summary>
    public void Align(int start, int alignment)
    {
        var width = Math.Abs(alignment);
        var characters = 0;
        foreach (var b in _bytes.AsSpan(start, _position - start))
        {
            // Count UTF-16 units, as string.Format does: one per UTF-8 lead byte, two for a 4-byte sequence.
            if ((b & 0xC0) != 0x80)
            {
                characters += b >= 0xF0 ? 2 : 1;
            }
        }

        var padding = width - characters > 0 ? Math.Min(width - characters, Reserve(width - characters)) : 0;
        if (padding <= 0 || _skipping)
        {
            return;
        }

        if (alignment > 0)
        {
            _bytes.AsSpan(start, _position - start).CopyTo(_bytes.AsSpan(start + padding));
            _bytes.AsSpan(start, padding).Fill((byte)' ');
        }
        else
        {
            _bytes.AsSpan(_position, padding).Fill((byte)' ');
        }

        _position += padding;
    }

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

    /// <summary>
    /// Appends where a record comes from, all compile-time constants of the generated method: the logger
    /// <c>name</c>, and <c>pathname</c>, <c>filename</c>, <c>module</c>, <c>lineno</c>, <c>funcName</c> of the
    /// declaration; <c>msgid</c> and <c>sd_id</c> when set (empty: not sent).
    /// </summary>
    public void AppendPythonSource(
        scoped ReadOnlySpan<byte> name,
        scoped ReadOnlySpan<byte> pathname,
        scoped ReadOnlySpan<byte> filename,
        scoped ReadOnlySpan<byte> module,
        int lineno,
        scoped ReadOnlySpan<byte> funcName,
        scoped ReadOnlySpan<byte> msgId,
        scoped ReadOnlySpan<byte> sdId)
    {
        AppendPythonStringConstant("name"u8, name);
        AppendPythonStringConstant("pathname"u8, pathname);
        AppendPythonStringConstant("filename"u8, filename);
        AppendPythonStringConstant("module"u8, module);
        AppendPythonInteger("lineno"u8, lineno);
        AppendPythonStringConstant("funcName"u8, funcName);
        if (!msgId.IsEmpty)
        {
            AppendPythonStringConstant("msgid"u8, msgId);
        }

        if (!sdId.IsEmpty)
        {
            AppendPythonStringConstant("sd_id"u8, sdId);
        }
    }

    /// <summary>Appends an int entry under a key (BININT, or LONG1 beyond 32 bits).</summary>
    public void AppendPythonInteger(scoped ReadOnlySpan<byte> key, long value)
    {
        Span<byte> number = stackalloc byte[Pickle.MaxNumberSize];
        WritePythonEntry(key, number[..Pickle.WriteInteger(number, value)]);
    }

    /// <summary>Appends an unsigned int entry under a key.</summary>
    public void AppendPythonInteger(scoped ReadOnlySpan<byte> key, ulong value)
    {
        Span<byte> number = stackalloc byte[Pickle.MaxNumberSize];
        WritePythonEntry(key, number[..Pickle.WriteInteger(number, value)]);
    }

    /// <summary>Appends a 128-bit int entry under a key.</summary>
    public void AppendPythonInteger(scoped ReadOnlySpan<byte> key, Int128 value)
    {
        Span<byte> number = stackalloc byte[Pickle.MaxNumberSize];
        WritePythonEntry(key, number[..Pickle.WriteInteger(number, value)]);
    }

    /// <summary>Appends an unsigned 128-bit int entry under a key.</summary>
    public void AppendPythonInteger(scoped ReadOnlySpan<byte> key, UInt128 value)
    {
        Span<byte> number = stackalloc byte[Pickle.MaxNumberSize];
        WritePythonEntry(key, number[..Pickle.WriteInteger(number, value)]);
    }

    /// <summary>Appends an int entry of any size under a key; one too large for the room left is sent as None.</summary>
    public void AppendPythonInteger(scoped ReadOnlySpan<byte> key, System.Numerics.BigInteger value)
    {
        var room = Math.Max(Room() - key.Length - 5, 0);
        EnsureScratch(Math.Min(room, value.GetByteCount() + Pickle.MaxNumberSize));
        var scratch = _buffer.Scratch.AsSpan(0, Math.Min(_buffer.Scratch.Length, room));
        var length = Pickle.WriteInteger(scratch, value);
        if (length == 0)
        {
            _truncated = true;
            AppendPythonNone(key);
            return;
        }

        WritePythonEntry(key, scratch[..length]);
    }

    /// <summary>Appends a float entry under a key (BINFLOAT: NaN and infinities as they are).</summary>
    public void AppendPythonFloat(scoped ReadOnlySpan<byte> key, double value)
    {
        Span<byte> number = stackalloc byte[9];
        WritePythonEntry(key, number[..Pickle.WriteFloat(number, value)]);
    }

    /// <summary>Appends a bool entry under a key.</summary>
    public void AppendPythonBoolean(scoped ReadOnlySpan<byte> key, bool value)
    {
        Span<byte> opcode = stackalloc byte[1];
        opcode[0] = value ? Pickle.NewTrue : Pickle.NewFalse;
        WritePythonEntry(key, opcode);
    }

    /// <summary>Appends a None entry under a key.</summary>
    public void AppendPythonNone(scoped ReadOnlySpan<byte> key)
    {
        Span<byte> opcode = stackalloc byte[1];
        opcode[0] = Pickle.None;
        WritePythonEntry(key, opcode);
    }

    /// <summary>Opens a str entry under a key; the Append methods write its text until <see cref="EndPythonString"/>.</summary>
    public void BeginPythonString(scoped ReadOnlySpan<byte> key)
    {
        _section = Section.PythonValue;
        _skipping = !Fits(key.Length + 10);
        if (_skipping)
        {
            _truncated = true;
            return;
        }

        _position += Pickle.WriteString(_bytes.AsSpan(_position), key);
        _stringStart = _position;
        _bytes[_position] = Pickle.BinUnicode;
        _position += 5;
    }

    /// <summary>Closes the open str: its length goes into the BINUNICODE header.</summary>
    public void EndPythonString()
    {
        if (_stringStart >= 0)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(_stringStart + 1), _position - _stringStart - 5);
            _stringStart = -1;
        }

        _section = Section.Header;
        _skipping = false;
    }

    private void AppendPythonStringConstant(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<byte> utf8)
    {
        if (!Fits(key.Length + 10 + utf8.Length))
        {
            _truncated = true;
            return;
        }

        _position += Pickle.WriteString(_bytes.AsSpan(_position), key);
        _position += Pickle.WriteString(_bytes.AsSpan(_position), utf8);
    }

    private void WritePythonEntry(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<byte> value)
    {
        if (!Fits(key.Length + 5 + value.Length))
        {
            _truncated = true;
            return;
        }

        _position += Pickle.WriteString(_bytes.AsSpan(_position), key);
        Write(value);
    }

    /// <summary>The start of a Python record: everything but the call's own entries and 'msg'.</summary>
    private void WritePythonHeader(scoped ReadOnlySpan<byte> priority)
    {
        var python = _layout.Python!;
        var pri = int.Parse(priority[1..^1], provider: CultureInfo.InvariantCulture);
        Write(Pickle.Start);
        Write(python.Fixed);
        Write(python.Severity[pri & 7]);
        Write(python.Facility[Math.Min(pri >> 3, SyslogNames.MaxFacility)]);

        // created (Unix seconds), msecs and relativeCreated (milliseconds), as LogRecord.__init__ computes them.
        var now = _layout.TimeProvider.GetUtcNow();
        var ticks = now.UtcTicks - DateTime.UnixEpoch.Ticks;
        Write(PythonRecordParts.Created);
        _position += Pickle.WriteFloat(_bytes.AsSpan(_position), ticks / (double)TimeSpan.TicksPerSecond);
        Write(PythonRecordParts.Msecs);
        _position += Pickle.WriteFloat(_bytes.AsSpan(_position), ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMillisecond);
        Write(PythonRecordParts.RelativeCreated);
        _position += Pickle.WriteFloat(_bytes.AsSpan(_position), (now - _layout.Started).TotalMilliseconds);

        var thread = System.Threading.Thread.CurrentThread;
        EnsureCapacity(PythonRecordParts.Thread.Length + Pickle.MaxNumberSize + PythonRecordParts.ThreadName.Length + 5 + 256);
        Write(PythonRecordParts.Thread);
        _position += Pickle.WriteInteger(_bytes.AsSpan(_position), thread.ManagedThreadId);
        Write(PythonRecordParts.ThreadName);
        var nameStart = _position;
        _position += 5;
        if (thread.Name is { } name)
        {
            Utf8.FromUtf16(name, _bytes.AsSpan(_position, 256), out _, out var written, replaceInvalidSequences: true);
            _position += written;
        }
        else
        {
            Write("Thread-"u8);
            thread.ManagedThreadId.TryFormat(_bytes.AsSpan(_position), out var digits, default, CultureInfo.InvariantCulture);
            _position += digits;
        }

        _bytes[nameStart] = Pickle.BinUnicode;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(nameStart + 1), _position - nameStart - 5);
    }

    /// <summary>
    /// <c>&lt;PRI&gt;</c> for a facility and severity chosen at run time. Out-of-range values cannot come from generated
    /// code; by hand they fall back (to the default facility, to the severity's low three bits) rather than break the frame.
    /// </summary>
    private static ReadOnlySpan<byte> PriorityText(SyslogFacility? facility, SyslogSeverity severity, SyslogFacility defaultFacility)
    {
        var code = facility is { } f && (uint)f <= SyslogNames.MaxFacility ? f : defaultFacility;
        return PriorityTexts[((int)code << 3) | ((int)severity & 7)];
    }

    private static byte[][] BuildPriorityTexts()
    {
        var texts = new byte[(SyslogNames.MaxFacility + 1) * 8][];
        for (var pri = 0; pri < texts.Length; pri++)
        {
            texts[pri] = Encoding.ASCII.GetBytes("<" + pri.ToString(CultureInfo.InvariantCulture) + ">");
        }

        return texts;
    }

    private void WriteHeader(scoped ReadOnlySpan<byte> priority, scoped ReadOnlySpan<byte> appName, scoped ReadOnlySpan<byte> msgId)
    {
        if (_layout.IsPickle)
        {
            WritePythonHeader(priority);
            return;
        }

        Write(priority);
        if (_layout.Format == SyslogFormat.Rfc5424)
        {
            // RFC 5424 §6: <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD
            Write("1 "u8);
            _buffer.Clock.WriteRfc5424(_bytes.AsSpan(_position, Timestamps.Rfc5424Length), _layout.TimeProvider.GetUtcNow());
            _position += Timestamps.Rfc5424Length;
            _bytes[_position++] = (byte)' ';
            Write(_layout.HostName);
            _bytes[_position++] = (byte)' ';
            Write(appName.IsEmpty ? _layout.AppName : appName[..Math.Min(appName.Length, 48)]);
            _bytes[_position++] = (byte)' ';
            Write(_layout.ProcId);
            _bytes[_position++] = (byte)' ';
            Write(msgId.IsEmpty ? "-"u8 : msgId[..Math.Min(msgId.Length, 32)]);
            _bytes[_position++] = (byte)' ';
            if (_layout.SequenceId)
            {
                WriteSequenceId();
            }
        }
        else if (_layout.Format == SyslogFormat.Rfc3164)
        {
            WriteRfc3164Header(appName);
        }
    }

    /// <summary>RFC 5424 §7.3.1: <c>[meta sequenceId="N"]</c>, the first SD-ELEMENT.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteSequenceId()
    {
        Write("[meta sequenceId=\""u8);
        _writer.NextSequenceId().TryFormat(_bytes.AsSpan(_position), out var digits, default, CultureInfo.InvariantCulture);
        _position += digits;
        Write("\"]"u8);
        _hasStructuredData = true;
    }

    /// <summary>RFC 3164 §4.1: <c>TIMESTAMP HOSTNAME TAG[PID]: </c> after the PRI. Kept out of line: the generated methods stay small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteRfc3164Header(scoped ReadOnlySpan<byte> appName)
    {
        _buffer.Clock.WriteRfc3164(_bytes.AsSpan(_position), _layout.TimeProvider.GetUtcNow(), _layout.TimeProvider.LocalTimeZone);
        _position += Timestamps.Rfc3164Length;
        _bytes[_position++] = (byte)' ';
        Write(_layout.HostName);
        _bytes[_position++] = (byte)' ';
        _position += appName.IsEmpty ? Copy(_layout.Tag) : MessageLayout.WriteTag(appName, _bytes.AsSpan(_position));
        _bytes[_position++] = (byte)'[';
        Write(_layout.ProcId);
        Write("]: "u8);
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
        _ when _layout.IsPickle => _section == Section.Text ? Pickle.End.Length : Pickle.End.Length + PythonRecordParts.Msg.Length + 5,
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

    private readonly SearchValues<byte>? SpecialBytes(bool forceControlEscaping)
    {
        var controls = forceControlEscaping || _layout.EscapeControlCharacters;
        if (_section == Section.PythonValue)
        {
            // A pickled str carries any character; only invalid UTF-16 is replaced (and an exception's text kept on one line).
            return forceControlEscaping ? ControlBytes : null;
        }

        return _section == Section.Parameter
            ? (controls ? ParamValueAndControlBytes : ParamValueBytes)
            : (controls ? ControlBytes : null);
    }

    private void AppendChars(scoped ReadOnlySpan<char> value, bool forceControlEscaping)
    {
        if (_skipping || value.IsEmpty)
        {
            return;
        }

        // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2).
        var room = Reserve(Twice(value.Length) + value.Length);
        var destination = _bytes.AsSpan(_position, room);
        if (value.Length <= ShortText && value.Length <= room && TryWritePrintableAscii(value, destination))
        {
            _position += value.Length;
            return;
        }

        var status = Utf8.FromUtf16(value, destination, out _, out var written, replaceInvalidSequences: true);
        var special = SpecialBytes(forceControlEscaping);
        if (special is null || !destination[..written].ContainsAny(special))
        {
            _position += written;
            if (status != OperationStatus.Done)
            {
                MarkTruncated();
            }

            return;
        }

        // Something needs escaping: transcode in chunks that fit the scratch buffer (3 bytes per UTF-16 unit at most).
        var scratch = _buffer.Scratch;
        var chunkLength = scratch.Length / 3;
        while (!value.IsEmpty && !_skipping)
        {
            var chunk = value.Length > chunkLength ? value[..chunkLength] : value;
            Utf8.FromUtf16(chunk, scratch, out var read, out written, replaceInvalidSequences: true, isFinalBlock: chunk.Length == value.Length);
            AppendEscaped(scratch.AsSpan(0, written), special);
            value = value[read..];
        }
    }

    /// <summary>
    /// The common short value (a user name, a host): printable ASCII with nothing to escape, copied one character at a
    /// time, cheaper for a few characters than transcoding and then searching. False, with nothing written that counts,
    /// when any character needs more (the general path then starts over).
    /// </summary>
    private readonly bool TryWritePrintableAscii(scoped ReadOnlySpan<char> value, Span<byte> destination)
    {
        var parameter = _section == Section.Parameter;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is < ' ' or > '~' || (parameter && c is '"' or '\\' or ']'))
            {
                return false;
            }

            destination[i] = (byte)c;
        }

        return true;
    }

    /// <summary>Appends UTF-8 bytes of unknown validity: invalid sequences become U+FFFD.</summary>
    private void AppendUtf8(scoped ReadOnlySpan<byte> utf8)
    {
        var special = SpecialBytes(forceControlEscaping: false);
        if (Utf8.IsValid(utf8) && (special is null || !utf8.ContainsAny(special)))
        {
            WriteTruncated(utf8);
        }
        else
        {
            AppendEscaped(utf8, special);
        }
    }

    /// <summary>The slow path: one character at a time, escaping, replacing invalid UTF-8, stopping at the limit.</summary>
    private void AppendEscaped(scoped ReadOnlySpan<byte> utf8, SearchValues<byte>? special)
    {
        // Escaped, a byte takes at most 4 ('#' and three octal digits); an invalid one becomes U+FFFD, 3.
        var room = Reserve(Twice(Twice(utf8.Length)));
        var destination = _bytes.AsSpan(_position, room);
        var written = 0;
        while (!utf8.IsEmpty)
        {
            var b = utf8[0];
            if (b < 0x80)
            {
                if (special is not null && special.Contains(b))
                {
                    if (_section == Section.Parameter && b is (byte)'"' or (byte)'\\' or (byte)']')
                    {
                        if (written + 2 > room)
                        {
                            break;
                        }

                        destination[written++] = (byte)'\\';
                        destination[written++] = b;
                    }
                    else
                    {
                        // '#' and three octal digits, as rsyslog writes control characters.
                        if (written + 4 > room)
                        {
                            break;
                        }

                        destination[written++] = (byte)'#';
                        destination[written++] = (byte)('0' + (b >> 6));
                        destination[written++] = (byte)('0' + ((b >> 3) & 7));
                        destination[written++] = (byte)('0' + (b & 7));
                    }
                }
                else
                {
                    if (written + 1 > room)
                    {
                        break;
                    }

                    destination[written++] = b;
                }

                utf8 = utf8[1..];
                continue;
            }

            // Invalid sequences decode as U+FFFD with the bytes to skip.
            Rune.DecodeFromUtf8(utf8, out var rune, out var consumed);
            if (written + rune.Utf8SequenceLength > room)
            {
                break;
            }

            written += rune.EncodeToUtf8(destination[written..]);
            utf8 = utf8[consumed..];
        }

        _position += written;
        if (!utf8.IsEmpty)
        {
            MarkTruncated();
        }
    }

    /// <summary>Copies valid UTF-8 that needs no escaping, cut at a character boundary if it does not fit.</summary>
    private void WriteTruncated(scoped ReadOnlySpan<byte> utf8)
    {
        var room = Reserve(utf8.Length);
        if (utf8.Length <= room)
        {
            Write(utf8);
            return;
        }

        var cut = room;
        while (cut > 0 && (utf8[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        Write(utf8[..cut]);
        MarkTruncated();
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
