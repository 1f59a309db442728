using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenLog.Transports;

namespace GenLog;

/// <summary>
/// An ordered list of transports, as rsyslog's action failover: everything goes to the first healthy one. When the
/// active transport fails (a refused connect, a write error, a write or acknowledgement timeout, a server that closed
/// the session), the writer's failed batch — for RELP the messages the server had not acknowledged — goes to the next
/// one that connects, in list order. While traffic runs on a later transport the earlier ones are probed on
/// <see cref="Reconnect"/>'s back-off, in the background (a primary that hangs never stalls the traffic); at the
/// next batch after a probe connected one, traffic returns to it. The transport the traffic leaves is closed in order
/// (and may be connected again later).
/// </summary>
/// <remarks>
/// A transport that is not acknowledged (TCP, TLS) can lose what the kernel had accepted when its server died; RELP
/// loses nothing across a failover. Failed probes are not reported as errors: the primary being down is what the
/// failover is for. <see cref="SyslogStatistics.ActiveEndpoint"/> and <see cref="SyslogStatistics.Failovers"/> show
/// where traffic goes and how often it moved.
/// </remarks>
public sealed class FailoverTransport : IAbortableTransport, IAcknowledgingTransport, IDescribedTransport, IRoutingTransport
{
    private readonly ISyslogTransport[] _transports;
    private int _active;
    private long _failovers;
    private bool _activeFailed;
    private GenLog.Delivery.RetrySchedule? _probes;
    private Action<Exception>? _reportError;
    private Task<int>? _probe;

    /// <summary>
    /// Fails over along <paramref name="transports"/>, the first being the primary; the writer owns and disposes them all.
    /// Encrypted (TLS, RELP over TLS) and plaintext transports may not be mixed: anyone able to make the TLS ones fail
    /// (a bad certificate is enough) would move the traffic onto a plaintext one; the constructor with
    /// <c>allowMixedSecurity</c> accepts that.
    /// </summary>
    /// <exception cref="ArgumentException">No transport, a null, the same transport twice, a transport that cannot fail over (UDP, Python pickles), or TLS and plaintext transports mixed.</exception>
    public FailoverTransport(params ISyslogTransport[] transports)
        : this(allowMixedSecurity: false, transports)
    {
    }

    /// <summary>
    /// As the other constructor; with <paramref name="allowMixedSecurity"/> true, TLS and plaintext transports may be
    /// mixed: when every TLS transport fails — also because its certificate is not trusted — traffic moves to a plaintext
    /// one. Only for a fallback you accept to be read on the wire (the URI form: <c>?allow-plaintext=true</c> on each
    /// plaintext entry of the list).
    /// </summary>
    /// <param name="allowMixedSecurity">Whether TLS and plaintext transports may be in one list.</param>
    /// <param name="transports">The transports, the primary first.</param>
    /// <exception cref="ArgumentException">No transport, a null, the same transport twice, a transport that cannot fail over, or (unless allowed) TLS and plaintext transports mixed.</exception>
    public FailoverTransport(bool allowMixedSecurity, params ISyslogTransport[] transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        if (transports.Length == 0)
        {
            throw new ArgumentException("FailoverTransport needs at least one transport.", nameof(transports));
        }

        var seen = new HashSet<ISyslogTransport>(ReferenceEqualityComparer.Instance);
        foreach (var transport in transports)
        {
            if (transport is null || !seen.Add(transport))
            {
                throw new ArgumentException("FailoverTransport takes each transport once and no null.", nameof(transports));
            }

            if (transport is IDatagramBatchTransport or IPythonTransport)
            {
                throw new ArgumentException($"{TransportNames.Describe(transport)} cannot be in a FailoverTransport: it detects no failure (datagrams) or writes another format (Python pickles).", nameof(transports));
            }
        }

        if (!allowMixedSecurity)
        {
            RejectMixedSecurity(transports);
        }

        _transports = (ISyslogTransport[])transports.Clone();
    }

    private static void RejectMixedSecurity(ISyslogTransport[] transports)
    {
        var encrypted = Array.Find(transports, IsEncrypted);
        var plaintext = Array.Find(transports, transport => !IsEncrypted(transport));
        if (encrypted is not null && plaintext is not null)
        {
            throw new ArgumentException(
                $"FailoverTransport mixes the TLS transport {TransportNames.Describe(encrypted)} with the plaintext transport {TransportNames.Describe(plaintext)}: "
                + "a certificate failure on the first would send the traffic in plaintext to the second. Use only TLS transports, or FailoverTransport(allowMixedSecurity: true, …) "
                + "(in a URI list: ?allow-plaintext=true on each plaintext entry) to accept that.",
                "transports");
        }
    }

    private static bool IsEncrypted(ISyslogTransport transport) => transport is IDescribedTransport { IsEncrypted: true };

    /// <summary>The transports, the primary first.</summary>
    public IReadOnlyList<ISyslogTransport> Transports => _transports;

    /// <summary>The index in <see cref="Transports"/> of the transport traffic goes to now.</summary>
    public int ActiveIndex => Volatile.Read(ref _active);

    /// <summary>The transport traffic goes to now.</summary>
    public ISyslogTransport Active => _transports[ActiveIndex];

    /// <summary>Times traffic moved to another transport because the active one failed (a return to an earlier one is not counted).</summary>
    public long Failovers => Interlocked.Read(ref _failovers);

    /// <summary>When earlier transports are probed while a later one is active: first after <see cref="ReconnectPolicy.InitialDelay"/>, then backing off. Default: the writer's default (1 s, ×2, 30 s).</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public ReconnectPolicy Reconnect
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Reconnect));
    } = ReconnectPolicy.Default;

    /// <summary>The clock of the probe schedule. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where messages go now: the active transport's endpoint.</summary>
    public string Endpoint => TransportNames.Describe(Active);

    /// <inheritdoc />
    bool IDescribedTransport.IsEncrypted => Array.TrueForAll(_transports, IsEncrypted);

    /// <inheritdoc />
    int IDescribedTransport.MaxMessageSize
    {
        get
        {
            var largest = int.MaxValue;
            foreach (var transport in _transports)
            {
                largest = Math.Min(largest, transport is IDescribedTransport described ? described.MaxMessageSize : int.MaxValue);
            }

            return largest;
        }
    }

    /// <summary>The writer's error channel: a transport that fails to connect while traffic moves past it is reported there (failed probes are not).</summary>
    void IRoutingTransport.ReportErrorsTo(Action<Exception> reportError) => _reportError = reportError;

    /// <summary>
    /// Connects the active transport — after probing the earlier ones when a probe is due, and after moving on to the
    /// next transport when the active one failed. Throws only when no transport connects.
    /// </summary>
    public void Connect()
    {
        var active = _active;
        if (_probe is not null && (_probe.IsCompleted || _activeFailed))
        {
            // A failover first waits for a probe under way: the probe may be using the transports it would try.
            if (TakeProbe(active))
            {
                return;
            }
        }
        else if (_probe is null && !_activeFailed && active > 0 && Probes.IsDue)
        {
            // Probing runs beside the traffic, so that a primary that hangs (connect or open timeout) never stalls it.
            _probe = StartProbe(active);
        }

        Exception? failure = null;
        if (!_activeFailed)
        {
            try
            {
                _transports[active].Connect();
                return;
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        }

        // The active transport failed: the next ones in list order (wrapping round to the first).
        Disconnect(active);
        _activeFailed = false;
        for (var step = 1; step < _transports.Length; step++)
        {
            var next = (active + step) % _transports.Length;
            try
            {
                _transports[next].Connect();
            }
            catch (Exception exception)
            {
                _reportError?.Invoke(exception);
                Disconnect(next);
                continue;
            }

            // The writer sees no exception when another transport took over: the failure is reported here.
            if (failure is not null)
            {
                _reportError?.Invoke(failure);
            }

            Interlocked.Increment(ref _failovers);
            Activate(next);
            return;
        }

        if (failure is not null)
        {
            throw failure;
        }

        // The failed one is the only one: connect it again (its own error, if any, reaches the writer).
        _transports[active].Connect();
    }

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> message)
    {
        try
        {
            _transports[_active].Send(message);
        }
        catch
        {
            _activeFailed = true;
            throw;
        }
    }

    /// <inheritdoc />
    public void Flush()
    {
        try
        {
            _transports[_active].Flush();
        }
        catch
        {
            _activeFailed = true;
            throw;
        }
    }

    /// <inheritdoc />
    public void Disconnect()
    {
        _activeFailed = true;
        _transports[_active].Disconnect();
    }

    /// <summary>Aborts every transport that can be aborted, the ones a probe uses included.</summary>
    public void Abort()
    {
        foreach (var transport in _transports)
        {
            (transport as IAbortableTransport)?.Abort();
        }
    }

    /// <summary>Closes every transport (the active one in order).</summary>
    public void Dispose()
    {
        // A probe under way is given a moment to finish, so that no transport is connected while it is closed.
        _probe?.Wait(TimeSpan.FromSeconds(2));
        List<Exception>? errors = null;
        foreach (var transport in _transports)
        {
            try
            {
                transport.Dispose();
            }
            catch (Exception exception)
            {
                (errors ??= []).Add(exception);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException("Closing the transports of a FailoverTransport failed.", errors);
        }
    }

    /// <inheritdoc />
    int IAcknowledgingTransport.TakeAcknowledged()
    {
        _activeFailed = true;
        return _transports[_active] is IAcknowledgingTransport acknowledging ? acknowledging.TakeAcknowledged() : 0;
    }

    /// <summary>When the earlier transports are probed: the writer's one back-off, made once the init properties are set.</summary>
    private GenLog.Delivery.RetrySchedule Probes => _probes ??= new GenLog.Delivery.RetrySchedule(Reconnect, TimeProvider);

    /// <summary>The transports as a comma-separated URI list.</summary>
    public override string ToString() => string.Join(",", Array.ConvertAll(_transports, TransportNames.Describe));

    /// <summary>Tries the transports before <paramref name="active"/>, on the thread pool, while the sender uses only <paramref name="active"/>; yields the first that connected (and stays connected), or -1.</summary>
    private Task<int> StartProbe(int active) => Task.Run(() =>
    {
        for (var earlier = 0; earlier < active; earlier++)
        {
            try
            {
                _transports[earlier].Connect();
                return earlier;
            }
            catch (Exception)
            {
                Disconnect(earlier);
            }
        }

        return -1;
    });

    /// <summary>Takes the probe's result: true when traffic moved back to an earlier transport, which is connected.</summary>
    private bool TakeProbe(int active)
    {
        var found = _probe!.GetAwaiter().GetResult();
        _probe = null;
        if (found < 0)
        {
            Probes.Failed();
            return false;
        }

        if (_activeFailed)
        {
            Disconnect(active);
            Interlocked.Increment(ref _failovers);
        }
        else
        {
            // Everything sent to the active one was confirmed by its last flush: close it in order and move back.
            try
            {
                _transports[active].Dispose();
            }
            catch (Exception)
            {
                Disconnect(active);
            }
        }

        _activeFailed = false;
        Activate(found);
        return true;
    }

    private void Activate(int index)
    {
        Volatile.Write(ref _active, index);
        Probes.Restart();
    }

    private void Disconnect(int index)
    {
        try
        {
            _transports[index].Disconnect();
        }
        catch (Exception)
        {
            // Dropping a connection that already failed: nothing to report twice.
        }
    }
}
