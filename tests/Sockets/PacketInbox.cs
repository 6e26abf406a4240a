using System.Threading.Channels;

namespace SeaTable.Tests.Sockets;

/// <summary>
/// The packets a test socket client received (pings already answered), in order, for both transports. Packets a
/// test waited past are kept so that a failed wait can say what arrived instead.
/// </summary>
public sealed class PacketInbox
{
    private readonly Channel<string> _packets = Channel.CreateUnbounded<string>();
    private readonly List<string> _skipped = [];

    public ValueTask AddAsync(string packet) => _packets.Writer.WriteAsync(packet, CancellationToken.None);

    /// <summary>No more packets will come: a wait that finds none fails at once instead of running into its timeout.</summary>
    public void Complete() => _packets.Writer.TryComplete();

    /// <summary>The packets waited past so far.</summary>
    public IReadOnlyList<string> Skipped
    {
        get
        {
            lock (_skipped)
            {
                return [.. _skipped];
            }
        }
    }

    /// <summary>
    /// The next packet that matches; fails after <paramref name="timeout"/>, or when the inbox is completed first
    /// with "<paramref name="endedBefore"/> before a matching packet arrived". <paramref name="describe"/> adds the
    /// client's state to either failure.
    /// </summary>
    public async Task<string> NextAsync(Func<string, bool> match, TimeSpan timeout, string endedBefore, Func<string> describe)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _packets.Reader.WaitToReadAsync(cts.Token))
            {
                while (_packets.Reader.TryRead(out var packet))
                {
                    if (match(packet))
                    {
                        return packet;
                    }

                    lock (_skipped)
                    {
                        _skipped.Add(packet);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"No matching packet within {timeout.TotalSeconds:F0} s; {describe()}");
        }

        throw new Xunit.Sdk.XunitException($"{endedBefore} before a matching packet arrived; {describe()}");
    }
}
