using System.ComponentModel.DataAnnotations;
using SeaTable.Grains.Settings;

namespace SeaTable.Api.Features.Sockets;

/// <summary>Socket timing (configuration section "SeaTable:Sockets").</summary>
public sealed class SocketIoOptions : IValidatableObject
{
    public const string Section = "SeaTable:Sockets";

    /// <summary>Engine.IO ping interval; a connection's lease is renewed on every ping.</summary>
    [Duration]
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a pong may take before the connection is considered dead.</summary>
    [Duration]
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a connection counts as connected without a renewal: the bound on how long a socket of a
    /// dead silo still shows as connected. Must exceed <see cref="PingInterval"/>.
    /// </summary>
    [Duration]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest message accepted from a client.</summary>
    [AtLeast(1)]
    public int MaxPayloadBytes { get; set; } = 1_000_000;

    public IEnumerable<ValidationResult> Validate(System.ComponentModel.DataAnnotations.ValidationContext validationContext)
    {
        // A lease that ends before the next ping renews it shows a live socket as disconnected.
        if (LeaseDuration <= PingInterval && PingInterval > TimeSpan.Zero)
        {
            yield return new ValidationResult("longer than {PingInterval}", [nameof(LeaseDuration)]);
        }
    }
}
