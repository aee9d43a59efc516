package io.jipc.internal;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.IpcStats;
import io.jipc.internal.loop.KeepAlive;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.transport.Acceptor;
import io.jipc.internal.transport.Conduit;
import io.jipc.internal.transport.Transport;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stream server (Unix, TCP, TLS): binds on the caller's thread, accepts on one loop (its home),
 * and spreads the accepted sockets over {@code ioThreads} loops, where each runs as a {@link
 * Connection} with its own {@link Lane}. See {@link IpcServer} for the contract. Thread-safe.
 */
public final class RealIpcServer extends ServerEvents {
  private static final int ACCEPTS_PER_TURN = 1024;
  private static final long MIN_ACCEPT_BACKOFF_NANOS = 10_000_000L;
  private static final long MAX_ACCEPT_BACKOFF_NANOS = 1_000_000_000L;

  private final Transport transport;
  private final PeerPolicy peerPolicy;
  private final Connection.Owner owner = new Owner();
  private final Ledger ledger = new Ledger();
  private final ConcurrentSkipListMap<Long, Connection> sockets = new ConcurrentSkipListMap<>();
  private final AtomicLong nextSocketId = new AtomicLong();
  private final AtomicInteger live = new AtomicInteger(); // Admitted and not yet done.
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean released = new AtomicBoolean();
  private final Object drained = new Object(); // Notified when the last socket is done.
  private volatile Endpoint endpoint;
  private volatile FrameEncoder encoder;
  private volatile Loop home;
  private volatile Acceptor acceptor;
  private volatile boolean listenerClosed;
  private SelectionKey acceptKey; // Home loop only.
  private ThrottledErrors refusals; // Home loop only.
  private Lane homeLane; // Server-wide errors (accept failures, refusals); home loop only.
  private long acceptBackoff; // Home loop only.

  /** Creates a server; see {@link IpcServer#create(Endpoint, IpcConfig)}. */
  public RealIpcServer(Endpoint endpoint, IpcConfig config) {
    super(config, "server " + Objects.requireNonNull(endpoint, "endpoint"));
    this.endpoint = endpoint;
    this.transport = Transport.of(endpoint, config);
    this.peerPolicy = new PeerPolicy(config);
    this.encoder = new FrameEncoder(config, "server " + endpoint);
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public void start() throws IOException {
    core.start();
    Acceptor bound;
    try {
      PeerPolicy.requireUnix(endpoint, config);
      AssuredProfile.require(config.profile(), transport, true);
      bound = transport.bind(); // file-system work and a liveness probe: no lock held
    } catch (IOException | RuntimeException e) {
      core.unstart();
      throw e;
    }
    endpoint = bound.endpoint();
    encoder = new FrameEncoder(config, "server " + endpoint);
    core.rename("server " + endpoint);
    Loop loop = core.pickLoop();
    home = loop;
    KeepAlive.hold();
    acceptor = bound;
    if (core.closed()) {
      stopAccepting(); // close() ran while binding
      throw new IllegalStateException("server on " + endpoint + " was closed while starting");
    }
    core.log.debug("server listening on " + endpoint);
    core.handlers.dispatch("start", null, null);
    loop.execute(() -> listen(loop, bound));
  }

  private void listen(Loop loop, Acceptor bound) {
    if (core.closed()) {
      return;
    }
    homeLane = core.newLane(loop);
    refusals = ThrottledErrors.refusals(core, loop, homeLane);
    try {
      acceptKey = loop.register(bound.channel(), SelectionKey.OP_ACCEPT, key -> acceptReady());
    } catch (ClosedChannelException e) {
      // close() closed the channel first: nothing to accept.
    }
  }

  private void acceptReady() {
    for (int i = 0; i < ACCEPTS_PER_TURN && !core.closed(); i++) {
      Conduit conduit;
      try {
        conduit = acceptor.accept();
      } catch (IOException e) {
        acceptFailed(e);
        return;
      }
      if (conduit == null) {
        acceptBackoff = 0;
        return;
      }
      admit(conduit);
    }
  }

  /** Accepting failed (out of descriptors, say): report it and pause accepting, backing off. */
  private void acceptFailed(IOException e) {
    if (core.closed()) {
      return;
    }
    homeLane.error(new IOException("accepting on " + endpoint + " failed: " + e, e), null);
    acceptBackoff =
        Math.min(MAX_ACCEPT_BACKOFF_NANOS, Math.max(MIN_ACCEPT_BACKOFF_NANOS, acceptBackoff * 2));
    acceptKey.interestOps(0);
    home.schedule(
        acceptBackoff,
        () -> {
          if (!core.closed() && acceptKey.isValid()) {
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
          }
        });
  }

  private void admit(Conduit conduit) {
    String refusal = peerPolicy.refusal(conduit);
    int max = config.limits().maxConnections();
    if (refusal == null && live.get() >= max) {
      refusal = "a connection: maxConnections (" + max + ") reached";
    }
    if (refusal != null) {
      conduit.close();
      refusals.add(refusal);
      return;
    }
    long id = nextSocketId.incrementAndGet();
    Loop loop = core.pickLoop();
    Connection connection =
        new Connection(
            loop,
            conduit,
            config,
            id,
            "socket " + id + " on " + endpoint,
            encoder,
            core.newLane(loop),
            owner);
    ledger.add(connection);
    live.incrementAndGet();
    sockets.put(connection.serial(), connection);
    if (core.closed()) {
      // close() set its state before it listed the sockets: it either saw this one or we see it.
      connection.abort();
      return;
    }
    if (loop == home) {
      connection.open();
    } else {
      loop.execute(connection::open);
    }
  }

  @Override
  public int broadcast(String type, Object data) {
    return broadcastShared(encoder.encode(type, data).toByteArray());
  }

  @Override
  public int broadcast(byte[] bytes) {
    encoder.requireRaw();
    return broadcastShared(bytes.clone());
  }

  /** Queues one frame, encoded once, on every connected socket, by reference. */
  private int broadcastShared(byte[] frame) {
    int queued = 0;
    for (Connection connection : sockets.values()) {
      if (connection.started() && connection.isOpen() && connection.offerShared(frame)) {
        queued++;
      }
    }
    return queued;
  }

  /** Finds a server-assigned id at once, a claimed one by looking through the sockets. */
  @Override
  public Optional<IpcSocket> socket(String id) {
    Objects.requireNonNull(id, "id");
    Connection numbered = serial(id);
    if (numbered != null && numbered.started() && id.equals(numbered.id())) {
      return Optional.of(numbered);
    }
    return config.identifyPeer() ? super.socket(id) : Optional.empty();
  }

  private Connection serial(String id) {
    if (id.isEmpty() || id.length() > 18 || id.charAt(0) == '0') {
      return null;
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return null;
      }
    }
    return sockets.get(Long.parseLong(id));
  }

  @Override
  public List<IpcSocket> sockets() {
    // Sockets still in their TLS handshake are not connected yet: no connect has fired for them.
    List<IpcSocket> connected = new ArrayList<>();
    for (Connection connection : sockets.values()) {
      if (connection.started()) {
        connected.add(connection);
      }
    }
    return List.copyOf(connected);
  }

  @Override
  public IpcStats stats() {
    return ledger.sum().toStats(0, core.handlers.errors().snapshot());
  }

  @Override
  public void close() {
    EndpointCore.State was = core.close();
    if (was == EndpointCore.State.CLOSED) {
      return;
    }
    if (acceptor == null) {
      return; // never bound (or start() is binding and will see the close)
    }
    stopAccepting();
    for (Connection connection : sockets.values()) {
      connection.close();
    }
    if (!Lane.onHandlerThread()) {
      awaitDrained(config.closeTimeout().toNanos() + 1_000_000_000L);
    }
    core.log.debug("server on " + endpoint + " closed");
  }

  /**
   * Closes the listener: a Unix socket file is removed at once; the descriptor is released by the
   * home loop, which lets go of the channel in its next pass. Once.
   */
  private void stopAccepting() {
    Acceptor bound = acceptor;
    if (bound == null || !stopping.compareAndSet(false, true)) {
      return;
    }
    bound.close();
    Loop loop = home;
    loop.execute(
        () -> {
          if (acceptKey != null) {
            acceptKey.cancel();
          }
          if (refusals != null) {
            refusals.cancel();
          }
          // Runs after the next select, which deregisters the key and so closes the descriptor.
          loop.execute(
              () -> {
                listenerClosed = true;
                signalDrained();
              });
        });
  }

  /** Waits until the listener and every socket are done, at most {@code nanos}. */
  private void awaitDrained(long nanos) {
    long deadline = System.nanoTime() + nanos;
    synchronized (drained) {
      long left;
      while ((live.get() > 0 || !listenerClosed) && (left = deadline - System.nanoTime()) > 0) {
        try {
          drained.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** One socket is done: its last lifecycle event ran. */
  private void socketDone() {
    if (live.decrementAndGet() == 0) {
      signalDrained();
    }
  }

  /** Wakes close() and, once the listener and every socket are done, lets the JVM go. */
  private void signalDrained() {
    synchronized (drained) {
      drained.notifyAll();
    }
    if (core.closed() && live.get() == 0 && listenerClosed && released.compareAndSet(false, true)) {
      KeepAlive.release();
    }
  }

  @Override
  public String toString() {
    return "IpcServer[" + endpoint + "]";
  }

  /** Routes what a socket does to the handlers, on its lane. */
  private final class Owner implements Connection.Owner {
    @Override
    public void opened(Connection connection) {
      connection.lane().dispatch("connect", null, connection, 0);
    }

    @Override
    public boolean event(Connection connection, String type, Object data, int bytes) {
      String claimed = config.identifyPeer() ? Handlers.claimedId(data) : null;
      if (claimed != null) {
        connection.claimId(claimed);
      }
      if (config.logging().payloads()) {
        core.log.debug("received event " + type + " " + data + " from " + connection.label());
      }
      connection.lane().dispatch(type, data, connection, bytes);
      return true;
    }

    @Override
    public void raw(Connection connection, byte[] bytes) {
      connection.lane().dispatch("data", bytes, connection, bytes.length);
    }

    @Override
    public void closed(Connection connection, Throwable failure) {
      ledger.retire(connection);
      sockets.remove(connection.serial(), connection);
      Lane lane = connection.lane();
      if (!connection.started()) {
        // Never connected (a failed TLS handshake), so no lifecycle events for it: only the error,
        // unless this server's own close ended the handshake.
        if (failure != null && !core.closed()) {
          lane.error(failure, null);
        }
      } else {
        if (failure != null) {
          core.log.debug(connection.label() + " failed: " + failure);
          lane.error(failure, connection);
        }
        lane.dispatch("socket.disconnected", connection.id(), connection, 0);
        lane.dispatch("close", null, connection, 0);
      }
      lane.run(RealIpcServer.this::socketDone);
    }
  }
}
