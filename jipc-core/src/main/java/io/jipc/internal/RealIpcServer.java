package io.jipc.internal;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.transport.Acceptor;
import io.jipc.internal.transport.Conduit;
import io.jipc.internal.transport.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The server engine: one accept thread, and per socket a reader thread (running its handlers) and a
 * writer thread. See {@link IpcServer} for the contract. Thread-safe.
 */
public final class RealIpcServer extends ServerEvents {
  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final long MAX_ACCEPT_BACKOFF_NANOS = 1_000_000_000L;

  private final IpcConfig config;
  private final Transport transport;
  private final PeerPolicy peerPolicy;
  private final String name;
  private final List<Connection> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong nextSocketId = new AtomicLong();
  private final Object stateLock = new Object();
  private volatile Endpoint endpoint;
  private volatile FrameEncoder encoder;
  private final Connection.Receiver receiver = new Receiver();
  private Acceptor acceptor; // Guarded by stateLock.
  private boolean started; // Guarded by stateLock.
  private volatile boolean closed;

  /** Creates a server; see {@link IpcServer#create(Endpoint, IpcConfig)}. */
  public RealIpcServer(Endpoint endpoint, IpcConfig config) {
    super(
        Objects.requireNonNull(config, "config"),
        "server " + Objects.requireNonNull(endpoint, "endpoint"));
    this.endpoint = endpoint;
    this.config = config;
    this.transport = Transport.of(endpoint, config);
    this.peerPolicy = new PeerPolicy(config, endpoint);
    this.encoder = new FrameEncoder(config, "server " + endpoint);
    this.name = "jipc-" + config.id() + "-server-" + INSTANCES.incrementAndGet();
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public IpcConfig config() {
    return config;
  }

  @Override
  public void start() throws IOException {
    Acceptor bound;
    synchronized (stateLock) {
      if (closed) {
        throw new IllegalStateException("server on " + endpoint + " is closed");
      }
      if (started) {
        throw new IllegalStateException("server on " + endpoint + " is already started");
      }
      PeerPolicy.requireUnix(endpoint, config);
      bound = transport.bind();
      acceptor = bound;
      endpoint = bound.endpoint();
      encoder = new FrameEncoder(config, "server " + endpoint);
      started = true;
    }
    log.debug("server listening on " + endpoint);
    handlers.dispatch("start", null, null);
    Threads.startKeepingAlive(name + "-accept", () -> acceptLoop(bound));
  }

  private void acceptLoop(Acceptor bound) {
    long backoff = 0;
    while (!closed) {
      Conduit conduit;
      try {
        conduit = bound.accept();
        backoff = 0;
      } catch (IOException e) {
        if (closed) {
          return;
        }
        handlers.error(new IOException("accepting on " + endpoint + " failed: " + e, e), null);
        backoff = Math.min(MAX_ACCEPT_BACKOFF_NANOS, Math.max(10_000_000L, backoff * 2));
        LockSupport.parkNanos(backoff);
        continue;
      }
      admit(conduit);
    }
  }

  private void admit(Conduit conduit) {
    if (!peerPolicy.admits(conduit)) {
      conduit.close();
      IOException report = peerPolicy.report();
      if (report != null && !closed) {
        handlers.error(report, null);
      }
      return;
    }
    int max = config.limits().maxConnections();
    Connection connection = null;
    boolean full = false;
    synchronized (stateLock) {
      // Under the lock close() takes to set closed, so close() either sees this socket or this
      // method sees closed: no socket outlives its server. No I/O and no logging in here.
      if (!closed && sockets.size() < max) {
        String id = Long.toString(nextSocketId.incrementAndGet());
        connection =
            new Connection(
                id, conduit, config, "socket " + id + " on " + endpoint, encoder, receiver);
        sockets.add(connection);
      } else {
        full = !closed;
      }
    }
    if (connection == null) {
      conduit.close();
      if (full) {
        log.warn(
            "server on " + endpoint + " refused a connection: maxConnections (" + max + ") reached",
            null);
      }
      return;
    }
    Connection admitted = connection;
    Threads.start(name + "-socket-" + admitted.id(), () -> serve(admitted));
  }

  private void serve(Connection connection) {
    try {
      connection.handshake();
    } catch (IOException | RuntimeException e) {
      // Never connected, so no lifecycle events for it: only the error (unless this server's own
      // close ended the handshake), and the server goes on.
      connection.abort();
      sockets.remove(connection);
      try {
        if (!closed) {
          handlers.error(e, null);
        }
      } finally {
        connection.finished();
      }
      return;
    }
    Throwable failure = null;
    try {
      connection.start(name + "-socket-" + connection.id() + "-writer");
      handlers.dispatch("connect", null, connection);
      failure = connection.run();
    } finally {
      sockets.remove(connection);
      try {
        if (failure != null) {
          log.debug(connection.label() + " failed: " + failure);
          handlers.error(failure, connection);
        }
        handlers.dispatch("socket.disconnected", connection.id(), connection);
        handlers.dispatch("close", null, connection);
      } finally {
        connection.finished();
      }
    }
  }

  @Override
  public int broadcast(String type, Object data) {
    ByteSink frame = encoder.encode(type, data);
    int queued = 0;
    for (Connection connection : sockets) {
      if (connection.started() && connection.isOpen() && connection.offer(frame)) {
        queued++;
      }
    }
    return queued;
  }

  @Override
  public int broadcast(byte[] bytes) {
    encoder.requireRaw();
    int queued = 0;
    for (Connection connection : sockets) {
      if (connection.started() && connection.isOpen() && connection.offer(bytes)) {
        queued++;
      }
    }
    return queued;
  }

  @Override
  public List<IpcSocket> sockets() {
    // Sockets still in their TLS handshake are not connected yet: no connect has fired for them.
    List<IpcSocket> connected = new ArrayList<>(sockets.size());
    for (Connection connection : sockets) {
      if (connection.started()) {
        connected.add(connection);
      }
    }
    return List.copyOf(connected);
  }

  @Override
  public void close() {
    Acceptor bound;
    synchronized (stateLock) {
      if (closed) {
        return;
      }
      closed = true;
      bound = acceptor;
    }
    if (bound != null) {
      bound.close();
    }
    List<Connection> open = List.copyOf(sockets);
    open.forEach(Connection::close);
    long deadline = System.nanoTime() + config.closeTimeout().toNanos() + 1_000_000_000L;
    try {
      for (Connection connection : open) {
        connection.awaitFinished(Math.max(0, deadline - System.nanoTime()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.debug("server on " + endpoint + " closed");
  }

  @Override
  public String toString() {
    return "IpcServer[" + endpoint + "]";
  }

  /** Routes what a socket reads to the handlers, naming the socket when {@code identifyPeer}. */
  private final class Receiver implements Connection.Receiver {
    @Override
    public void event(Connection connection, String type, Object data) {
      String claimed = config.identifyPeer() ? claimedId(data) : null;
      if (claimed != null) {
        connection.claimId(claimed);
      }
      if (config.logPayloads()) {
        log.debug("received event " + type + " " + data + " from " + connection.label());
      }
      handlers.dispatch(type, data, connection);
    }

    @Override
    public void raw(Connection connection, byte[] bytes) {
      handlers.dispatch("data", bytes, connection);
    }
  }
}
