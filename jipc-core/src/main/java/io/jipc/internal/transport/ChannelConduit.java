package io.jipc.internal.transport;

import io.jipc.PeerCredentials;
import io.jipc.internal.loop.Buffers;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * A {@link Conduit} over a non-blocking {@link SocketChannel} (Unix or TCP). A write copies what it
 * is given into the loop's direct write buffer and hands it to the system in one call, so the JDK
 * needs no temporary buffers of its own and at most {@link Buffers#WRITE_BYTES} leave per call.
 * Loop thread only, but for {@link #close()} and the accessors.
 */
final class ChannelConduit implements Conduit {
  private final SocketChannel channel;
  private final SocketAddress remote;
  private final Optional<PeerCredentials> peer;
  private volatile boolean closed;

  /** Takes over {@code channel}, connected: on failure it is closed, and nothing leaks. */
  ChannelConduit(SocketChannel channel) throws IOException {
    this(channel, Optional.empty());
  }

  /** Takes over {@code channel}, an accepted Unix socket whose peer is {@code peer}. */
  ChannelConduit(SocketChannel channel, Optional<PeerCredentials> peer) throws IOException {
    this.channel = channel;
    this.peer = peer;
    try {
      channel.configureBlocking(false);
      this.remote = channel.getRemoteAddress();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public SocketChannel channel() {
    return channel;
  }

  @Override
  public int read(Buffers buffers) throws IOException {
    ByteBuffer in = buffers.in();
    in.clear();
    return channel.read(in);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length, Buffers buffers) throws IOException {
    if (length == 1 && srcs[offset].isDirect()) {
      return channel.write(srcs[offset]);
    }
    ByteBuffer out = buffers.out();
    out.clear();
    for (int i = offset; i < offset + length && out.hasRemaining(); i++) {
      ByteBuffer src = srcs[i];
      int n = Math.min(src.remaining(), out.remaining());
      if (src.hasArray()) {
        out.put(src.array(), src.arrayOffset() + src.position(), n);
      } else {
        out.put(src.duplicate().limit(src.position() + n));
      }
    }
    out.flip();
    long written = channel.write(out);
    consume(srcs, offset, length, written);
    return written;
  }

  /** Advances the sources by {@code n} bytes, first to last. */
  static void consume(ByteBuffer[] srcs, int offset, int length, long n) {
    for (int i = offset; i < offset + length && n > 0; i++) {
      ByteBuffer src = srcs[i];
      int take = (int) Math.min(n, src.remaining());
      src.position(src.position() + take);
      n -= take;
    }
  }

  @Override
  public boolean shutdownOutput(Buffers buffers) throws IOException {
    channel.shutdownOutput();
    return true;
  }

  @Override
  public Optional<PeerCredentials> peerCredentials() {
    return peer;
  }

  @Override
  public SocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket channel only fails when the descriptor is already unusable.
    }
  }
}
