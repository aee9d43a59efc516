package io.jipc.internal;

import io.jipc.AnyEventHandler;
import io.jipc.Endpoint;
import io.jipc.EventHandler;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.RetryPolicy;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.EventCodec;
import io.jipc.internal.codec.RawText;
import io.jipc.internal.transport.Conduit;
import io.jipc.internal.transport.Transport;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client engine: one session thread connects, reads, runs every handler and waits between
 * attempts, so all events of a client fire on it in order. See {@link IpcClient}. Thread-safe.
 */
public final class RealIpcClient implements IpcClient {
  private static final AtomicLong INSTANCES = new AtomicLong();

  private final Endpoint endpoint;
  private final IpcConfig config;
  private final Log log;
  private final Handlers handlers;
  private final Connector connector;
  private final FrameEncoder encoder;
  private final SyncQueue sync;
  private final String name;
  private final CompletableFuture<IpcClient> connected = new CompletableFuture<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final Connection.Receiver receiver = new Receiver();
  private boolean started; // Guarded by lock.
  private boolean closed; // Guarded by lock.
  private boolean stopRetrying; // Guarded by lock.
  private Thread session; // Guarded by lock.
  private volatile Connection current;

  /** Creates a client; see {@link IpcClient#create(Endpoint, IpcConfig)}. */
  public RealIpcClient(Endpoint endpoint, IpcConfig config) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.config = Objects.requireNonNull(config, "config");
    this.log = new Log(config);
    this.handlers = new Handlers(log, "client of " + endpoint);
    this.connector = new Connector(Transport.of(endpoint, config), endpoint, config);
    this.encoder = new FrameEncoder(config, endpoint.toString());
    this.sync = config.sync() ? new SyncQueue(config.limits().maxPendingBytes()) : null;
    this.stopRetrying = config.retryPolicy().stopRetrying();
    this.name = "jipc-" + config.id() + "-client-" + INSTANCES.incrementAndGet();
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
  public CompletableFuture<IpcClient> connect() {
    lock.lock();
    try {
      if (closed && !started) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("client of " + endpoint + " is closed"));
      }
      if (!started) {
        started = true;
        session = Threads.startKeepingAlive(name, this::runSession);
      }
      return connected;
    } finally {
      lock.unlock();
    }
  }

  private void runSession() {
    Throwable lastFailure = null;
    try {
      lastFailure = connectUntilDone();
    } finally {
      log.debug("client of " + endpoint + " destroyed");
      handlers.dispatch("destroy", null, null);
      connected.completeExceptionally(
          lastFailure != null
              ? lastFailure
              : new IllegalStateException("client of " + endpoint + " was closed"));
    }
  }

  /** Connects, reads, and retries until done; returns the last failure, if any. */
  private Throwable connectUntilDone() {
    RetryPolicy policy = config.retryPolicy();
    int retriesLeft = policy.maxRetries();
    Throwable lastFailure = null;
    while (!isClosed()) {
      Throwable failure = null;
      Connection connection = null;
      try {
        connection = open();
      } catch (IOException e) {
        // Failed attempts are routine while a server restarts: handlers see them, the log whispers.
        log.debug("client of " + endpoint + ": " + e.getMessage());
        if (handlers.has(Handlers.ERROR)) {
          handlers.error(e, null);
        }
        failure = e;
      }
      if (connection != null) {
        retriesLeft = policy.maxRetries();
        failure = readUntilClosed(connection);
      }
      handlers.dispatch("disconnect", null, null);
      lastFailure = failure != null ? failure : lastFailure;
      if (failure instanceof IpcProtocolException || retriesLeft < 1 || !waitToRetry(policy)) {
        break;
      }
      if (!policy.unbounded()) {
        retriesLeft--;
      }
    }
    return lastFailure;
  }

  /** Connects once; returns the connection, now {@link #current}, or null if closed meanwhile. */
  private Connection open() throws IOException {
    Conduit conduit = connector.connect();
    Connection connection =
        new Connection(null, conduit, config, endpoint.toString(), encoder, receiver);
    lock.lock();
    try {
      if (closed) {
        connection.abort();
        return null;
      }
      current = connection;
      return connection;
    } finally {
      lock.unlock();
    }
  }

  private Throwable readUntilClosed(Connection connection) {
    log.debug("client connected to " + endpoint);
    connection.start(name + "-writer");
    if (sync != null) {
      sync.restart(connection::offer);
    }
    handlers.dispatch("connect", null, null);
    connected.complete(this);
    Throwable failure = connection.run();
    current = null;
    if (failure != null) {
      log.debug("connection to " + endpoint + " failed: " + failure);
      handlers.error(failure, null);
    }
    return failure;
  }

  /** Waits {@code retry}; false if the client was closed or told to stop meanwhile. */
  private boolean waitToRetry(RetryPolicy policy) {
    lock.lock();
    try {
      long left = policy.retry().toNanos();
      while (!closed && !stopRetrying && left > 0) {
        left = wake.awaitNanos(left);
      }
      return !closed && !stopRetrying;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isConnected() {
    Connection connection = current;
    return connection != null && connection.isOpen();
  }

  @Override
  public IpcClient on(String type, EventHandler handler) {
    handlers.add(type, handler, (t, data, socket) -> handler.handle(data));
    return this;
  }

  @Override
  public IpcClient on(String type, Runnable handler) {
    handlers.add(type, handler, (t, data, socket) -> handler.run());
    return this;
  }

  @Override
  public IpcClient on(String type, AnyEventHandler handler) {
    handlers.add(type, handler, (t, data, socket) -> handler.handle(t, data));
    return this;
  }

  @Override
  public IpcClient off(String type, Object handler) {
    handlers.remove(type, handler);
    return this;
  }

  @Override
  public boolean emit(String type, Object data) {
    ByteSink frame = encoder.encode(type, data);
    Connection connection = current;
    if (connection == null) {
      return false;
    }
    return sync == null ? connection.offer(frame) : sendSync(connection, frame.toByteArray());
  }

  @Override
  public boolean emit(String type) {
    return emit(type, EventCodec.EMPTY_DATA);
  }

  @Override
  public boolean emit(byte[] bytes) {
    encoder.requireRaw();
    Connection connection = current;
    if (connection == null) {
      return false;
    }
    return sync == null ? connection.offer(bytes) : sendSync(connection, bytes.clone());
  }

  @Override
  public boolean write(String text) {
    encoder.requireRaw();
    return emit(RawText.encode(text, config.encoding()));
  }

  private boolean sendSync(Connection connection, byte[] frame) {
    return switch (sync.offer(frame, connection::offer)) {
      case SENT, QUEUED -> true;
      case NOT_SENT -> false;
      case FULL -> {
        handlers.error(
            new IpcProtocolException(
                IpcProtocolException.BACKPRESSURE,
                "sync queue of the client of "
                    + endpoint
                    + " would exceed maxPendingBytes ("
                    + config.limits().maxPendingBytes()
                    + " bytes); the event was not queued"),
            null);
        yield false;
      }
    };
  }

  @Override
  public CompletableFuture<Void> flush() {
    Connection connection = current;
    return connection == null
        ? CompletableFuture.failedFuture(new IOException("not connected to " + endpoint))
        : connection.flush();
  }

  @Override
  public List<X509Certificate> peerCertificates() {
    Connection connection = current;
    return connection == null ? List.of() : connection.peerCertificates();
  }

  @Override
  public long pendingBytes() {
    Connection connection = current;
    return connection == null ? 0 : connection.pendingBytes();
  }

  @Override
  public void stopRetrying() {
    lock.lock();
    try {
      stopRetrying = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    Thread running;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      running = session;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    connector.abort(); // a connect in progress ends now instead of at connectTimeout
    Connection connection = current;
    if (connection != null) {
      connection.close();
    }
    if (running == null) {
      // Never started: no thread will fire destroy, so it fires here, once.
      handlers.dispatch("destroy", null, null);
      connected.completeExceptionally(
          new IllegalStateException("client of " + endpoint + " was closed"));
    } else if (running != Thread.currentThread()) {
      join(running);
    }
  }

  private void join(Thread running) {
    try {
      running.join(config.closeTimeout().toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "IpcClient[" + endpoint + "]";
  }

  /** Routes what the connection reads to the handlers, releasing sync sends. */
  private final class Receiver implements Connection.Receiver {
    @Override
    public void event(Connection connection, String type, Object data) {
      if (config.logPayloads()) {
        log.debug("received event " + type + " " + data + " from " + endpoint);
      }
      handlers.dispatch(type, data, null);
      if (sync != null) {
        sync.next(connection::offer);
      }
    }

    @Override
    public void raw(Connection connection, byte[] bytes) {
      handlers.dispatch("data", bytes, null);
      if (sync != null) {
        sync.next(connection::offer);
      }
    }
  }
}
