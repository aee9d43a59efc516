package io.jipc.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The sending half of a {@link TlsConduit}: wraps plaintext into records and writes them, for the
 * writing thread, and for the reading thread when the engine has records of its own to send
 * (handshake flights, a TLS 1.3 key update, an alert). One lock orders all of it.
 *
 * <p>{@link #tryWrite} must never wait, yet an encrypted record may leave only in part. The bytes
 * of such a record are kept and the call reports one plaintext byte fewer than it encrypted, so the
 * caller (the outbox) always comes back with a {@link #write} for the rest; that write sends the
 * kept bytes first and skips the one byte already encrypted ({@code credit}). Thread-safe.
 */
final class TlsOutput {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** Records wrapped per socket write: fewer system calls for large batches. */
  private static final int RECORDS_PER_WRITE = 4;

  private final ChannelConduit net;
  private final SSLEngine engine;
  private final ReentrantLock lock = new ReentrantLock();
  private ByteBuffer netOut; // Encrypted bytes not yet written; read mode. Guarded by lock.
  private int credit; // Plaintext bytes encrypted but reported as not taken. Guarded by lock.

  TlsOutput(ChannelConduit net, SSLEngine engine) {
    this.net = net;
    this.engine = engine;
    netOut = ByteBuffer.allocate(packetSize() * RECORDS_PER_WRITE).flip();
  }

  private int packetSize() {
    return engine.getSession().getPacketBufferSize();
  }

  /**
   * True once the peer's close_notify was read. The engine records it inside the unwrap that reads
   * it, before the reading thread can tell anyone, so this asks the engine.
   */
  private boolean peerClosed() {
    return engine.isInboundDone();
  }

  /** Writes all {@code len} plaintext bytes, waiting for the socket; see the class comment. */
  void write(byte[] buf, int off, int len) throws IOException {
    lock.lock();
    try {
      flushBlocking();
      int skip = Math.min(credit, len);
      credit -= skip;
      ByteBuffer src = ByteBuffer.wrap(buf, off + skip, len - skip);
      while (src.hasRemaining()) {
        wrapSome(src);
        flushBlocking();
      }
    } catch (IOException e) {
      discardIfPeerClosed(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * After the peer's close_notify, a write that fails because the peer has gone (it may close its
   * socket once it sent close_notify, and TLS 1.2 peers stop reading) loses nothing the peer would
   * have read: the bytes are dropped, as the closing peer would drop them. Otherwise rethrows.
   */
  private void discardIfPeerClosed(IOException e) throws IOException {
    if (!peerClosed()) {
      throw e;
    }
    netOut.clear().flip();
    credit = 0;
  }

  /** Takes as many plaintext bytes as can leave now without waiting; see the class comment. */
  int tryWrite(byte[] buf, int off, int len) throws IOException {
    lock.lock();
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
          return Math.max(0, src.position() - off - 1);
        }
      }
      return len;
    } catch (IOException e) {
      discardIfPeerClosed(e);
      return len;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Wraps records from {@code src} until it is empty or {@code netOut} has no room for another.
   *
   * @throws SSLException if the engine takes nothing and makes nothing (it waits for the peer in a
   *     handshake, which an established session never does here): better than spinning
   */
  private void wrapSome(ByteBuffer src) throws IOException {
    netOut.compact();
    try {
      int packet = packetSize();
      while (src.hasRemaining()) {
        if (netOut.remaining() < packet) {
          if (netOut.position() > 0) {
            return;
          }
          netOut = ByteBuffer.allocate(packet * RECORDS_PER_WRITE);
        }
        SSLEngineResult result = engine.wrap(src, netOut);
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
          if (peerClosed()) {
            // TLS 1.2 answers the peer's close_notify by closing this direction too and discarding
            // pending writes (RFC 5246 7.2.1): the peer has closed, as over TCP it would read and
            // drop them. Not a failure of this side.
            src.position(src.limit());
            return;
          }
          throw new ClosedChannelException();
        }
        if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
          if (result.getHandshakeStatus() != HandshakeStatus.NEED_TASK) {
            throw new SSLException(
                "the TLS engine takes no data (handshake status "
                    + result.getHandshakeStatus()
                    + ")");
          }
          runTasks(engine);
        }
      }
    } finally {
      netOut.flip();
    }
  }

  /**
   * Wraps and sends, without waiting, a record the engine wants to send by itself (a TLS 1.3 key
   * update), for the reading thread, which must never block in a write. When the writing thread
   * holds the lock, or the socket takes only part, the record goes out with the next write: TLS 1.3
   * only asks that it precede this side's next application data.
   */
  void wrapControlIfFree() throws IOException {
    if (!lock.tryLock()) {
      return;
    }
    try {
      if (flushNow()) {
        wrapEmpty();
        flushNow();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Wraps every handshake message the engine has to send now and sends them with one write, as
   * SSLSocket does: a peer that refuses the first of them then finds nothing unread when it closes,
   * so it closes with FIN (not RST) and this side can read its alert.
   */
  HandshakeStatus wrapFlight() throws IOException {
    lock.lock();
    try {
      flushBlocking();
      HandshakeStatus status = HandshakeStatus.NEED_WRAP;
      while (status == HandshakeStatus.NEED_WRAP) {
        SSLEngineResult result = wrapEmpty();
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
          flushBlocking();
        }
        status = result.getHandshakeStatus();
        if (status == HandshakeStatus.NEED_TASK) {
          status = runTasks(engine);
        }
      }
      flushBlocking();
      return status;
    } finally {
      lock.unlock();
    }
  }

  /** Tells the peer why a handshake failed, when the engine has an alert; never waits. */
  void sendAlert() {
    lock.lock();
    try {
      engine.closeOutbound();
      wrapEmpty();
      net.tryWrite(netOut.array(), netOut.position(), netOut.remaining());
    } catch (IOException | RuntimeException e) {
      // The handshake failed already; the alert is a courtesy.
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends what is kept, then close_notify, then ends the socket's output. After the peer's own
   * close_notify, ours is a courtesy the peer may no longer read: failing to send it is no error.
   */
  void shutdown() throws IOException {
    lock.lock();
    try {
      flushBlocking();
      engine.closeOutbound();
      boolean produced = true;
      while (!engine.isOutboundDone() && produced) {
        produced = wrapEmpty().bytesProduced() > 0; // close_notify
        flushBlocking();
      }
      net.shutdownOutput();
    } catch (IOException e) {
      if (!peerClosed()) {
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private SSLEngineResult wrapEmpty() throws IOException {
    netOut.compact();
    try {
      return engine.wrap(EMPTY, netOut);
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

  /** Runs the engine's delegated tasks on the calling thread; returns the status after them. */
  static HandshakeStatus runTasks(SSLEngine engine) {
    Runnable task;
    while ((task = engine.getDelegatedTask()) != null) {
      task.run();
    }
    return engine.getHandshakeStatus();
  }
}
