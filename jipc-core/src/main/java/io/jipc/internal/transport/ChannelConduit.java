package io.jipc.internal.transport;

import io.jipc.PeerCredentials;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * A {@link Conduit} over a non-blocking {@link SocketChannel} (Unix or TCP). Reads and writes that
 * cannot proceed wait on a selector of their own, one for the reading thread and one, made when
 * first needed, for the writing thread; so any thread can also try a write that never blocks.
 *
 * <p>After a read shorter than the buffer, the next read waits for readiness first instead of
 * issuing a read that would find nothing. Writes go out in slices of at most {@value #SLICE} bytes
 * so the JDK's per-thread direct buffers stay small. Thread-safe for one reader and one writer at a
 * time.
 */
final class ChannelConduit implements Conduit {
  private static final int SLICE = 256 * 1024;

  private final SocketChannel channel;
  private final SocketAddress remote;
  private final Optional<PeerCredentials> peer;
  private final Selector readReady;
  private volatile Selector writeReady; // Made by the writing thread; closed by close().
  private volatile boolean closed;
  private ByteBuffer readView = ByteBuffer.allocate(0);
  private ByteBuffer writeView = ByteBuffer.allocate(0);
  private boolean drained;
  private volatile long deadline; // System.nanoTime() after which waits fail; 0 for none.

  /** Takes over {@code channel}: on failure it is closed, and nothing leaks. */
  ChannelConduit(SocketChannel channel) throws IOException {
    this(channel, Optional.empty());
  }

  /** Takes over {@code channel}, an accepted Unix socket whose peer is {@code peer}. */
  ChannelConduit(SocketChannel channel, Optional<PeerCredentials> peer) throws IOException {
    this.channel = channel;
    this.peer = peer;
    Selector selector = null;
    try {
      this.remote = channel.getRemoteAddress();
      channel.configureBlocking(false);
      selector = Selector.open();
      channel.register(selector, SelectionKey.OP_READ);
    } catch (IOException | RuntimeException e) {
      if (selector != null) {
        closeSelector(selector);
      }
      channel.close();
      throw e;
    }
    this.readReady = selector;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    ByteBuffer view = readView.array() == buf ? readView : (readView = ByteBuffer.wrap(buf));
    view.limit(off + len).position(off);
    while (true) {
      if (drained) {
        await(readReady);
      }
      int n = channel.read(view);
      if (n != 0) {
        drained = n > 0 && n < len;
        return n;
      }
      drained = true;
    }
  }

  @Override
  public void write(byte[] buf, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = tryWrite(buf, off + done, len - done);
      done += n;
      if (done < len && n == 0) {
        await(writeSelector());
      }
    }
  }

  @Override
  public int tryWrite(byte[] buf, int off, int len) throws IOException {
    ByteBuffer view = writeView.array() == buf ? writeView : (writeView = ByteBuffer.wrap(buf));
    int done = 0;
    while (done < len) {
      int slice = Math.min(SLICE, len - done);
      view.limit(off + done + slice).position(off + done);
      int n = channel.write(view);
      done += n;
      if (n < slice) {
        break;
      }
    }
    return done;
  }

  private Selector writeSelector() throws IOException {
    if (writeReady == null) {
      Selector selector = Selector.open();
      try {
        channel.register(selector, SelectionKey.OP_WRITE);
      } catch (IOException | RuntimeException e) {
        closeSelector(selector); // close() ran first and closed the channel
        throw e;
      }
      writeReady = selector;
      if (closed) {
        closeSelector(selector);
        throw new ClosedChannelException();
      }
    }
    return writeReady;
  }

  /**
   * Makes every wait for the socket fail with {@link SocketTimeoutException} once {@code nanoTime}
   * (a {@link System#nanoTime()} value) has passed; 0 removes the deadline. For bounded handshakes.
   */
  void deadline(long nanoTime) {
    deadline = nanoTime;
  }

  private void await(Selector selector) throws IOException {
    try {
      long until = deadline;
      if (!closed && until == 0) {
        selector.select();
      } else if (!closed) {
        long millis = (until - System.nanoTime()) / 1_000_000;
        if (millis <= 0 || selector.select(millis) == 0 && System.nanoTime() - until >= 0) {
          throw new SocketTimeoutException("deadline passed");
        }
      }
      if (!closed) {
        selector.selectedKeys().clear();
        return;
      }
    } catch (ClosedSelectorException e) {
      // close() ran meanwhile: report it as the closed channel it is.
    }
    throw new ClosedChannelException();
  }

  @Override
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
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
    closeSelector(readReady);
    Selector writing = writeReady;
    if (writing != null) {
      closeSelector(writing);
    }
  }

  /** Closing a selector wakes a thread blocked in it; that thread then sees {@code closed}. */
  private static void closeSelector(Selector selector) {
    try {
      selector.close();
    } catch (IOException e) {
      // Nothing more to release.
    }
  }
}
