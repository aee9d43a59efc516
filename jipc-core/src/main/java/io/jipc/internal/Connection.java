package io.jipc.internal;

import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.IpcSocket;
import io.jipc.PeerCredentials;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.EventCodec;
import io.jipc.internal.codec.RawText;
import io.jipc.internal.transport.Conduit;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One open stream, server side or client side: its reader loop runs on the thread that calls {@link
 * #run()}, its writer on a thread of its own. Incoming bytes go through an {@link Inbound} to the
 * {@link Receiver}; outgoing frames through the {@link Outbox}.
 *
 * <p>Closing: {@link #close()} flushes queued writes, ends the output and waits for the peer's end,
 * all bounded by {@code closeTimeout}; a failure ({@link #fail}) drops queued writes and closes at
 * once. Either way {@link #run()} returns after the stream is closed and the writer has stopped,
 * and its caller fires the lifecycle events. Thread-safe.
 */
final class Connection implements IpcSocket {
  /** Where decoded events and raw chunks go; called on the reader thread only. */
  interface Receiver {
    void event(Connection connection, String type, Object data);

    void raw(Connection connection, byte[] bytes);
  }

  private static final int READ_BUFFER = 64 * 1024;

  private final String serverId;
  private final Conduit conduit;
  private final IpcConfig config;
  private final FrameEncoder encoder;
  private final Outbox outbox;
  private final Inbound inbound;
  private final String label;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean closing;
  private volatile String claimedId;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Thread reader;
  private volatile boolean started; // connect may fire: past any handshake
  private volatile ScheduledFuture<?> graceTimer;

  Connection(
      String serverId,
      Conduit conduit,
      IpcConfig config,
      String label,
      FrameEncoder encoder,
      Receiver receiver) {
    this.serverId = serverId;
    this.conduit = conduit;
    this.config = config;
    this.label = label;
    this.encoder = encoder;
    this.outbox = new Outbox(conduit, config.limits().maxPendingBytes(), this::writeFailed);
    this.inbound = new Inbound(this, config, label, receiver);
  }

  /**
   * Starts the writer and the message-timeout watchdog, and makes the calling thread this
   * connection's reader. Call once, before the {@code connect} handlers run, so that they can emit,
   * flush and close.
   */
  void start(String writerName) {
    reader = Thread.currentThread();
    started = true;
    Threads.start(writerName, outbox::runWriter);
    inbound.startWatchdog();
  }

  /**
   * Reads until the stream ends, fails or is closed, on the thread that called {@link #start}; then
   * closes everything and returns why it ended: null for a clean end or a local close, else the
   * failure.
   */
  Throwable run() {
    byte[] buffer = new byte[READ_BUFFER];
    try {
      int n;
      while ((n = conduit.read(buffer, 0, buffer.length)) >= 0) {
        if (!closing) {
          outbox.beginBatch();
          try {
            inbound.accept(buffer, n);
          } finally {
            outbox.endBatch();
          }
        }
        // A handler may have left the interrupt flag set; a set flag makes every selector wait
        // return at once, which would turn this loop into a spin.
        Thread.interrupted();
      }
    } catch (IpcProtocolException e) {
      fail(e);
    } catch (IOException e) {
      if (!closing) {
        fail(e);
      }
    } catch (RuntimeException | Error e) {
      fail(e); // handlers are contained; this is a defect of ours, reported as this socket's end
    } finally {
      inbound.stopWatchdog();
      finish();
    }
    return failure.get();
  }

  /** Ends the connection after the read side stopped: graceful unless it failed. */
  private void finish() {
    closing = true;
    if (failure.get() == null) {
      outbox.end();
    } else {
      outbox.stop();
    }
    try {
      if (!outbox.awaitWriter(config.closeTimeout().toNanos())) {
        outbox.stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      conduit.close();
      ScheduledFuture<?> timer = graceTimer;
      if (timer != null) {
        timer.cancel(false); // it holds the conduit and its buffers until it runs
      }
    }
    long unwritten = outbox.pendingBytes();
    if (unwritten > 0 && failure.get() == null) {
      failure.compareAndSet(
          null,
          new IOException(
              unwritten
                  + " queued bytes to "
                  + label
                  + " were not written within closeTimeout ("
                  + config.closeTimeout().toMillis()
                  + " ms)"));
    }
  }

  /** A write failed: a failure, unless it only reports the close this side already began. */
  private void writeFailed(IOException e) {
    if (closing && e instanceof ClosedChannelException) {
      return;
    }
    fail(e);
  }

  /**
   * Records the first failure, drops queued writes and closes the stream; the reader reports it.
   */
  void fail(Throwable cause) {
    if (failure.compareAndSet(null, cause)) {
      closing = true;
      outbox.stop();
      conduit.close();
    }
  }

  /** Returns true once {@link #start} ran: the socket is connected, past any TLS handshake. */
  boolean started() {
    return started;
  }

  /** Returns the label that names this connection in messages. */
  String label() {
    return label;
  }

  void claimId(String id) {
    this.claimedId = id;
  }

  /** Queues an encoded frame; a full queue fails the connection. */
  boolean offer(ByteSink frame) {
    return offer(frame.array(), frame.size());
  }

  /** Queues bytes as they are (raw data, or a frame encoded earlier). */
  boolean offer(byte[] bytes) {
    return offer(bytes, bytes.length);
  }

  private boolean offer(byte[] bytes, int length) {
    switch (outbox.offer(bytes, 0, length)) {
      case QUEUED:
        return true;
      case OVERFLOW:
        fail(
            new IpcProtocolException(
                IpcProtocolException.BACKPRESSURE,
                "pending writes to "
                    + label
                    + " would exceed maxPendingBytes ("
                    + config.limits().maxPendingBytes()
                    + " bytes); "
                    + outbox.pendingBytes()
                    + " bytes were queued and "
                    + length
                    + " more offered"));
        return false;
      default:
        return false;
    }
  }

  @Override
  public String id() {
    String claimed = claimedId;
    return claimed != null ? claimed : serverId;
  }

  @Override
  public SocketAddress remoteAddress() {
    return conduit.remoteAddress();
  }

  @Override
  public List<X509Certificate> peerCertificates() {
    return conduit.peerCertificates();
  }

  @Override
  public Optional<PeerCredentials> peerCredentials() {
    return conduit.peerCredentials();
  }

  /** Runs the transport's handshake (TLS) on the calling thread; see {@link Conduit#handshake}. */
  void handshake() throws IOException {
    conduit.handshake();
  }

  @Override
  public boolean isOpen() {
    return !closing;
  }

  @Override
  public boolean emit(String type, Object data) {
    return offer(encoder.encode(type, data));
  }

  @Override
  public boolean emit(String type) {
    return emit(type, EventCodec.EMPTY_DATA);
  }

  @Override
  public boolean emit(byte[] bytes) {
    encoder.requireRaw();
    return offer(bytes);
  }

  @Override
  public boolean write(String text) {
    encoder.requireRaw();
    return offer(RawText.encode(text, config.encoding()));
  }

  @Override
  public CompletableFuture<Void> flush() {
    return outbox.flush();
  }

  @Override
  public long pendingBytes() {
    return outbox.pendingBytes();
  }

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    outbox.end();
    graceTimer = Timer.schedule(conduit::close, config.closeTimeout().toNanos());
  }

  /** Closes now, dropping queued writes, without recording a failure. */
  void abort() {
    closing = true;
    outbox.stop();
    conduit.close();
  }

  /** Called by the owner on the reader thread once the lifecycle events have fired. */
  void finished() {
    done.countDown();
  }

  /**
   * Waits up to {@code nanos} for {@link #finished()}; returns at once when called on this
   * connection's own reader thread (a handler closing its server), which cannot wait for itself.
   */
  boolean awaitFinished(long nanos) throws InterruptedException {
    if (Thread.currentThread() == reader) {
      return false;
    }
    return done.await(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "IpcSocket[" + label + "]";
  }
}
