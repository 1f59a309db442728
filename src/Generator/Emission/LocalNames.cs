using System.Collections.Generic;
using System.Linq;
using GenLog.Generator.Model;

namespace GenLog.Generator.Emission;

/// <summary>
/// The names of a generated body's locals, chosen before any code is written so that no parameter can
/// share one: each is <c>__name</c> with underscores added until no parameter is called that (or that
/// followed by digits, as the numbered <c>__start1</c>, <c>__start2</c> … are).
/// </summary>
/// <param name="Message">The SyslogMessageBuilder.</param>
/// <param name="Writer">The writer, when it is reached through a member.</param>
/// <param name="Start">The prefix of the positions aligned values start at, numbered from 1.</param>
internal sealed record LocalNames(string Message, string Writer, string Start)
{
    public static LocalNames For(MethodModel method)
    {
        var parameters = new HashSet<string>(method.Parameters.Select(p => p.Name.TrimStart('@')));
        return new LocalNames(Unique("__message", parameters), Unique("__writer", parameters), Unique("__start", parameters));
    }

    private static string Unique(string name, HashSet<string> parameters)
    {
        while (parameters.Any(p => p.StartsWith(name, System.StringComparison.Ordinal) && p.Substring(name.Length).All(char.IsDigit)))
        {
            name += "_";
        }

        return name;
    }
}
