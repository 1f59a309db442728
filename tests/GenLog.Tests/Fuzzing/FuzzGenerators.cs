using System;
using System.Linq;
using System.Text;
using CsCheck;

namespace GenLog.Tests.Fuzzing;

/// <summary>CsCheck generators of hostile input (docs/formats.md, "Hostile values") and of every writer option combination.</summary>
public static class FuzzGenerators
{
    /// <summary>One piece of hostile text: any UTF-16 unit (lone surrogates included), C0/C1 controls, ESC sequences,
    /// the characters RFC 5424 escapes, valid surrogate pairs, and plain text.</summary>
    public static readonly Gen<string> Piece = Gen.Frequency(
        (4, Gen.Char['\0', '\uffff'].Select(c => c.ToString())),
        (3, Gen.Char['\0', '\u001f'].Select(c => c.ToString())),
        (1, Gen.Char['\u007f', '\u009f'].Select(c => c.ToString())),
        (3, Gen.Char["\"\\]=[ #-"].Select(c => c.ToString())),
        (2, Gen.Char['\ud800', '\udfff'].Select(c => c.ToString())),
        (2, Gen.Select(Gen.Char['\ud800', '\udbff'], Gen.Char['\udc00', '\udfff'], (h, l) => new string([h, l]))),
        (4, Gen.Char['a', 'z'].Select(c => c.ToString())),
        (2, Gen.Char['\u00a0', '\u07ff'].Select(c => c.ToString())),
        (1, Gen.OneOf(Gen.Const("\u001b[31m"), Gen.Const("\u001b]0;pwned\u0007"), Gen.Const("\r\n"), Gen.Const("#012"), Gen.Const("\\\"]"), Gen.Const("\uFEFF"), Gen.Const("\u2028"))));

    /// <summary>Hostile strings: mostly short, some hundreds of pieces, a few up to 1 MB (a random pattern repeated).</summary>
    public static readonly Gen<string> Hostile = Gen.Frequency(
        (12, Piece.Array[0, 24].Select(string.Concat)),
        (3, Piece.Array[0, 400].Select(string.Concat)),
        (1, Gen.Select(Piece.Array[1, 8], Gen.Int[1_000, 1 << 20], (pattern, length) =>
        {
            var unit = string.Concat(pattern);
            var text = new StringBuilder(length + unit.Length);
            while (text.Length < length)
            {
                text.Append(unit);
            }

            return text.ToString(0, length);
        })));

    /// <summary>An Ident the writer accepts: no C0 control, no DEL, no lone surrogate; unicode, C1, quotes and brackets allowed.</summary>
    public static readonly Gen<string?> Ident = Gen.Frequency(
        (2, Gen.Const(default(string))),
        (2, Gen.Frequency(
                (4, Gen.Char[' ', '~'].Select(c => c.ToString())),
                (1, Gen.Char['\u0080', '\u009f'].Select(c => c.ToString())),
                (1, Gen.Char['\u00a0', '\ud7ff'].Select(c => c.ToString())),
                (1, Gen.Const("😀")))
            .Array[0, 40].Select(parts => (string?)string.Concat(parts))));

    public static readonly Gen<FuzzCase> Case =
        from options in Gen.Select(Gen.Int[0, 2], Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, Ident, Gen.Int[0, 3], Gen.Int[0, int.MaxValue])
        from method in Gen.Int[0, 5]
        from a in Hostile
        from b in Hostile
        from n in Gen.Frequency((1, Gen.OneOf(Gen.Const(int.MinValue), Gen.Const(int.MaxValue), Gen.Const(0))), (3, Gen.Int))
        from letter in Gen.Frequency((3, Gen.Char['\0', '\uffff']), (1, Gen.Char['\ud800', '\udfff']), (1, Gen.Char['\0', '\u001f']))
        from numbers in Gen.Long.Select(FuzzNumbers.FromSeed)
        select new FuzzCase(
            (SyslogFormat)options.Item1, options.Item2, options.Item3, options.Item4, options.Item5, options.Item6, options.Item7, options.Item8,
            (FuzzMethod)method, a, b, n, letter, numbers);
}
