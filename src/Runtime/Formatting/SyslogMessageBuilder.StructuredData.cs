using System;
using GenLog.Formatting;

namespace GenLog;

/// <summary>Structured data (RFC 5424 §6.3): SD-ELEMENTs and SD-PARAMs, their room reserved so each parameter is present; then the start of MSG.</summary>
public ref partial struct SyslogMessageBuilder
{
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
            // The first element written is the method's own: an exception the template does not name joins it.
            _exceptionAt = _exceptionAt < 0 ? _position : _exceptionAt;
            _bytes[_position++] = (byte)']';
            _elementOpen = false;
        }

        _reserved = 0;

        _section = Section.Header;
        _skipping = false;
    }

    /// <summary>
    /// Ends the header and structured data and starts MSG (the BOM and the ident come first). With
    /// <see cref="SyslogWriterOptions.TraceContext"/> on, the trace context is written first: the last SD-ELEMENT, or a
    /// Python record's <c>trace_id</c> and <c>span_id</c>.
    /// </summary>
    public void BeginText()
    {
        if (_buffer.IsUnavailable)
        {
            MarkTruncated();
            return;
        }

        if (_layout.IsPickle)
        {
            if (_layout.TraceContext)
            {
                AppendPythonTraceContext();
            }

            // 'msg': the formatted message (CPython's makePickle sends getMessage()); its length is set in Send.
            EnsureCapacity(PythonRecordParts.Msg.Length + Pickle.StringHeaderSize);
            Write(PythonRecordParts.Msg);
            _stringStart = _position;
            _bytes[_position] = Pickle.BinUnicode;
            _position += Pickle.StringHeaderSize;
        }
        else if (_layout.Format == SyslogFormat.Rfc5424)
        {
            if (_layout.TraceContext)
            {
                AppendTraceContext(_layout.TraceSdId);
            }

            _structuredDataEnd = _position;
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
}
