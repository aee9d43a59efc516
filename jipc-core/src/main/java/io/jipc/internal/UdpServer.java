package io.jipc.internal;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.IpcStats;
import io.jipc.UdpEndpoint;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.loop.KeepAlive;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.LoopTimer;
import io.jipc.internal.transport.PeerGuarantee;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server on a UDP endpoint, node-ipc's {@code serveNet(host, port, 'udp4' | 'udp6')}. See {@link
 * IpcServer} for the contract; this class adds what UDP changes.
 *
 * <p><b>Peers.</b> Each sender (address and port) is an {@link IpcSocket} from its first datagram
 * until it has been silent for {@code udpPeerTimeout} or is closed; at most {@code maxUdpPeers} are
 * kept (see {@link PeerTable}), and datagrams from further senders are dropped with a rate-limited
 * {@code error}. Peers have no lifecycle events: {@code connect} fires once, with a null socket,
 * when the endpoint is bound (then {@code start}, as node-ipc does), and nothing fires when a peer
 * leaves. {@link #sockets()} lists the live peers in the order they were first heard.
 *
 * <p><b>Receiving</b> runs on the endpoint's loop, and every handler on one lane (the loop, or
 * {@code handlerExecutor}), one at a time, in arrival order; see {@link UdpReceiver} for reassembly
 * and bad input. {@code messageTimeout} does not apply: a partial frame lives as long as its
 * sender's entry in the table.
 *
 * <p><b>Sending</b> puts one frame in one datagram, at once, on the calling thread; it never
 * blocks. A frame larger than one datagram (65,507 bytes over IPv4, 65,527 over IPv6, or the
 * socket's send buffer if smaller) is refused with {@link IllegalArgumentException}. Sends return
 * false before {@link #start()}, after {@link #close()}, and when the operating system drops the
 * datagram at once (send buffer full); loss on the way is not reported, UDP does not know.
 *
 * <p>The assured profile refuses UDP at {@link #start()}, as node-ipc 14 does: UDP cannot
 * authenticate its peers. Thread-safe.
 */
public final class UdpServer extends ServerEvents implements UdpEndpoint {
  private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long MAX_SWEEP_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Datagrams datagrams;
  private final PeerTable table;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean shutDown = new AtomicBoolean();
  private volatile Endpoint.Udp endpoint;
  private volatile Loop loop;
  private volatile UdpReceiver receiver;
  private LoopTimer sweep; // The loop's.

  /** Creates a server; see {@link IpcServer#create(Endpoint, IpcConfig)}. */
  public UdpServer(Endpoint.Udp endpoint, IpcConfig config) {
    super(config, "server " + ipv4Loopback(Objects.requireNonNull(endpoint, "endpoint")));
    this.endpoint = ipv4Loopback(endpoint);
    this.datagrams = new Datagrams(this.endpoint, config, core.handlers, core.log);
    this.table =
        new PeerTable(
            config.udpPeers().maxPeers(), config.udpPeers().peerTimeout().toNanos(), datagrams);
  }

  /** node-ipc binds udp4 on {@code ::1} to 127.0.0.1; Endpoint.udp4 does so, the record not. */
  private static Endpoint.Udp ipv4Loopback(Endpoint.Udp endpoint) {
    return !endpoint.ipv6() && endpoint.host().equals("::1")
        ? new Endpoint.Udp("127.0.0.1", endpoint.port(), false)
        : endpoint;
  }

  /** Returns the endpoint: after {@link #start()}, the bound one (port 0 replaced). */
  @Override
  public IpcServer onRequest(String type, RequestHandler handler) {
    throw new UnsupportedOperationException(
        "requests need a stream endpoint (unix, tcp, tls); UDP has no connection to answer on: "
            + endpoint());
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  /**
   * Binds the endpoint, fires {@code connect} (null socket) and {@code start} on the calling
   * thread, then starts receiving on the endpoint's loop.
   *
   * @throws IpcProtocolException {@code ERR_IPC_ASSURED_TRANSPORT} in the assured profile
   * @throws IOException if the host does not resolve or binding fails; the message names the
   *     endpoint
   * @throws IllegalStateException if already started or closed, or if {@code allowedPeerUsers} or
   *     {@code allowedPeerGroups} is set (UDP cannot verify peers)
   */
  @Override
  public void start() throws IOException {
    core.start();
    Loop chosen = core.pickLoop();
    UdpReceiver bound;
    try {
      PeerPolicy.requireUnix(endpoint, config);
      AssuredProfile.require(config.profile(), new PeerGuarantee.Datagrams(endpoint.toString()));
      bound = bind(chosen);
    } catch (IOException | RuntimeException e) {
      core.unstart();
      throw e;
    }
    loop = chosen;
    KeepAlive.hold();
    receiver = bound;
    if (core.closed()) {
      shutdown(); // close() ran while binding
      throw new IllegalStateException("server on " + endpoint + " was closed while starting");
    }
    core.log.debug("server listening on " + endpoint);
    core.handlers.dispatch("connect", null, null);
    core.handlers.dispatch("start", null, null);
    chosen.execute(
        () -> {
          bound.open();
          scheduleSweep();
        });
  }

  private UdpReceiver bind(Loop on) throws IOException {
    DatagramChannel channel = Datagrams.bind(endpoint);
    try {
      Endpoint.Udp local =
          new Endpoint.Udp(
              endpoint.host(),
              ((InetSocketAddress) channel.getLocalAddress()).getPort(),
              endpoint.ipv6());
      datagrams.open(channel, local);
      UdpReceiver bound =
          new UdpReceiver(channel, table, core, core.newLane(on), on, local.toString());
      endpoint = local;
      core.rename("server " + local);
      return bound;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private void scheduleSweep() {
    long every =
        Math.max(
            MIN_SWEEP_NANOS, Math.min(MAX_SWEEP_NANOS, config.udpPeers().peerTimeout().toNanos()));
    sweep =
        loop.schedule(
            every,
            () -> {
              if (!core.closed()) {
                table.evictExpired(System.nanoTime(), Integer.MAX_VALUE);
                scheduleSweep();
              }
            });
  }

  /**
   * Sends one event in one datagram to {@code to}, a peer or not; it does not add {@code to} to the
   * peers.
   *
   * @return true if the operating system took the datagram
   * @throws IllegalArgumentException if the frame does not fit one datagram (the message names the
   *     endpoint, the size and the limit), the profile refuses it, or {@code to} is unresolved or
   *     IPv6 on a {@code udp4} endpoint; nothing is sent
   */
  @Override
  public boolean emit(InetSocketAddress to, String type, Object data) {
    datagrams.checkTarget(to);
    ByteSink frame = datagrams.frame(type, data);
    return !core.closed() && datagrams.send(frame.array(), frame.size(), to, null);
  }

  /**
   * Sends {@code bytes} as one datagram to {@code to} (raw profile).
   *
   * @return true if the operating system took the datagram
   * @throws IllegalArgumentException if the bytes do not fit one datagram or {@code to} is not an
   *     address this endpoint can send to
   * @throws IllegalStateException in a framed profile
   */
  @Override
  public boolean emit(InetSocketAddress to, byte[] bytes) {
    datagrams.checkTarget(to);
    byte[] checked = datagrams.raw(bytes);
    return !core.closed() && datagrams.send(checked, checked.length, to, null);
  }

  /**
   * Sends one event, encoded once, to every live peer, one datagram each.
   *
   * @return how many peers the operating system took it for
   */
  @Override
  public int broadcast(String type, Object data) {
    // A copy: an error handler run by a failed send may encode into this thread's scratch buffer.
    byte[] frame = datagrams.frame(type, data).toByteArray();
    return sendToAll(frame);
  }

  @Override
  public int broadcast(byte[] bytes) {
    return sendToAll(datagrams.raw(bytes));
  }

  private int sendToAll(byte[] datagram) {
    if (core.closed()) {
      return 0;
    }
    int sent = 0;
    for (UdpPeer peer : table.live(System.nanoTime())) {
      if (peer.inTable() && datagrams.send(datagram, datagram.length, peer.address(), peer)) {
        sent++;
      }
    }
    return sent;
  }

  /**
   * Returns this endpoint's peers (live now, and admitted ever), its datagrams and bytes each way
   * (received ones counted whether or not their sender was admitted), and its errors; nothing is
   * ever queued and UDP has no requests.
   */
  @Override
  public IpcStats stats() {
    UdpReceiver bound = receiver;
    Meter in = bound == null ? new Meter() : bound.received();
    Meter out = datagrams.sent();
    return new IpcStats(
        new IpcStats.Connections(table.live(System.nanoTime()).size(), table.admitted(), 0),
        new IpcStats.Traffic(in.frames(), in.bytes()),
        new IpcStats.Traffic(out.frames(), out.bytes()),
        0,
        core.handlers.errors().snapshot(),
        new IpcStats.Requests(0, 0, 0, 0));
  }

  /** Returns the live peers, in the order they were first heard (a snapshot). */
  @Override
  public List<IpcSocket> sockets() {
    return List.copyOf(table.live(System.nanoTime()));
  }

  /**
   * Closes the endpoint: stops receiving, closes the channel, forgets every peer, and waits up to
   * {@code closeTimeout} for the loop to finish with it (not when called from a handler, which
   * cannot wait for its own loop or lane). No datagram is dispatched after the handler in progress,
   * if any, returns. Idempotent.
   */
  @Override
  public void close() {
    if (core.close() == EndpointCore.State.CLOSED || receiver == null) {
      return; // closed already, never started, or start() is binding and will see the close
    }
    shutdown();
    if (!Lane.onHandlerThread()) {
      try {
        stopped.await(config.closeTimeout().toMillis() + 1, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    core.log.debug("server on " + endpoint + " closed");
  }

  /**
   * Stops receiving and sending, forgets the peers, and lets the JVM go once the loop has let go of
   * the channel (so the port is free when close() returns); once.
   */
  private void shutdown() {
    if (!shutDown.compareAndSet(false, true)) {
      return;
    }
    datagrams.close();
    table.close();
    Loop on = loop;
    on.execute(
        () -> {
          receiver.stop();
          if (sweep != null) {
            sweep.cancel();
          }
          // Runs after the next select, which deregisters the key and so closes the descriptor.
          on.execute(
              () -> {
                KeepAlive.release();
                stopped.countDown();
              });
        });
  }

  @Override
  public String toString() {
    return "IpcServer[" + endpoint + "]";
  }
}
