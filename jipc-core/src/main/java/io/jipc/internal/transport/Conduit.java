package io.jipc.internal.transport;

import io.jipc.PeerCredentials;
import io.jipc.internal.loop.Buffers;
import io.jipc.internal.loop.Gather;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One open byte stream of any transport, driven by an I/O loop: every call returns at once with
 * what it could do, and says what it waits for; none ever blocks. The loop lends its {@link
 * Buffers} for the duration of a call, so an idle conduit holds no buffer of its own, only bytes it
 * could not pass on yet (a partial TLS record, encrypted bytes the socket did not take).
 *
 * <p>The write contract: {@link #write} returns the plaintext bytes it consumed, a prefix of what
 * it was given; what it consumed either reached the system or is kept inside the conduit and
 * reported by {@link #hasPendingOutput()}, which then goes out first, through {@link
 * #flushPending}. Loop thread only, except {@link #close()}, the peer accessors and {@link
 * #remoteAddress()}.
 */
public interface Conduit {
  /** What a call is waiting for before it can go on. */
  enum Wait {
    /** Nothing: done. */
    NOTHING,
    /** The socket to become readable. */
    READ,
    /** The socket to become writable. */
    WRITE
  }

  /** Returns the channel, for registration with the loop. */
  SocketChannel channel();

  /**
   * Advances what must happen before the first byte of data (the TLS handshake) as far as it can
   * without waiting; plain streams have nothing to do.
   *
   * @return {@link Wait#NOTHING} when complete, else what to wait for before calling again
   * @throws IOException naming the peer and the reason when it fails
   */
  default Wait handshake(Buffers buffers) throws IOException {
    return Wait.NOTHING;
  }

  /** Returns how long the handshake may take in nanoseconds; 0 when there is none. */
  default long handshakeTimeoutNanos() {
    return 0;
  }

  /**
   * Returns the failure to report when the handshake did not finish in time; may send the peer a
   * last word (a TLS alert) without waiting.
   */
  default IOException handshakeTimedOut(Buffers buffers) {
    return new IOException("handshake timed out");
  }

  /**
   * Returns why an unfinished handshake may be stuck, for the message of whichever timeout ends it
   * (a TLS peer that sent nothing may not speak TLS); null when there is nothing to add.
   */
  default String handshakeStall() {
    return null;
  }

  /**
   * Reads what has arrived into {@code buffers.in()}, from position 0.
   *
   * @return the number of plaintext bytes there; 0 when nothing arrived; -1 at the end of the
   *     stream
   * @throws IOException when reading fails or the peer broke the transport's rules
   */
  int read(Buffers buffers) throws IOException;

  /**
   * Returns true when more input is held inside the conduit (TLS records read from the socket but
   * not yet decrypted), so that the caller reads again without waiting for the socket.
   */
  default boolean hasBufferedInput() {
    return false;
  }

  /**
   * Writes as much of the pieces in {@code buffers.gather()} as can leave now, in order, without
   * waiting; see the class comment for the contract.
   *
   * @return the bytes consumed: a prefix of the pieces, in order
   */
  long write(Gather pieces, Buffers buffers) throws IOException;

  /** Returns true while the conduit holds output of its own that must leave before more writes. */
  default boolean hasPendingOutput() {
    return false;
  }

  /** Returns how many bytes of its own output the conduit holds (encrypted TLS records). */
  default long pendingOutputBytes() {
    return 0;
  }

  /** Sends the output the conduit holds, without waiting; true when none is left. */
  default boolean flushPending(Buffers buffers) throws IOException {
    return true;
  }

  /**
   * Ends the outgoing direction (TLS close_notify, then FIN) while reading goes on.
   *
   * @return true when done; false when the socket must become writable first (call again then)
   */
  boolean shutdownOutput(Buffers buffers) throws IOException;

  /** Returns the peer's certificate chain, leaf first; empty when the stream is not TLS. */
  default List<X509Certificate> peerCertificates() {
    return List.of();
  }

  /**
   * Returns the peer's kernel-verified credentials; empty unless the stream was accepted on a Unix
   * socket on a system that reports them.
   */
  default Optional<PeerCredentials> peerCredentials() {
    return Optional.empty();
  }

  /** Returns the peer's address. */
  SocketAddress remoteAddress();

  /** Closes the stream; idempotent, any thread. */
  void close();
}
