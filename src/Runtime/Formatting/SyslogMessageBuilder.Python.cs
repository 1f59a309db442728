using System;
using System.Globalization;
using System.Text.Unicode;
using GenLog.Formatting;

namespace GenLog;

/// <summary>CPython logging records: the pickled <c>LogRecord</c> dict's entries (docs/python.md).</summary>
public ref partial struct SyslogMessageBuilder
{
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
        var room = Math.Max(Room() - key.Length - Pickle.StringHeaderSize, 0);
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
        _skipping = !Fits(key.Length + (2 * Pickle.StringHeaderSize));
        if (_skipping)
        {
            _truncated = true;
            return;
        }

        _position += Pickle.WriteString(_bytes.AsSpan(_position), key);
        _stringStart = _position;
        _bytes[_position] = Pickle.BinUnicode;
        _position += Pickle.StringHeaderSize;
    }

    /// <summary>Closes the open str: its length goes into the BINUNICODE header.</summary>
    public void EndPythonString()
    {
        if (_stringStart >= 0)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(_stringStart + 1), _position - _stringStart - Pickle.StringHeaderSize);
            _stringStart = -1;
        }

        _section = Section.Header;
        _skipping = false;
    }

    private void AppendPythonStringConstant(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<byte> utf8)
    {
        if (!Fits(key.Length + (2 * Pickle.StringHeaderSize) + utf8.Length))
        {
            _truncated = true;
            return;
        }

        _position += Pickle.WriteString(_bytes.AsSpan(_position), key);
        _position += Pickle.WriteString(_bytes.AsSpan(_position), utf8);
    }

    private void WritePythonEntry(scoped ReadOnlySpan<byte> key, scoped ReadOnlySpan<byte> value)
    {
        if (!Fits(key.Length + Pickle.StringHeaderSize + value.Length))
        {
            _truncated = true;
            return;
        }

        _position += Pickle.WriteString(_bytes.AsSpan(_position), key);
        Write(value);
    }

    /// <summary>The start of a Python record: everything but the call's own entries and 'msg'.</summary>
    private void WritePythonHeader(int pri)
    {
        var python = _layout.Python!;
        Write(Pickle.Start);
        Write(python.Fixed);
        Write(python.Severity[pri & 7]);
        Write(python.Facility[Math.Min(pri >> 3, SyslogNames.MaxFacility)]);

        // created (Unix seconds), msecs and relativeCreated (milliseconds), as LogRecord.__init__ computes them.
        var now = _layout.Now();
        var ticks = now.UtcTicks - DateTime.UnixEpoch.Ticks;
        Write(PythonRecordParts.Created);
        _position += Pickle.WriteFloat(_bytes.AsSpan(_position), ticks / (double)TimeSpan.TicksPerSecond);
        Write(PythonRecordParts.Msecs);
        _position += Pickle.WriteFloat(_bytes.AsSpan(_position), ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMillisecond);
        Write(PythonRecordParts.RelativeCreated);
        _position += Pickle.WriteFloat(_bytes.AsSpan(_position), (now - _layout.Started).TotalMilliseconds);

        var thread = System.Threading.Thread.CurrentThread;
        EnsureCapacity(PythonRecordParts.Thread.Length + Pickle.MaxNumberSize + PythonRecordParts.ThreadName.Length + Pickle.StringHeaderSize + Pickle.MaxThreadName);
        Write(PythonRecordParts.Thread);
        _position += Pickle.WriteInteger(_bytes.AsSpan(_position), thread.ManagedThreadId);
        Write(PythonRecordParts.ThreadName);
        var nameStart = _position;
        _position += Pickle.StringHeaderSize;
        if (thread.Name is { } name)
        {
            Utf8.FromUtf16(name, _bytes.AsSpan(_position, Pickle.MaxThreadName), out _, out var written, replaceInvalidSequences: true);
            _position += written;
        }
        else
        {
            Write("Thread-"u8);
            thread.ManagedThreadId.TryFormat(_bytes.AsSpan(_position), out var digits, default, CultureInfo.InvariantCulture);
            _position += digits;
        }

        _bytes[nameStart] = Pickle.BinUnicode;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(nameStart + 1), _position - nameStart - Pickle.StringHeaderSize);
    }
}
