package io.jipc.internal;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcConfig.RetryPolicy;
import io.jipc.IpcProtocolException;
import io.jipc.IpcStats;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.EventCodec;
import io.jipc.internal.codec.RawText;
import io.jipc.internal.loop.KeepAlive;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.LoopFuture;
import io.jipc.internal.loop.LoopTimer;
import io.jipc.internal.transport.Conduit;
import io.jipc.internal.transport.Transport;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client: one loop runs its connect attempts, its connection, its retry timer and, on one
 * {@link Lane}, all its handlers, so every event of a client fires in order, across reconnects. An
 * attempt is the dial ({@link Connector}) plus any TLS handshake, bounded together by {@code
 * connectTimeout}. See {@link IpcClient}. Thread-safe; the fields without a note are the loop's.
 */
public final class RealIpcClient implements IpcClient {
  private final EndpointCore core;
  private final Endpoint endpoint;
  private final IpcConfig config;
  private final Transport transport;
  private final FrameEncoder encoder;
  private final SyncQueue sync;
  private final LoopFuture<IpcClient> connected;
  private final CountDownLatch destroyed = new CountDownLatch(1);
  private final Connection.Owner owner = new Owner();
  private final Runnable releaseSync = this::releaseSync;
  private final Ledger ledger = new Ledger();
  private volatile Loop loop; // Set by connect().
  private volatile Lane lane; // Set by connect().
  private volatile Connection current; // Open, past its handshake.
  private volatile Connection last; // The latest connection that opened, open or not.
  private volatile boolean stopRetrying;
  private volatile IOException prepareFailure;
  private Connector connector;
  private Connection attempt; // Handshaking or open.
  private LoopTimer attemptTimer;
  private LoopTimer retryTimer;
  private int retriesLeft;
  private Throwable lastFailure;
  private int failedAttempts; // Of this outage.
  private Connection outageAfter; // What last was when this outage began.
  private boolean ended; // destroy fired.

  /** Creates a client; see {@link IpcClient#create(Endpoint, IpcConfig)}. */
  public RealIpcClient(Endpoint endpoint, IpcConfig config) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.config = Objects.requireNonNull(config, "config");
    this.core = new EndpointCore(config, "client of " + endpoint);
    this.transport = Transport.of(endpoint, config);
    this.encoder = new FrameEncoder(config, endpoint.toString());
    this.sync = config.sync() ? new SyncQueue(config.limits().maxPendingBytes()) : null;
    this.stopRetrying = config.retryPolicy().stopRetrying();
    this.retriesLeft = config.retryPolicy().maxRetries();
    this.connected =
        new LoopFuture<>(
            "connect() of the client of " + endpoint,
            () -> {
              Lane handlers = lane;
              return handlers != null && handlers.runsHere();
            });
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
    if (core.state() != EndpointCore.State.NEW) {
      return connected;
    }
    // The loop is chosen before the state changes, so a close() that sees the client started
    // always finds its loop; the attempt then fires destroy, once.
    Loop chosen;
    synchronized (this) {
      if (loop == null) {
        loop = core.pickLoop();
        lane = core.newLane(loop);
      }
      chosen = loop;
    }
    try {
      core.start();
    } catch (IllegalStateException raced) {
      return connected; // another thread started or closed it first
    }
    try {
      AssuredProfile.require(config.profile(), transport, false);
      transport.prepareClient(); // TLS key material: file reads, on the caller's thread
    } catch (IOException e) {
      prepareFailure = e;
    }
    KeepAlive.hold();
    chosen.execute(this::attempt);
    return connected;
  }

  private void attempt() {
    retryTimer = null;
    if (core.closed()) {
      end();
      return;
    }
    IOException unprepared = prepareFailure;
    if (unprepared != null) {
      attemptFailed(unprepared);
      return;
    }
    if (connector == null) {
      connector = new Connector(transport, endpoint, loop);
    }
    attemptTimer = loop.schedule(config.connectTimeout().toNanos(), this::attemptTimedOut);
    connector.dial(
        new Connector.Listener() {
          @Override
          public void connected(Conduit conduit) {
            dialed(conduit);
          }

          @Override
          public void failed(IOException failure) {
            attemptFailed(failure);
          }
        });
  }

  private void dialed(Conduit conduit) {
    if (core.closed()) {
      conduit.close();
      attemptFailed(null);
      return;
    }
    attempt = new Connection(loop, conduit, config, 0, endpoint.toString(), encoder, lane, owner);
    ledger.add(attempt);
    attempt.open();
  }

  private void attemptTimedOut() {
    attemptTimer = null;
    String stall = attempt != null ? attempt.handshakeStall() : null;
    ConnectException timeout =
        new ConnectException(
            "cannot connect to "
                + endpoint
                + ": no answer within connectTimeout ("
                + config.connectTimeout().toMillis()
                + " ms)"
                + (stall != null ? "; " + stall : ""));
    if (attempt != null) {
      attempt.fail(timeout); // the TLS handshake did not finish: the connection reports it
      return;
    }
    timeout.initCause(connector.lastFailure());
    connector.abort();
    attemptFailed(timeout);
  }

  /** An attempt failed before the connection opened; {@code failure} null: aborted by close(). */
  private void attemptFailed(IOException failure) {
    cancelAttemptTimer();
    if (failure != null) {
      logFailedAttempt(failure);
      if (core.handlers.has(Handlers.ERROR)) {
        lane.error(failure, null);
      }
      lastFailure = failure;
    }
    disconnected(failure);
  }

  /**
   * Says why an attempt failed and what comes next. The first failure of an outage (since the
   * client started or last connected) is a warning, so a client that cannot reach its server says
   * why by default; the outage's later attempts are logged at debug, so that a server down for
   * hours costs one line at the default level, not one per retry.
   */
  private void logFailedAttempt(IOException failure) {
    if (outageAfter != last) {
      failedAttempts = 0; // a connection opened since the last failure: a new outage
    }
    outageAfter = last;
    failedAttempts++;
    String reason = failure.getMessage() != null ? failure.getMessage() : failure.toString();
    if (!reason.contains(endpoint.toString())) {
      reason = "client of " + endpoint + ": " + reason;
    }
    long retryMs = config.retryPolicy().retry().toMillis();
    if (failedAttempts == 1) {
      String next =
          !retries(failure)
              ? "not retrying"
              : "retrying every "
                  + retryMs
                  + " ms"
                  + (config.retryPolicy().unbounded() ? "" : " (maxRetries " + retriesLeft + ")")
                  + "; further failed attempts are logged at DEBUG until it connects";
      core.log.warn(reason + "; " + next, null);
    } else {
      String next = retries(failure) ? "retrying in " + retryMs + " ms" : "not retrying";
      core.log.debug(reason + " (attempt " + failedAttempts + " of this outage); " + next);
    }
  }

  private void cancelAttemptTimer() {
    if (attemptTimer != null) {
      attemptTimer.cancel();
      attemptTimer = null;
    }
  }

  /** After every close, a failed attempt included: disconnect, then retry or end. */
  private void disconnected(Throwable failure) {
    lane.dispatch("disconnect", null, null, 0);
    if (!retries(failure)) {
      end();
      return;
    }
    RetryPolicy policy = config.retryPolicy();
    if (!policy.unbounded()) {
      retriesLeft--;
    }
    retryTimer = loop.schedule(policy.retry().toNanos(), this::attempt);
  }

  /** Returns true when a retry follows a close that ended with {@code failure} (null: cleanly). */
  private boolean retries(Throwable failure) {
    return !core.closed() && !brokeProtocol(failure) && retriesLeft >= 1 && !stopRetrying;
  }

  /**
   * Returns true when the server broke the protocol, after which a client gives up as node-ipc's
   * does; a silent line ({@code heartbeatTimeout}) is an outage like any other.
   */
  private static boolean brokeProtocol(Throwable failure) {
    return failure instanceof IpcProtocolException p
        && !IpcProtocolException.HEARTBEAT_TIMEOUT.equals(p.code());
  }

  /** Fires destroy, once: the client gave up or was closed. */
  private void end() {
    if (ended) {
      return;
    }
    ended = true;
    core.log.debug("client of " + endpoint + " destroyed");
    lane.dispatch("destroy", null, null, 0);
    Throwable failure = lastFailure;
    lane.run(
        () -> {
          connected.completeExceptionally(
              failure != null
                  ? failure
                  : new IllegalStateException("client of " + endpoint + " was closed"));
          destroyed.countDown();
          KeepAlive.release();
        });
  }

  private void releaseSync() {
    Connection connection = current;
    if (connection != null) {
      sync.next(connection::offer);
    }
  }

  @Override
  public boolean isConnected() {
    Connection connection = current;
    return connection != null && connection.isOpen();
  }

  @Override
  public IpcClient on(String type, IpcClient.Handler handler) {
    core.handlers.add(type, handler, (t, data, socket) -> handler.handle(data));
    return this;
  }

  @Override
  public IpcClient on(String type, Runnable handler) {
    core.handlers.add(type, handler, (t, data, socket) -> handler.run());
    return this;
  }

  @Override
  public IpcClient on(String type, IpcClient.AnyHandler handler) {
    core.handlers.add(type, handler, (t, data, socket) -> handler.handle(t, data));
    return this;
  }

  @Override
  public IpcClient off(String type, IpcClient.Handler handler) {
    core.handlers.remove(type, handler);
    return this;
  }

  @Override
  public IpcClient off(String type, Runnable handler) {
    core.handlers.remove(type, handler);
    return this;
  }

  @Override
  public IpcClient off(String type, IpcClient.AnyHandler handler) {
    core.handlers.remove(type, handler);
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

  @Override
  public CompletableFuture<Object> request(String type, Object data) {
    return request(type, data, config.requestTimeout());
  }

  @Override
  public CompletableFuture<Object> request(String type, Object data, Duration timeout) {
    Connection connection = current;
    if (connection == null) {
      PendingRequests.checkTimeout(timeout); // bad arguments throw whether connected or not
      encoder.checkRequest(type);
      return LoopFuture.failed(
          "request \"" + type + "\" to " + endpoint,
          new IOException("request \"" + type + "\" not sent: not connected to " + endpoint));
    }
    return connection.request(
        type,
        data,
        timeout,
        sync == null
            ? connection.offerFrame()
            : frame -> sendSync(connection, frame.toByteArray()));
  }

  @Override
  public IpcClient onRequest(String type, RequestHandler handler) {
    Objects.requireNonNull(handler, "handler");
    core.responders.put(type, (data, socket) -> handler.answer(data));
    return this;
  }

  private boolean sendSync(Connection connection, byte[] frame) {
    return switch (sync.offer(frame, connection::offer)) {
      case SENT, QUEUED -> true;
      case NOT_SENT -> false;
      case FULL -> {
        IpcProtocolException full =
            new IpcProtocolException(
                IpcProtocolException.BACKPRESSURE,
                "sync queue of the client of "
                    + endpoint
                    + " would exceed maxPendingBytes ("
                    + config.limits().maxPendingBytes()
                    + " bytes); the event was not queued");
        connection.lane().error(full, null);
        yield false;
      }
    };
  }

  /**
   * Flushes the current connection, or, between connections, the last one: bytes it wrote before it
   * closed count as flushed, bytes it dropped fail the flush.
   */
  @Override
  public CompletableFuture<Void> flush() {
    Connection connection = current != null ? current : last;
    return connection == null
        ? LoopFuture.failed("flush()", new IOException("not connected to " + endpoint))
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
  public IpcStats stats() {
    Tally sum = ledger.sum();
    return sum.toStats(Math.max(0, sum.total() - 1), core.handlers.errors().snapshot());
  }

  @Override
  public void stopRetrying() {
    stopRetrying = true;
    Loop running = loop;
    if (running != null) {
      running.execute(
          () -> {
            if (retryTimer != null) {
              retryTimer.cancel(); // waiting to retry: give up now
              retryTimer = null;
              end();
            }
          });
    }
  }

  @Override
  public void close() {
    EndpointCore.State was = core.close();
    if (was == EndpointCore.State.CLOSED) {
      return;
    }
    Loop running = loop;
    if (was == EndpointCore.State.NEW) {
      // Never started: no loop will fire destroy, so it fires here, once.
      core.handlers.dispatch("destroy", null, null);
      connected.completeExceptionally(
          new IllegalStateException("client of " + endpoint + " was closed"));
      return;
    }
    running.execute(this::closeOnLoop);
    if (!Lane.onHandlerThread()) {
      try {
        destroyed.await(config.closeTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void closeOnLoop() {
    if (retryTimer != null) {
      retryTimer.cancel();
      retryTimer = null;
      end();
      return;
    }
    if (attempt != null) {
      attempt.close(); // graceful when open; a handshake in progress ends at once
      return;
    }
    if (connector != null && attemptTimer != null) {
      connector.abort(); // a connect in progress ends now instead of at connectTimeout
      attemptFailed(null);
    }
  }

  @Override
  public String toString() {
    return "IpcClient[" + endpoint + "]";
  }

  /** Routes what the connection does to the handlers, releasing sync sends. */
  private final class Owner implements Connection.Owner {
    @Override
    public void opened(Connection connection) {
      cancelAttemptTimer();
      retriesLeft = config.retryPolicy().maxRetries();
      current = connection;
      last = connection;
      core.log.debug("client connected to " + endpoint);
      if (sync != null) {
        sync.restart(connection::offer);
      }
      lane.dispatch("connect", null, null, 0);
      lane.run(() -> connected.complete(RealIpcClient.this));
      if (core.closed()) {
        connection.close(); // close() came during the handshake
      }
    }

    @Override
    public boolean event(Connection connection, String type, Object data, int bytes) {
      if (config.logging().payloads()) {
        core.log.debug("received event " + type + " " + data + " from " + endpoint);
      }
      lane.dispatch(type, data, null, bytes);
      if (sync != null) {
        lane.run(releaseSync);
      }
      return true;
    }

    @Override
    public void replied(Connection connection) {
      if (sync != null) {
        lane.run(releaseSync);
      }
    }

    @Override
    public void raw(Connection connection, byte[] bytes) {
      lane.dispatch("data", bytes, null, bytes.length);
      if (sync != null) {
        lane.run(releaseSync);
      }
    }

    @Override
    public void closed(Connection connection, Throwable failure) {
      ledger.retire(connection);
      attempt = null;
      if (!connection.started()) {
        attemptFailed(
            failure instanceof IOException io
                ? io
                : failure == null ? null : new IOException(failure.toString(), failure));
        return;
      }
      current = null;
      if (failure != null) {
        core.log.debug("connection to " + endpoint + " failed: " + failure);
        lane.error(failure, null);
        lastFailure = failure;
      }
      disconnected(failure);
    }
  }
}
