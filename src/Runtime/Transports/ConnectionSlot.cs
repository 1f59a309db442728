using System;

namespace GenLog.Transports;

/// <summary>The one stream connection a transport may hold, opened on demand, and its abort switch: what TCP, TLS and Python share.</summary>
internal sealed class ConnectionSlot(Func<AbortSignal, StreamConnection> open)
{
    private readonly AbortSignal _abort = new();
    private StreamConnection? _connection;

    public void Connect() => _connection ??= open(_abort);

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

    /// <summary>Cuts short what the connection is doing, from any thread (<see cref="IAbortableTransport.Abort"/>).</summary>
    public void Abort() => _abort.Abort();

    private StreamConnection Connected => _connection ?? throw new InvalidOperationException("Connect() first.");
}
