using System;
using System.Collections;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace GenLog;

/// <summary>
/// The builder's entry points for values whose type is known only at run time: the named values of a
/// Microsoft.Extensions.Logging state, its exception and the ambient trace context. They dispatch to the same
/// typed appends the generated code calls, so a value is formatted, escaped and cut the same way on both paths.
/// </summary>
public ref partial struct SyslogMessageBuilder
{
    /// <summary>The length of <c> trace_id="…" span_id="…" trace_flags="…"</c>: 32 + 16 + 2 hex digits and the names.</summary>
    private const int TraceParametersLength = (9 + 4 + 32) + (8 + 4 + 16) + (12 + 4 + 2);

    /// <summary>
    /// Appends a value of any type with the invariant culture: strings and <see cref="IUtf8SpanFormattable"/> /
    /// <see cref="ISpanFormattable"/> values straight into the message (as a generated method appends them), a
    /// sequence as its items joined by <c>", "</c> (as Microsoft.Extensions.Logging formats one), anything else by
    /// <see cref="object.ToString()"/>; null as <c>(null)</c>. The common value types (numbers, <see cref="bool"/>,
    /// <see cref="Guid"/>, dates and times) are formatted without boxing.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="format">A format string (<c>F2</c>), or null for the type's default.</param>
    public void AppendValue<T>(T value, string? format = null)
    {
        // Each test is a constant for a value type T: the JIT keeps only the branch that applies. A reference type
        // (code shared by all of them) goes straight to the type switch.
        if (!typeof(T).IsValueType) AppendObject(value, format);
        else if (typeof(T) == typeof(int)) AppendUtf8Formattable(Unsafe.As<T, int>(ref value), format);
        else if (typeof(T) == typeof(long)) AppendUtf8Formattable(Unsafe.As<T, long>(ref value), format);
        else if (typeof(T) == typeof(double)) AppendUtf8Formattable(Unsafe.As<T, double>(ref value), format);
        else if (typeof(T) == typeof(bool)) AppendBoolean(Unsafe.As<T, bool>(ref value));
        else if (typeof(T) == typeof(Guid)) AppendUtf8Formattable(Unsafe.As<T, Guid>(ref value), format);
        else if (typeof(T) == typeof(DateTime)) AppendUtf8Formattable(Unsafe.As<T, DateTime>(ref value), format);
        else if (typeof(T) == typeof(DateTimeOffset)) AppendUtf8Formattable(Unsafe.As<T, DateTimeOffset>(ref value), format);
        else if (typeof(T) == typeof(TimeSpan)) AppendUtf8Formattable(Unsafe.As<T, TimeSpan>(ref value), format);
        else if (typeof(T) == typeof(decimal)) AppendUtf8Formattable(Unsafe.As<T, decimal>(ref value), format);
        else if (typeof(T) == typeof(float)) AppendUtf8Formattable(Unsafe.As<T, float>(ref value), format);
        else if (typeof(T) == typeof(short)) AppendUtf8Formattable(Unsafe.As<T, short>(ref value), format);
        else if (typeof(T) == typeof(byte)) AppendUtf8Formattable(Unsafe.As<T, byte>(ref value), format);
        else if (typeof(T) == typeof(uint)) AppendUtf8Formattable(Unsafe.As<T, uint>(ref value), format);
        else if (typeof(T) == typeof(ulong)) AppendUtf8Formattable(Unsafe.As<T, ulong>(ref value), format);
        else if (typeof(T) == typeof(ushort)) AppendUtf8Formattable(Unsafe.As<T, ushort>(ref value), format);
        else if (typeof(T) == typeof(sbyte)) AppendUtf8Formattable(Unsafe.As<T, sbyte>(ref value), format);
        else if (typeof(T) == typeof(char)) AppendChar(Unsafe.As<T, char>(ref value));
        else AppendObject(value, format);
    }

    private void AppendObject(object? value, string? format)
    {
        switch (value)
        {
            case null:
                AppendNull();
                break;
            case string text:
                AppendString(text);
                break;
            case bool flag:
                AppendBoolean(flag);
                break;
            case Exception exception:
                AppendException(exception);
                break;

            // Types whose default format is GenLog's own (ISO 8601, the constant TimeSpan form), not the interface's.
            case DateTime time:
                AppendUtf8Formattable(time, format);
                break;
            case DateTimeOffset time:
                AppendUtf8Formattable(time, format);
                break;
            case TimeSpan span:
                AppendUtf8Formattable(span, format);
                break;
            case IUtf8SpanFormattable utf8:
                AppendUtf8Formattable(utf8, format);
                break;
            case ISpanFormattable span:
                AppendSpanFormattable(span, format);
                break;
            case IEnumerable items:
                AppendItems(items, format);
                break;
            default:
                AppendToString(value);
                break;
        }
    }

    /// <summary>
    /// Writes the W3C trace context of <see cref="Activity.Current"/>, when there is one (its ids are the hex strings the
    /// activity holds, lowercase: nothing is allocated), as an SD-ELEMENT
    /// <c>[sdId trace_id="…" span_id="…" trace_flags="01"]</c> in lowercase hex, as W3C Trace Context writes them.
    /// Call it between other SD-ELEMENTs, where <see cref="WritesStructuredData"/> is true. With
    /// <see cref="SyslogWriterOptions.TraceContext"/> on, <see cref="BeginText"/> writes it already.
    /// </summary>
    /// <param name="sdId">A valid SD-ID (RFC 5424 §6.3.2).</param>
    public void AppendTraceContext(scoped ReadOnlySpan<byte> sdId)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } activity)
        {
            return;
        }

        // The trace element is never the one an exception joins (AttachException): that is the method's own.
        var exceptionAt = _exceptionAt;
        BeginStructuredData(sdId, TraceParametersLength);
        BeginParameter("trace_id"u8);
        AppendChars(activity.TraceId.ToHexString());
        EndParameter();
        BeginParameter("span_id"u8);
        AppendChars(activity.SpanId.ToHexString());
        EndParameter();
        BeginParameter("trace_flags"u8);
        AppendLiteral((activity.ActivityTraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01"u8 : "00"u8);
        EndParameter();
        EndStructuredData();
        _exceptionAt = exceptionAt;
    }

    /// <summary>Writes the <c>trace_id</c> and <c>span_id</c> entries of a Python record for <see cref="Activity.Current"/>, when there is one.</summary>
    public void AppendPythonTraceContext()
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } activity)
        {
            return;
        }

        BeginPythonString("trace_id"u8);
        AppendChars(activity.TraceId.ToHexString());
        EndPythonString();
        BeginPythonString("span_id"u8);
        AppendChars(activity.SpanId.ToHexString());
        EndPythonString();
    }

    private void AppendItems(IEnumerable items, string? format)
    {
        var first = true;
        try
        {
            foreach (var item in items)
            {
                if (!first)
                {
                    AppendLiteral(", "u8);
                }

                first = false;
                AppendObject(item, format);
            }
        }
        catch (Exception exception)
        {
            // Enumeration is user code.
            FormattingFailed(exception);
        }
    }
}
