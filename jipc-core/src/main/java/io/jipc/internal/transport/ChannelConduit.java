package io.jipc.internal.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A {@link Conduit} over a blocking {@link SocketChannel} (Unix or TCP). Reads and writes call the
 * channel directly: on JDK 17 the stream adapters would make a blocked reader stall the writer
 * (JDK-8279339). Thread-safe for one reader and one writer.
 */
final class ChannelConduit implements Conduit {
  private final SocketChannel channel;
  private final SocketAddress remote;
  private ByteBuffer readView = ByteBuffer.allocate(0);
  private ByteBuffer writeView = ByteBuffer.allocate(0);

  ChannelConduit(SocketChannel channel) throws IOException {
    this.channel = channel;
    this.remote = channel.getRemoteAddress();
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    ByteBuffer view = readView.array() == buf ? readView : (readView = ByteBuffer.wrap(buf));
    view.limit(off + len).position(off);
    return channel.read(view);
  }

  @Override
  public void write(byte[] buf, int off, int len) throws IOException {
    ByteBuffer view = writeView.hasArray() && writeView.array() == buf ? writeView : null;
    if (view == null) {
      view = writeView = ByteBuffer.wrap(buf);
    }
    view.limit(off + len).position(off);
    while (view.hasRemaining()) {
      channel.write(view);
    }
  }

  @Override
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  public SocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket channel only fails when the descriptor is already unusable.
    }
  }
}
