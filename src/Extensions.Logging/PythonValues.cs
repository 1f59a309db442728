using System;
using System.Numerics;

namespace GenLog.Extensions.Logging;

/// <summary>
/// A state value as an extra key of a Python record, with the pickle type CPython would have: integers as int,
/// floating point as float, booleans as bool, null as None, anything else as the str GenLog formats it to.
/// </summary>
internal static class PythonValues
{
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
}
