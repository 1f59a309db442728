using System;
using System.Numerics;

namespace GenLog.Tests.Fuzzing;

/// <summary>The generated methods the fuzzers drive: every declaration style, every numeric type, formats, SD on and off.</summary>
[SyslogSource(SyslogFacility.Local3, AppName = "fuzz")]
public static partial class FuzzLog
{

    /// <summary>The template's own literal text, for the oracle (it must equal the attribute's).</summary>
    public const string TextTemplate = "T {A} |{B}| \"q\" \\ ] = é✓ end";

    [SyslogMessage(SyslogSeverity.Notice, TextTemplate)]
    public static partial void Text(SyslogWriter writer, string a, string b);

    [SyslogMessage(SyslogSeverity.Warning, "S {A} in {B} #{N}", SdId = "fuzz@32473", MsgId = "FUZZ")]
    public static partial void Structured(SyslogWriter writer, string a, string b, int n);

    [SyslogMessage(SyslogSeverity.Error, "N {I8} {U8} {I16} {U16} {I32} {U32} {I64} {U64} {I128} {U128} {F16} {F32} {F64} {Dec} {Native} {Big}")]
    public static partial void Numbers(
        SyslogWriter writer, sbyte i8, byte u8, short i16, ushort u16, int i32, uint u32, long i64, ulong u64,
        Int128 i128, UInt128 u128, Half f16, float f32, double f64, decimal dec, nint native, BigInteger big);

    [SyslogMessage(SyslogSeverity.Error, "N {I8} {U8} {I16} {U16} {I32} {U32} {I64} {U64} {I128} {U128} {F16} {F32} {F64} {Dec} {Native} {Big}", SdId = "num@32473")]
    public static partial void NumbersSd(
        SyslogWriter writer, sbyte i8, byte u8, short i16, ushort u16, int i32, uint u32, long i64, ulong u64,
        Int128 i128, UInt128 u128, Half f16, float f32, double f64, decimal dec, nint native, BigInteger big);

    [SyslogMessage(SyslogSeverity.Debug, "F {I32:X8} {F64:E3} {Dec:F2} {I64:N0} {F32:R} {U16:D7}")]
    public static partial void Formatted(SyslogWriter writer, int i32, double f64, decimal dec, long i64, float f32, ushort u16);

    [SyslogMessage(SyslogSeverity.Informational, "C {Chars} {Letter}")]
    public static partial void Chars(SyslogWriter writer, ReadOnlySpan<char> chars, char letter);
}
