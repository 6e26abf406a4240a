namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// What the polling transport of one session knows: whether a GET or a POST is in flight (engine.io refuses
/// a second one of each), and where the session is in the upgrade to a WebSocket.
/// </summary>
public sealed class PollingState
{
    private const int Polling = 0;
    private const int Probing = 1;
    private const int Upgrading = 2;
    private const int Upgraded = 3;

    private readonly Lock _gate = new();
    private CancellationTokenSource _wake = new();
    private int _stage;
    private int _getInFlight;
    private int _postInFlight;

    /// <summary>True once the session moved to a WebSocket: polling requests are refused from then on.</summary>
    public bool IsUpgraded => Volatile.Read(ref _stage) == Upgraded;

    /// <summary>True from the probe on: a GET answers at once (a noop when nothing is queued).</summary>
    public bool IsUpgrading => Volatile.Read(ref _stage) >= Upgrading;

    /// <summary>Cancelled when a pending GET must return early (the upgrade started).</summary>
    public CancellationToken Wake
    {
        get
        {
            lock (_gate)
            {
                return _wake.Token;
            }
        }
    }

    public bool TryBeginGet() => Interlocked.Exchange(ref _getInFlight, 1) == 0;

    public void EndGet() => Volatile.Write(ref _getInFlight, 0);

    public bool TryBeginPost() => Interlocked.Exchange(ref _postInFlight, 1) == 0;

    public void EndPost() => Volatile.Write(ref _postInFlight, 0);

    /// <summary>A WebSocket arrived for this session; false when the session is already upgrading or upgraded.</summary>
    public bool TryStartProbe() => Interlocked.CompareExchange(ref _stage, Probing, Polling) == Polling;

    /// <summary>The probe was answered: the pending GET returns so that the client can pause polling.</summary>
    public void BeginUpgrade()
    {
        lock (_gate)
        {
            _stage = Upgrading;
            _wake.Cancel();
        }
    }

    /// <summary>The client sent "5": the WebSocket carries the session from now on.</summary>
    public bool CompleteUpgrade()
    {
        lock (_gate)
        {
            if (_stage != Upgrading)
            {
                return false;
            }

            _stage = Upgraded;
            _wake.Cancel();
            return true;
        }
    }

    /// <summary>The upgrade failed: the session goes on polling (and may try again).</summary>
    public void CancelUpgrade()
    {
        lock (_gate)
        {
            if (_stage is Probing or Upgrading)
            {
                _stage = Polling;
                if (_wake.IsCancellationRequested)
                {
                    _wake.Dispose();
                    _wake = new CancellationTokenSource();
                }
            }
        }
    }
}
