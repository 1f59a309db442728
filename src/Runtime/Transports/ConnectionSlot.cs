using System;

namespace GenLog.Transports;

/// <summary>The one stream connection a transport may hold, opened on demand: what TCP and TLS share.</summary>
internal sealed class ConnectionSlot(Func<StreamConnection> open)
{
    private StreamConnection? _connection;

    public void Connect() => _connection ??= open();

    public void Send(ReadOnlySpan<byte> message) => Connected.Send(message);

    public void Flush() => Connected.Flush();

    /// <summary>Drops the connection after a failure.</summary>
    public void Disconnect()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Closes the connection in order: the server reads everything before the close.</summary>
    public void Close()
    {
        _connection?.Close();
        _connection = null;
    }

    private StreamConnection Connected => _connection ?? throw new InvalidOperationException("Connect() first.");
}
