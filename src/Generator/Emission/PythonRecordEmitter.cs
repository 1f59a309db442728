using System.Globalization;
using System.Linq;
using GenLog.Generator.Model;

namespace GenLog.Generator.Emission;

/// <summary>
/// Writes the Python record's own entries (docs/python.md): where it comes from (name, pathname,
/// filename, module, lineno, funcName), and every parameter as a native value (int, float, bool,
/// None, or str). An exception's <c>exc_text</c> comes after 'msg' (MethodEmitter, AttachException).
/// </summary>
internal static class PythonRecordEmitter
{
    public static void Emit(CodeWriter code, LocalNames locals, MethodModel method)
    {
        var python = method.Python;
        var message = locals.Message;
        var file = python.Pathname.Replace('\\', '/');
        var filename = file.Substring(file.LastIndexOf('/') + 1);
        var dot = filename.LastIndexOf('.');
        var module = dot > 0 ? filename.Substring(0, dot) : filename;
        code.Open($"if ({message}.WritesPickle)");
        code.Line($"{message}.AppendPythonSource(name: {Literals.Utf8(python.Name)}, pathname: {Literals.Utf8(python.Pathname)}, filename: {Literals.Utf8(filename)}, module: {Literals.Utf8(module)}, lineno: {python.Line.ToString(CultureInfo.InvariantCulture)}, funcName: {Literals.Utf8(method.Name.TrimStart('@'))}, msgId: {Literals.Utf8OrDefault(method.MsgId)}, sdId: {Literals.Utf8OrDefault(method.SdId)});");
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            var parameter = method.Parameters[i];
            if (parameter.Python == PythonKind.None)
            {
                continue;
            }

            var key = Literals.Utf8(parameter.PythonKey);
            var format = method.Template.FirstOrDefault(s => s.Parameter == i)?.Format;
            var value = parameter.IsNullableValue ? parameter.Name + ".GetValueOrDefault()" : parameter.Name;
            var test = parameter.IsNullableValue ? $"{parameter.Name}.HasValue" : parameter.IsReference ? $"{parameter.Name} is not null" : null;
            if (test is not null)
            {
                code.Open($"if ({test})");
            }

            EmitValue(code, locals, parameter, key, value, format);
            if (test is not null)
            {
                code.Close();
                code.Open("else");
                code.Line($"{message}.AppendPythonNone({key});");
                code.Close();
            }
        }

        code.Close();
        code.Line();
    }

    private static void EmitValue(CodeWriter code, LocalNames locals, ParameterModel parameter, string key, string value, string? format)
    {
        var message = locals.Message;
        switch (parameter.Python)
        {
            case PythonKind.Integer:
                // Cast, so that byte, ushort and uint do not find the long and UInt128 overloads equally good.
                code.Line($"{message}.AppendPythonInteger({key}, (long){value});");
                break;
            case PythonKind.UnsignedInteger:
                code.Line($"{message}.AppendPythonInteger({key}, (ulong){value});");
                break;
            case PythonKind.Int128 or PythonKind.UInt128 or PythonKind.BigInteger:
                code.Line($"{message}.AppendPythonInteger({key}, {value});");
                break;
            case PythonKind.Float:
                code.Line($"{message}.AppendPythonFloat({key}, (double){value});");
                break;
            case PythonKind.Boolean:
                code.Line($"{message}.AppendPythonBoolean({key}, {value});");
                break;
            default:
                code.Line($"{message}.BeginPythonString({key});");
                code.Line(ValueEmitter.AppendCall(locals, parameter.Kind, value, format));
                code.Line($"{message}.EndPythonString();");
                break;
        }
    }
}
