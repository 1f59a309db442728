using System;
using System.Collections.Generic;
using GenLog.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenLog.Generator.Parsing;

/// <summary>
/// The header fields the attributes fix at compile time: PRI (facility and severity), APP-NAME, MSGID
/// and SD-ID. Decides GENLOG008 (facility/severity), GENLOG009 (MSGID), GENLOG010 (SD-ID) and
/// GENLOG017 (APP-NAME), with the limits of RFC 5424 §6 shared with the runtime (<see cref="SyslogLimits"/>).
/// </summary>
internal static class MessageHeader
{
    /// <summary>What the attributes say, each null when not given or invalid.</summary>
    internal sealed record Fields(int? Severity, int? Facility, string? MsgId, string? SdId, string? AppName);

    public static Fields Read(ParseContext context, Dictionary<string, AttributeReader.Argument> arguments, AttributeData? source)
    {
        var attribute = context.Attribute;
        int? severity = null;
        int? facility = null;
        if (arguments.TryGetValue("severity", out var s))
        {
            severity = ReadCode(context, s.Value, s.Syntax, SyslogNames.Severities, SyslogNames.MaxSeverity, "severity");
        }

        if (arguments.TryGetValue("facility", out var f))
        {
            facility = ReadCode(context, f.Value, f.Syntax, SyslogNames.Facilities, SyslogNames.MaxFacility, "facility");
        }
        else if (source?.AttributeConstructor is { } sourceConstructor)
        {
            // Facility falls back from the method to [SyslogSource] on the type.
            for (var i = 0; i < sourceConstructor.Parameters.Length && i < source.ConstructorArguments.Length; i++)
            {
                if (sourceConstructor.Parameters[i].Name == "facility" && source.ConstructorArguments[i].Kind != TypedConstantKind.Error)
                {
                    var syntax = AttributeReader.ArgumentSyntax(source, "facility", i, context);
                    facility = ReadCode(context, source.ConstructorArguments[i], syntax, SyslogNames.Facilities, SyslogNames.MaxFacility, "facility");
                }
            }
        }

        var msgId = AttributeReader.Named(attribute, "MsgId");
        var (sdId, sdIdOwner) = AttributeReader.NamedOrInherited(attribute, source, "SdId");
        var appName = AttributeReader.Named(source, "AppName");

        if (msgId is not null && !SyslogLimits.IsHeaderField(msgId, SyslogLimits.MaxMsgId))
        {
            context.Report(Descriptors.BadMsgId, AttributeReader.LocationOfNamed(attribute, "MsgId", context), msgId, SyslogLimits.MaxMsgId);
        }

        if (sdId is not null && SdIdProblem(sdId) is { } problem)
        {
            context.Report(problem, AttributeReader.LocationOfNamed(sdIdOwner!, "SdId", context), sdId, SyslogLimits.MaxSdName);
        }

        if (appName is not null && !SyslogLimits.IsHeaderField(appName, SyslogLimits.MaxAppName))
        {
            context.Report(Descriptors.BadAppName, AttributeReader.LocationOfNamed(source!, "AppName", context), appName, SyslogLimits.MaxAppName);
        }

        return new Fields(severity, facility, msgId, sdId, appName);
    }

    /// <summary>
    /// RFC 5424 §6.3.2 and §7.2.2: an SD-NAME, and a private one is name@enterprise-number. The IANA-registered
    /// SD-IDs (timeQuality, origin, meta) carry only their registered SD-PARAMs, never a method's parameters, so
    /// every SD-ID GenLog writes from a declaration is private. The one check for <c>SdId</c> and <c>[SdElement]</c>.
    /// </summary>
    internal static DiagnosticDescriptor? SdIdProblem(string sdId)
    {
        if (sdId.Length is 0 || sdId.Length > SyslogLimits.MaxSdName)
        {
            return Descriptors.SdIdLength;
        }

        if (!SyslogLimits.IsSdName(sdId))
        {
            return Descriptors.SdIdCharacters;
        }

        var at = sdId.IndexOf('@');
        return at <= 0 ? Descriptors.SdIdNotPrivate
            : !SyslogLimits.IsEnterpriseNumber(sdId.Substring(at + 1)) ? Descriptors.SdIdEnterpriseNumber
            : null;
    }

    /// <summary>An enum, int or CPython name resolved to its code, or a GENLOG008 at the argument.</summary>
    private static int? ReadCode(ParseContext context, TypedConstant value, ExpressionSyntax? syntax, (string Name, int Code)[] names, int max, string what)
    {
        var location = SourceLocator.From(syntax);
        switch (value.Value)
        {
            case string name:
                var code = SyslogNames.Find(names, name.AsSpan());
                if (code < 0)
                {
                    context.Report(Descriptors.UnknownPriorityName, location, what, name, SyslogNames.List(names));
                    return null;
                }

                return code;
            case int number when number >= 0 && number <= max:
                return number;
            case int number:
                context.Report(Descriptors.PriorityOutOfRange, location, what, number, max);
                return null;
            default:
                context.Report(Descriptors.PriorityNotConstant, location, what);
                return null;
        }
    }
}
