package io.jipc.internal.transport;

import io.jipc.PeerCredentials;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One open byte stream of any transport. One thread reads while others write, one writer at a time;
 * {@link #close()} may be called from any thread and wakes both.
 */
public interface Conduit extends Closeable {
  /**
   * Reads at least one byte, waiting until some arrive.
   *
   * @return the number of bytes read, or -1 at end of stream
   * @throws IOException on failure, or when closed meanwhile
   */
  int read(byte[] buf, int off, int len) throws IOException;

  /** Writes all {@code len} bytes, waiting while the system's buffer is full. */
  void write(byte[] buf, int off, int len) throws IOException;

  /**
   * Writes as many of the {@code len} bytes as the system takes now, without waiting.
   *
   * @return the number of bytes written, 0 to {@code len}
   */
  int tryWrite(byte[] buf, int off, int len) throws IOException;

  /** Ends the outgoing direction (sends FIN) while reading goes on. */
  void shutdownOutput() throws IOException;

  /**
   * Completes what must happen before the first byte of data (the TLS handshake of an accepted
   * connection), bounded by the transport's own timeout; nothing for plain streams. Called once, by
   * the reading thread, before any read or write.
   *
   * @throws IOException naming the peer and the reason when it fails
   */
  default void handshake() throws IOException {}

  /** Returns the peer's certificate chain, leaf first; empty when the stream is not TLS. */
  default List<X509Certificate> peerCertificates() {
    return List.of();
  }

  /**
   * Returns the peer's kernel-verified credentials, read at accept; empty unless the stream was
   * accepted on a Unix socket.
   */
  default Optional<PeerCredentials> peerCredentials() {
    return Optional.empty();
  }

  /** Returns the peer's address. */
  SocketAddress remoteAddress();

  /** Closes the stream; idempotent. */
  @Override
  void close();
}
