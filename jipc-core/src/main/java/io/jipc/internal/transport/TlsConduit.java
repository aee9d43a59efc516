package io.jipc.internal.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A {@link Conduit} that runs TLS over another one with an {@link SSLEngine}: the reading thread
 * unwraps, the writing thread wraps (the engine allows one of each at a time).
 *
 * <p>{@link #tryWrite} must never wait, yet an encrypted record may leave only in part. The bytes
 * of such a record are kept and the call reports one plaintext byte fewer than it encrypted, so the
 * caller (the outbox) always comes back with a {@link #write} for the rest; that write sends the
 * kept bytes first and skips the one byte already encrypted ({@code credit}). Records the engine
 * makes on its own while reading (a TLS 1.3 key update) are written by the reading thread under the
 * same lock. Thread-safe for one reader and one writer at a time.
 */
final class TlsConduit implements Conduit {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** Records wrapped per socket write: fewer system calls for large batches. */
  private static final int RECORDS_PER_WRITE = 4;

  private final ChannelConduit net;
  private final SSLEngine engine;
  private final String label;
  private final Duration handshakeTimeout;
  private final ReentrantLock writeLock = new ReentrantLock();
  private ByteBuffer netIn; // Encrypted bytes read and not yet unwrapped; read mode. Reader only.
  private ByteBuffer appIn; // Plaintext unwrapped and not yet returned; read mode. Reader only.
  private ByteBuffer netOut; // Encrypted bytes not yet written; read mode. Guarded by writeLock.
  private int credit; // Plaintext bytes encrypted but reported as not taken. Guarded by writeLock.
  private boolean inboundDone; // Reader only.
  private volatile List<X509Certificate> peerChain = List.of();

  TlsConduit(ChannelConduit net, SSLEngine engine, String label, Duration handshakeTimeout) {
    this.net = net;
    this.engine = engine;
    this.label = label;
    this.handshakeTimeout = handshakeTimeout;
    int packet = engine.getSession().getPacketBufferSize();
    netIn = ByteBuffer.allocate(packet).flip();
    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    netOut = ByteBuffer.allocate(packet * RECORDS_PER_WRITE).flip();
  }

  @Override
  public void handshake() throws IOException {
    net.deadline(System.nanoTime() + handshakeTimeout.toNanos());
    try {
      engine.beginHandshake();
      HandshakeStatus status = engine.getHandshakeStatus();
      while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
        status =
            switch (status) {
              case NEED_WRAP -> wrapControl();
              case NEED_TASK -> runTasks();
              default -> unwrapHandshake();
            };
      }
      peerChain = verifiedChain();
    } catch (SocketTimeoutException e) {
      close();
      throw failed(
          "did not finish within handshakeTimeout (" + handshakeTimeout.toMillis() + " ms)", e);
    } catch (SSLException e) {
      sendAlert();
      close();
      throw failed(e.getMessage(), e);
    } catch (IOException e) {
      close();
      throw failed(e instanceof ClosedChannelException ? "the connection closed" : e.toString(), e);
    } finally {
      net.deadline(0);
    }
  }

  private IOException failed(String reason, IOException cause) {
    IOException failure =
        new SSLHandshakeException("TLS handshake with " + label + " failed: " + reason);
    failure.initCause(cause);
    return failure;
  }

  /** Tells the peer why, when the engine has an alert to send; best effort, never waits. */
  private void sendAlert() {
    writeLock.lock();
    try {
      engine.closeOutbound();
      netOut.compact();
      engine.wrap(EMPTY, netOut);
      netOut.flip();
      net.tryWrite(netOut.array(), netOut.position(), netOut.remaining());
    } catch (IOException | RuntimeException e) {
      // The handshake failed already; the alert is a courtesy.
    } finally {
      writeLock.unlock();
    }
  }

  private HandshakeStatus unwrapHandshake() throws IOException {
    SSLEngineResult result = unwrapOnce(appIn);
    if (result == null) {
      throw new ClosedChannelException();
    }
    if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      ByteBuffer larger = ByteBuffer.allocate(appIn.capacity() * 2);
      larger.put(appIn).flip();
      appIn = larger;
    }
    return result.getHandshakeStatus();
  }

  /**
   * Unwraps one record into {@code into} (write mode is arranged here), reading from the socket
   * when no complete record is buffered; null at end of stream.
   */
  private SSLEngineResult unwrapOnce(ByteBuffer into) throws IOException {
    while (true) {
      if (netIn.hasRemaining()) {
        SSLEngineResult result = unwrapInto(into);
        switch (result.getStatus()) {
          case OK, CLOSED:
            return result;
          case BUFFER_OVERFLOW:
            return result; // the caller drains its buffer and calls again
          case BUFFER_UNDERFLOW:
          default:
            break; // a partial record: read more
        }
      }
      if (!fill()) {
        return null;
      }
    }
  }

  private SSLEngineResult unwrapInto(ByteBuffer into) throws SSLException {
    if (into == appIn) {
      appIn.compact();
      try {
        return engine.unwrap(netIn, appIn);
      } finally {
        appIn.flip();
      }
    }
    return engine.unwrap(netIn, into);
  }

  /** Reads more encrypted bytes; false at end of stream. */
  private boolean fill() throws IOException {
    netIn.compact();
    if (!netIn.hasRemaining()) {
      ByteBuffer larger = ByteBuffer.allocate(netIn.capacity() * 2);
      netIn.flip();
      larger.put(netIn);
      netIn = larger;
    }
    int n = net.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
    if (n > 0) {
      netIn.position(netIn.position() + n);
    }
    netIn.flip();
    return n >= 0;
  }

  private HandshakeStatus runTasks() {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
    return engine.getHandshakeStatus();
  }

  /** Wraps what the engine wants to send by itself (handshake, key update) and sends it. */
  private HandshakeStatus wrapControl() throws IOException {
    writeLock.lock();
    try {
      flushBlocking();
      netOut.compact();
      SSLEngineResult result;
      try {
        result = engine.wrap(EMPTY, netOut);
      } finally {
        netOut.flip();
      }
      flushBlocking();
      return result.getHandshakeStatus();
    } finally {
      writeLock.unlock();
    }
  }

  private List<X509Certificate> verifiedChain() {
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : engine.getSession().getPeerCertificates()) {
        if (certificate instanceof X509Certificate x509) {
          chain.add(x509);
        }
      }
      return List.copyOf(chain);
    } catch (SSLPeerUnverifiedException e) {
      return List.of(); // the peer sent no certificate (a client without mutual TLS)
    }
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    // A caller's buffer that holds a whole record takes plaintext directly: one copy fewer.
    boolean direct = len >= appIn.capacity();
    while (true) {
      if (appIn.hasRemaining()) {
        int n = Math.min(len, appIn.remaining());
        appIn.get(buf, off, n);
        return n;
      }
      if (inboundDone) {
        return -1;
      }
      ByteBuffer into = direct ? ByteBuffer.wrap(buf, off, len) : appIn;
      SSLEngineResult result = unwrapOnce(into);
      if (result == null) {
        inboundDone = true; // the peer closed without close_notify: an end of stream all the same
      } else if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        if (direct) {
          direct = false;
        } else {
          appIn = ByteBuffer.allocate(appIn.capacity() * 2).flip();
        }
      } else {
        afterUnwrap(result);
        if (direct) {
          unwrapBuffered(into);
          if (into.position() > off) {
            return into.position() - off;
          }
        }
      }
    }
  }

  /** Unwraps further complete records already read, while {@code into} has room for one. */
  private void unwrapBuffered(ByteBuffer into) throws IOException {
    int room = appIn.capacity();
    while (!inboundDone && netIn.hasRemaining() && into.remaining() >= room) {
      SSLEngineResult result = engine.unwrap(netIn, into);
      if (result.getStatus() != SSLEngineResult.Status.OK
          && result.getStatus() != SSLEngineResult.Status.CLOSED) {
        return;
      }
      afterUnwrap(result);
      if (result.bytesConsumed() == 0) {
        return;
      }
    }
  }

  private void afterUnwrap(SSLEngineResult result) throws IOException {
    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
      inboundDone = true;
    }
    HandshakeStatus status = result.getHandshakeStatus();
    while (status == HandshakeStatus.NEED_TASK || status == HandshakeStatus.NEED_WRAP) {
      if (status == HandshakeStatus.NEED_WRAP && engine.isOutboundDone()) {
        break;
      }
      status = status == HandshakeStatus.NEED_TASK ? runTasks() : wrapControl();
    }
  }

  @Override
  public void write(byte[] buf, int off, int len) throws IOException {
    writeLock.lock();
    try {
      flushBlocking();
      int skip = Math.min(credit, len);
      credit -= skip;
      ByteBuffer src = ByteBuffer.wrap(buf, off + skip, len - skip);
      while (src.hasRemaining()) {
        wrapSome(src);
        flushBlocking();
      }
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public int tryWrite(byte[] buf, int off, int len) throws IOException {
    writeLock.lock();
    try {
      if (!flushNow()) {
        return 0;
      }
      int skip = Math.min(credit, len);
      credit -= skip;
      ByteBuffer src = ByteBuffer.wrap(buf, off + skip, len - skip);
      while (src.hasRemaining()) {
        wrapSome(src);
        if (!flushNow()) {
          // Encrypted but not all sent: hold one byte back so the caller returns with write().
          credit = 1;
          return src.position() - off - 1;
        }
      }
      return len;
    } finally {
      writeLock.unlock();
    }
  }

  /** Wraps records from {@code src} until it is empty or {@code netOut} has no room for another. */
  private void wrapSome(ByteBuffer src) throws IOException {
    netOut.compact();
    try {
      int packet = engine.getSession().getPacketBufferSize();
      while (src.hasRemaining()) {
        if (netOut.remaining() < packet) {
          if (netOut.position() > 0) {
            return;
          }
          netOut = ByteBuffer.allocate(packet * RECORDS_PER_WRITE);
        }
        SSLEngineResult result = engine.wrap(src, netOut);
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
          throw new ClosedChannelException();
        }
      }
    } finally {
      netOut.flip();
    }
  }

  /** Writes kept encrypted bytes without waiting; true when none are left. */
  private boolean flushNow() throws IOException {
    if (netOut.hasRemaining()) {
      int n = net.tryWrite(netOut.array(), netOut.position(), netOut.remaining());
      netOut.position(netOut.position() + n);
    }
    return !netOut.hasRemaining();
  }

  private void flushBlocking() throws IOException {
    if (netOut.hasRemaining()) {
      net.write(netOut.array(), netOut.position(), netOut.remaining());
      netOut.position(netOut.limit());
    }
  }

  @Override
  public void shutdownOutput() throws IOException {
    writeLock.lock();
    try {
      flushBlocking();
      engine.closeOutbound();
      boolean produced = true;
      while (!engine.isOutboundDone() && produced) {
        netOut.compact();
        try {
          produced = engine.wrap(EMPTY, netOut).bytesProduced() > 0; // close_notify
        } finally {
          netOut.flip();
        }
        flushBlocking();
      }
    } finally {
      writeLock.unlock();
    }
    net.shutdownOutput();
  }

  @Override
  public List<X509Certificate> peerCertificates() {
    return peerChain;
  }

  @Override
  public SocketAddress remoteAddress() {
    return net.remoteAddress();
  }

  @Override
  public void close() {
    net.close();
  }
}
