namespace GenLog.Generator.Model;

/// <summary>How a parameter becomes a native Python value in a pickled record.</summary>
internal enum PythonKind
{
    /// <summary>Not in the record (the writer, an exception the template does not name).</summary>
    None,

    /// <summary>str: its text, as the syslog formats write it.</summary>
    Str,
    Integer,
    UnsignedInteger,
    Int128,
    UInt128,
    BigInteger,
    Float,
    Boolean,
}
