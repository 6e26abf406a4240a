using System.Net;
using System.Net.Sockets;

namespace SeaTable.Tests.Infrastructure;

/// <summary>
/// Free loopback TCP ports, found by letting the OS pick one for a listener on port 0. A port is handed out
/// at most once per test run, so two factories started at the same moment never get the same one.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        lock (HandedOut)
        {
            while (true)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
