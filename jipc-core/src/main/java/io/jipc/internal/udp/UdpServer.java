package io.jipc.internal.udp;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.Profile;
import io.jipc.internal.PeerPolicy;
import io.jipc.internal.ServerEvents;
import io.jipc.internal.Threads;
import io.jipc.internal.Timer;
import io.jipc.internal.codec.ByteSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * <p><b>Receiving</b> is done by one receiver thread, which runs every handler, one at a time, in
 * arrival order; see {@link Receiver} for reassembly and bad input. {@code messageTimeout} does not
 * apply: a partial frame lives as long as its sender's entry in the table.
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
public final class UdpServer extends ServerEvents {
  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final long MIN_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long MAX_SWEEP_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final IpcConfig config;
  private final Datagrams datagrams;
  private final PeerTable table;
  private final String name;
  private final Object stateLock = new Object();
  private volatile Endpoint.Udp endpoint;
  private Receiver receiver; // Guarded by stateLock.
  private Thread receiverThread; // Guarded by stateLock.
  private boolean started; // Guarded by stateLock.
  private volatile boolean closed;
  private volatile ScheduledFuture<?> sweep;

  /** Creates a server; see {@link IpcServer#create(Endpoint, IpcConfig)}. */
  public UdpServer(Endpoint.Udp endpoint, IpcConfig config) {
    super(
        Objects.requireNonNull(config, "config"),
        "server " + ipv4Loopback(Objects.requireNonNull(endpoint, "endpoint")));
    this.endpoint = ipv4Loopback(endpoint);
    this.config = config;
    this.datagrams = new Datagrams(this.endpoint, config, handlers, log);
    this.table = new PeerTable(config.maxUdpPeers(), config.udpPeerTimeout().toNanos(), datagrams);
    this.name = "jipc-" + config.id() + "-udp-" + INSTANCES.incrementAndGet();
  }

  /** node-ipc binds udp4 on {@code ::1} to 127.0.0.1; Endpoint.udp4 does so, the record not. */
  private static Endpoint.Udp ipv4Loopback(Endpoint.Udp endpoint) {
    return !endpoint.ipv6() && endpoint.host().equals("::1")
        ? new Endpoint.Udp("127.0.0.1", endpoint.port(), false)
        : endpoint;
  }

  /** Returns the endpoint: after {@link #start()}, the bound one (port 0 replaced). */
  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public IpcConfig config() {
    return config;
  }

  /**
   * Binds the endpoint, fires {@code connect} (null socket) and {@code start} on the calling
   * thread, then starts the receiver thread.
   *
   * @throws IpcProtocolException {@code ERR_IPC_ASSURED_TRANSPORT} in the assured profile
   * @throws IOException if the host does not resolve or binding fails; the message names the
   *     endpoint
   * @throws IllegalStateException if already started or closed, or if {@code allowedPeerUsers} or
   *     {@code allowedPeerGroups} is set (UDP cannot verify peers)
   */
  @Override
  public void start() throws IOException {
    Receiver bound;
    synchronized (stateLock) {
      if (closed) {
        throw new IllegalStateException("server on " + endpoint + " is closed");
      }
      if (started) {
        throw new IllegalStateException("server on " + endpoint + " is already started");
      }
      PeerPolicy.requireUnix(endpoint, config);
      if (config.profile() == Profile.ASSURED) {
        throw new IpcProtocolException(
            IpcProtocolException.ASSURED_TRANSPORT,
            "the assured profile refuses UDP, which cannot authenticate peers: " + endpoint);
      }
      bound = bind();
      receiver = bound;
      started = true;
    }
    log.debug("server listening on " + endpoint);
    scheduleSweep();
    handlers.dispatch("connect", null, null);
    handlers.dispatch("start", null, null);
    Thread thread = Threads.startKeepingAlive(name + "-receiver", bound);
    synchronized (stateLock) {
      receiverThread = thread;
    }
  }

  private Receiver bind() throws IOException {
    DatagramChannel channel = Datagrams.bind(endpoint);
    try {
      Endpoint.Udp local =
          new Endpoint.Udp(
              endpoint.host(),
              ((InetSocketAddress) channel.getLocalAddress()).getPort(),
              endpoint.ipv6());
      datagrams.open(channel, local);
      Receiver bound = new Receiver(channel, table, handlers, log, config, local.toString());
      endpoint = local;
      return bound;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private void scheduleSweep() {
    long every =
        Math.max(MIN_SWEEP_NANOS, Math.min(MAX_SWEEP_NANOS, config.udpPeerTimeout().toNanos()));
    sweep =
        Timer.schedule(
            () -> {
              if (!closed) {
                table.evictExpired(System.nanoTime(), Integer.MAX_VALUE);
                scheduleSweep();
              }
            },
            every);
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
    return !closed && datagrams.send(frame.array(), frame.size(), to, null);
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
    return !closed && datagrams.send(checked, checked.length, to, null);
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
    if (closed) {
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

  /** Returns the live peers, in the order they were first heard (a snapshot). */
  @Override
  public List<IpcSocket> sockets() {
    return List.copyOf(table.live(System.nanoTime()));
  }

  /**
   * Closes the endpoint: stops the receiver, closes the channel, forgets every peer, and waits up
   * to {@code closeTimeout} for the receiver thread to end (not when called from a handler, which
   * runs on that thread and cannot wait for itself). No datagram is dispatched after the handler in
   * progress, if any, returns. Idempotent.
   */
  @Override
  public void close() {
    Receiver running;
    Thread thread;
    boolean wasStarted;
    synchronized (stateLock) {
      if (closed) {
        return;
      }
      closed = true;
      running = receiver;
      thread = receiverThread;
      wasStarted = started;
    }
    ScheduledFuture<?> scheduled = sweep;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
    datagrams.close();
    if (running != null) {
      running.stop(); // wakes the selector, whose thread then completes the channel's close
    }
    table.close();
    if (thread != null && thread != Thread.currentThread()) {
      try {
        thread.join(config.closeTimeout().toMillis() + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (wasStarted) {
      log.debug("server on " + endpoint + " closed");
    }
  }

  @Override
  public String toString() {
    return "IpcServer[" + endpoint + "]";
  }
}
