using GenLog.Transports;

namespace GenLog.TestSupport;

/// <summary>
/// A null transport whose writer builds Python records (pickles), as over PythonSocketTransport. It uses an
/// internal interface, so only projects the runtime gives InternalsVisibleTo link this file.
/// </summary>
public sealed class NullPythonTransport : NullTransport, IPythonTransport
{
    public int MaxPickleSize => 65_000;
}
