package io.jipc.internal.loop;

import java.nio.ByteBuffer;

/**
 * The scratch buffers one {@link Loop} lends to every connection it runs, so that an idle
 * connection owns none: what a read brings in ({@link #in()}), raw TLS records on their way in
 * ({@link #tlsIn()}) and out ({@link #tlsOut()}), the bytes of one outgoing write ({@link #out()}),
 * and the pieces of a gathering write ({@link #gather()}). Each is valid only until the code that
 * borrowed it returns to the loop. Loop thread only.
 */
public final class Buffers {
  /** The size of a read: one read takes at most this many bytes, and a UDP datagram fits. */
  public static final int READ_BYTES = 64 * 1024;

  /** The most bytes one write hands to the system. */
  public static final int WRITE_BYTES = 256 * 1024;

  /** The most buffers one gathering write takes. */
  public static final int VIEWS = 64;

  // Room for four TLS records (16,709 bytes each at most) in and out.
  private static final int TLS_BYTES = 4 * 17 * 1024 + 1024;

  private final ByteBuffer in = ByteBuffer.allocate(READ_BYTES);
  private final ByteBuffer out = ByteBuffer.allocateDirect(WRITE_BYTES);
  private final Gather gather = new Gather();
  private ByteBuffer tlsIn; // Made on first TLS use: a loop that never runs TLS pays nothing.
  private ByteBuffer tlsOut;

  /** Creates a set of buffers: each loop makes one; a test may make its own. */
  public Buffers() {}

  /** Returns the read buffer (heap, {@value #READ_BYTES} bytes). */
  public ByteBuffer in() {
    return in;
  }

  /** Returns the write buffer (direct, {@value #WRITE_BYTES} bytes). */
  public ByteBuffer out() {
    return out;
  }

  /** Returns the list of pieces of one gathering write (at most {@value #VIEWS}). */
  public Gather gather() {
    return gather;
  }

  /** Returns the buffer for encrypted bytes read (heap, four TLS records). */
  public ByteBuffer tlsIn() {
    if (tlsIn == null) {
      tlsIn = ByteBuffer.allocate(TLS_BYTES);
    }
    return tlsIn;
  }

  /** Returns the buffer for encrypted bytes to write (direct, four TLS records). */
  public ByteBuffer tlsOut() {
    if (tlsOut == null) {
      tlsOut = ByteBuffer.allocateDirect(TLS_BYTES);
    }
    return tlsOut;
  }
}
