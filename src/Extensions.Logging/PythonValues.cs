using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GenLog.Extensions.Logging;

/// <summary>
/// A state value as an extra key of a Python record, with the pickle type CPython would have: integers as int,
/// floating point as float, booleans as bool, null as None, anything else as the str GenLog formats it to.
/// </summary>
internal static class PythonValues
{
    /// <summary>A typed value: the common numbers without boxing, anything else as <see cref="Append(ref SyslogMessageBuilder, ReadOnlySpan{byte}, object?)"/>.</summary>
    public static void Append<T>(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, T value)
    {
        if (typeof(T) == typeof(int))
        {
            message.AppendPythonInteger(key, Unsafe.As<T, int>(ref value));
        }
        else if (typeof(T) == typeof(long))
        {
            message.AppendPythonInteger(key, Unsafe.As<T, long>(ref value));
        }
        else if (typeof(T) == typeof(double))
        {
            message.AppendPythonFloat(key, Unsafe.As<T, double>(ref value));
        }
        else if (typeof(T) == typeof(bool))
        {
            message.AppendPythonBoolean(key, Unsafe.As<T, bool>(ref value));
        }
        else if (typeof(T) == typeof(string))
        {
            AppendString(ref message, key, Unsafe.As<T, string?>(ref value));
        }
        else
        {
            Append(ref message, key, (object?)value);
        }
    }

    public static void Append(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, object? value)
    {
        switch (value)
        {
            case null:
                message.AppendPythonNone(key);
                break;
            case bool flag:
                message.AppendPythonBoolean(key, flag);
                break;
            case int or long or short or sbyte or byte or ushort or uint:
                message.AppendPythonInteger(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ulong number:
                message.AppendPythonInteger(key, number);
                break;
            case BigInteger number:
                message.AppendPythonInteger(key, number);
                break;
            case double or float:
                message.AppendPythonFloat(key, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                message.BeginPythonString(key);
                message.AppendValue(value);
                message.EndPythonString();
                break;
        }
    }

    private static void AppendString(ref SyslogMessageBuilder message, scoped ReadOnlySpan<byte> key, string? value)
    {
        if (value is null)
        {
            message.AppendPythonNone(key);
            return;
        }

        message.BeginPythonString(key);
        message.AppendString(value);
        message.EndPythonString();
    }
}
