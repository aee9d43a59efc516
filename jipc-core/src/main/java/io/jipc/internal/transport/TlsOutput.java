package io.jipc.internal.transport;

import io.jipc.internal.loop.Buffers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The sending half of a {@link TlsConduit}: wraps plaintext and the engine's own messages
 * (handshake flights, a TLS 1.3 key update, close_notify, an alert) into records in the loop's
 * {@link Buffers#tlsOut()} and writes them without waiting. Encrypted bytes the socket does not
 * take are <em>held</em> here, copied out of the loop's buffer, and leave first at the next write
 * or {@link #flush}: what {@link #write} reports as consumed is exactly the plaintext it encrypted.
 * Loop thread only.
 */
final class TlsOutput {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final SocketChannel channel;
  private final SSLEngine engine;
  private ByteBuffer held; // Encrypted bytes not yet written, read mode; null when none.

  TlsOutput(SocketChannel channel, SSLEngine engine) {
    this.channel = channel;
    this.engine = engine;
  }

  /** Returns true while encrypted bytes wait for the socket. */
  boolean holds() {
    return held != null;
  }

  /** Returns how many encrypted bytes wait for the socket. */
  long heldBytes() {
    ByteBuffer bytes = held;
    return bytes == null ? 0 : bytes.remaining();
  }

  /**
   * True once the peer's close_notify was read. The engine records it inside the unwrap that reads
   * it, so this asks the engine.
   */
  private boolean peerClosed() {
    return engine.isInboundDone();
  }

  /** Writes the held bytes without waiting; true when none are left. */
  boolean flush() throws IOException {
    if (held == null) {
      return true;
    }
    try {
      channel.write(held);
    } catch (IOException e) {
      discardIfPeerClosed(e);
    }
    if (held != null && held.hasRemaining()) {
      return false;
    }
    held = null;
    return true;
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
    held = null;
  }

  /**
   * Encrypts and writes as much of the sources as leaves now; see the class comment.
   *
   * @return the plaintext bytes consumed
   */
  long write(ByteBuffer[] srcs, Buffers buffers) throws IOException {
    if (!flush()) {
      return 0;
    }
    ByteBuffer out = buffers.tlsOut();
    int packet = engine.getSession().getPacketBufferSize();
    long consumed = 0;
    while (remaining(srcs) > 0) {
      out.clear();
      while (out.remaining() >= packet && remaining(srcs) > 0) {
        SSLEngineResult result = engine.wrap(srcs, out);
        if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
          return consumed + dropAfterPeerClose(srcs);
        }
        consumed += result.bytesConsumed();
        if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
          refuseStall(result);
        }
      }
      out.flip();
      if (!send(out)) {
        return consumed;
      }
    }
    return consumed;
  }

  /**
   * TLS 1.2 answers the peer's close_notify by closing this direction too and discarding pending
   * writes (RFC 5246 7.2.1): the peer has closed, as over TCP it would read and drop them. Not a
   * failure of this side; any other closed engine is.
   */
  private long dropAfterPeerClose(ByteBuffer[] srcs) throws IOException {
    if (!peerClosed()) {
      throw new ClosedChannelException();
    }
    long dropped = remaining(srcs);
    for (ByteBuffer src : srcs) {
      src.position(src.limit());
    }
    return dropped;
  }

  /** Throws rather than spin when the engine takes nothing and makes nothing. */
  private void refuseStall(SSLEngineResult result) throws SSLException {
    if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
      runTasks(engine);
      return;
    }
    throw new SSLException(
        "the TLS engine takes no data (handshake status " + result.getHandshakeStatus() + ")");
  }

  private static long remaining(ByteBuffer[] srcs) {
    long n = 0;
    for (ByteBuffer src : srcs) {
      n += src.remaining();
    }
    return n;
  }

  /** Writes {@code out} (read mode) without waiting; holds what is left. True if all left. */
  private boolean send(ByteBuffer out) throws IOException {
    try {
      channel.write(out);
    } catch (IOException e) {
      discardIfPeerClosed(e);
      return true;
    }
    if (!out.hasRemaining()) {
      return true;
    }
    hold(out);
    return false;
  }

  /** Appends the rest of {@code out} (read mode) to the held bytes. */
  private void hold(ByteBuffer out) {
    int had = held == null ? 0 : held.remaining();
    byte[] bytes = new byte[had + out.remaining()];
    if (held != null) {
      held.get(bytes, 0, had);
    }
    out.get(bytes, had, bytes.length - had);
    held = ByteBuffer.wrap(bytes);
  }

  /**
   * Wraps every message the engine has to send by itself now (a handshake flight, a key update) and
   * holds them, then tries to send them all with one write, as SSLSocket does: a peer that refuses
   * the first of them then finds nothing unread when it closes, so it closes with FIN (not RST) and
   * this side can read its alert.
   *
   * @return the handshake status after wrapping
   */
  HandshakeStatus wrapOwn(Buffers buffers) throws IOException {
    ByteBuffer out = buffers.tlsOut();
    out.clear();
    HandshakeStatus status = engine.getHandshakeStatus();
    while (status == HandshakeStatus.NEED_WRAP) {
      SSLEngineResult result = engine.wrap(EMPTY, out);
      if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW || out.remaining() < 512) {
        out.flip();
        hold(out);
        out.clear();
      }
      status = result.getHandshakeStatus();
      if (status == HandshakeStatus.NEED_TASK) {
        status = runTasks(engine);
      }
      if (result.getStatus() == SSLEngineResult.Status.CLOSED && result.bytesProduced() == 0) {
        break;
      }
    }
    out.flip();
    if (out.hasRemaining()) {
      hold(out);
    }
    flush();
    return status;
  }

  /** Tells the peer why a handshake failed, when the engine has an alert; never waits. */
  void sendAlert(Buffers buffers) {
    try {
      engine.closeOutbound();
      wrapOwn(buffers);
    } catch (IOException | RuntimeException e) {
      // The handshake failed already; the alert is a courtesy.
    }
  }

  /**
   * Sends what is held, then close_notify, then ends the socket's output, without waiting. After
   * the peer's own close_notify, ours is a courtesy the peer may no longer read: failing to send it
   * is no error.
   *
   * @return true when done; false when the socket must become writable first
   */
  boolean shutdown(Buffers buffers) throws IOException {
    try {
      if (!engine.isOutboundDone()) {
        engine.closeOutbound();
        ByteBuffer out = buffers.tlsOut();
        out.clear();
        boolean produced = true;
        while (!engine.isOutboundDone() && produced) {
          produced = engine.wrap(EMPTY, out).bytesProduced() > 0; // close_notify
        }
        out.flip();
        if (out.hasRemaining()) {
          hold(out);
        }
      }
      if (!flush()) {
        return false;
      }
      channel.shutdownOutput();
    } catch (IOException e) {
      if (!peerClosed()) {
        throw e;
      }
      held = null;
    }
    return true;
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
