using System.Globalization;
using GenLog.Generator.Model;

namespace GenLog.Generator.Emission;

/// <summary>Writes the call that formats one value into the message, as its <see cref="ValueKind"/> says.</summary>
internal static class ValueEmitter
{
    /// <summary>A value in the text or an SD-PARAM: null for an empty Nullable, padded when aligned.</summary>
    /// <param name="code">Where to write.</param>
    /// <param name="locals">The body's local names.</param>
    /// <param name="parameter">The value's parameter.</param>
    /// <param name="format">The placeholder's format, or null.</param>
    /// <param name="alignment">The placeholder's alignment, or null.</param>
    /// <param name="marks">The aligned values written so far, to number each one's start position.</param>
    public static void Emit(CodeWriter code, LocalNames locals, ParameterModel parameter, string? format, int? alignment, ref int marks)
    {
        var start = locals.Start + (++marks).ToString(CultureInfo.InvariantCulture);
        if (alignment is not null)
        {
            code.Line($"var {start} = {locals.Message}.Position;");
        }

        if (parameter.IsNullableValue)
        {
            code.Open($"if ({parameter.Name}.HasValue)");
            code.Line(AppendCall(locals, parameter.Kind, parameter.Name + ".GetValueOrDefault()", format));
            code.Close();
            code.Open("else");
            code.Line($"{locals.Message}.AppendNull();");
            code.Close();
        }
        else
        {
            code.Line(AppendCall(locals, parameter.Kind, parameter.Name, format));
        }

        if (alignment is not null)
        {
            code.Line($"{locals.Message}.Align({start}, {alignment.Value.ToString(CultureInfo.InvariantCulture)});");
        }
    }

    /// <summary>The builder call that appends <paramref name="value"/>.</summary>
    public static string AppendCall(LocalNames locals, ValueKind kind, string value, string? format)
    {
        var formatText = format is null ? "null" : Literals.String(format);
        var message = locals.Message;
        return kind switch
        {
            ValueKind.String => $"{message}.AppendString({value});",
            ValueKind.Chars => $"{message}.AppendChars({value});",
            ValueKind.Char => $"{message}.AppendChar({value});",
            ValueKind.Boolean => $"{message}.AppendBoolean({value});",
            ValueKind.Exception => $"{message}.AppendException({value});",
            ValueKind.Enum => $"{message}.AppendEnum({value}, {formatText});",
            ValueKind.Utf8Formattable => $"{message}.AppendUtf8Formattable({value}, {formatText});",
            ValueKind.SpanFormattable => $"{message}.AppendSpanFormattable({value}, {formatText});",
            _ => $"{message}.AppendToString({value});",
        };
    }
}
