package io.jipc.internal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;

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

  /** Returns the peer's address. */
  SocketAddress remoteAddress();

  /** Closes the stream; idempotent. */
  @Override
  void close();
}
