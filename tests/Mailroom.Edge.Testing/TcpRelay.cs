using System.Net;
using System.Net.Sockets;

namespace Mailroom.Edge.Testing;

/// <summary>
/// A loopback TCP relay between a client and a broker. <see cref="Sever"/> resets every relayed connection, which is a
/// network failure as the broker sees it: the socket closes without an MQTT DISCONNECT, so the broker sends the will.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private readonly int _targetPort;
    private TaskCompletionSource _repliesFlowing = NewOpenGate();

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Resets all current connections (RST, no FIN handshake); new connections are still relayed.</summary>
    public void Sever()
    {
        lock (_gate)
        {
            foreach (var socket in _sockets)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }

            _sockets.Clear();
        }
    }

    /// <summary>Holds back everything the broker sends to the client (CONNACK, PUBACK…) until <see cref="ReleaseReplies"/>:
    /// the broker has the client's messages, the client does not know it yet.</summary>
    public void HoldReplies()
    {
        lock (_gate)
        {
            if (_repliesFlowing.Task.IsCompleted)
                _repliesFlowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets held and further replies through, in order.</summary>
    public void ReleaseReplies()
    {
        lock (_gate)
            _repliesFlowing.TrySetResult();
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Sever();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (SocketException)
            {
                // Nothing listens upstream (broker down): the client sees its connection reset, as with the broker itself.
                upstream.Dispose();
                client.LingerState = new LingerOption(true, 0);
                client.Close();
                continue;
            }
            lock (_gate)
            {
                _sockets.Add(client);
                _sockets.Add(upstream);
            }

            _ = PumpAsync(client, upstream, toClient: false);
            _ = PumpAsync(upstream, client, toClient: true);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool toClient)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, _stop.Token)) > 0)
            {
                if (toClient)
                {
                    Task gate;
                    lock (_gate)
                        gate = _repliesFlowing.Task;
                    await gate.WaitAsync(_stop.Token);
                }
                await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The other direction or Sever closed the pair; nothing left to relay.
        }
    }
}
