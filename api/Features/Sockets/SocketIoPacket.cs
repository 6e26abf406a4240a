using System.Globalization;
using System.Text.Json;

namespace SeaTable.Api.Features.Sockets;

/// <summary>
/// A Socket.IO (protocol 5) packet inside an Engine.IO message: "&lt;type&gt;[/namespace,][ack id][json]".
/// Only the text packets SeaTable's clients send are parsed; binary packets are refused.
/// </summary>
public sealed record SocketIoPacket(int Type, string Namespace, long? AckId, JsonElement? Data)
{
    public const int Connect = 0;
    public const int Disconnect = 1;
    public const int Event = 2;
    public const int Ack = 3;
    public const int ConnectError = 4;

    public static SocketIoPacket? Parse(string text)
    {
        if (text.Length == 0 || text[0] is < '0' or > '4')
        {
            return null;
        }

        var type = text[0] - '0';
        var position = 1;
        var nsp = "/";
        if (position < text.Length && text[position] == '/')
        {
            var comma = text.IndexOf(',', position);
            nsp = comma < 0 ? text[position..] : text[position..comma];
            position = comma < 0 ? text.Length : comma + 1;
        }

        var ackStart = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        long? ackId = position > ackStart && long.TryParse(text.AsSpan(ackStart, position - ackStart), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
        if (position >= text.Length)
        {
            return new SocketIoPacket(type, nsp, ackId, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text.AsMemory(position));
            return new SocketIoPacket(type, nsp, ackId, document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Encodes a packet for the default namespace, prefixed with the Engine.IO "message" type (4).</summary>
    public static string Encode(int type, long? ackId, object? data) =>
        "4" + type.ToString(CultureInfo.InvariantCulture)
        + (ackId?.ToString(CultureInfo.InvariantCulture) ?? "")
        + (data is null ? "" : JsonSerializer.Serialize(data));
}
