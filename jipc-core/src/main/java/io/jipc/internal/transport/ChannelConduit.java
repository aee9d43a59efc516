package io.jipc.internal.transport;

import io.jipc.PeerCredentials;
import io.jipc.internal.loop.Buffers;
import io.jipc.internal.loop.Gather;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * A {@link Conduit} over a non-blocking {@link SocketChannel} (Unix or TCP). A write copies its
 * pieces into the loop's direct write buffer and hands them to the system in one call, so the JDK
 * needs no temporary buffers of its own and at most {@link Buffers#WRITE_BYTES} leave per call.
 * Loop thread only, but for {@link #close()} and the accessors.
 */
final class ChannelConduit implements Conduit {
  private final SocketChannel channel;
  private final SocketAddress remote;
  private final boolean acceptedUnix;
  private volatile Optional<PeerCredentials> peer; // Read when first asked; null until then.
  private volatile boolean closed;

  /** Takes over {@code channel}, connected: on failure it is closed, and nothing leaks. */
  ChannelConduit(SocketChannel channel) throws IOException {
    this(channel, false);
  }

  /**
   * Takes over {@code channel}; {@code acceptedUnix} when a Unix server accepted it, so that it can
   * tell its peer's credentials.
   */
  ChannelConduit(SocketChannel channel, boolean acceptedUnix) throws IOException {
    this.channel = channel;
    this.acceptedUnix = acceptedUnix;
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
  public long write(Gather pieces, Buffers buffers) throws IOException {
    ByteBuffer out = buffers.out();
    out.clear();
    for (int i = 0; i < pieces.count() && out.hasRemaining(); i++) {
      out.put(pieces.array(i), pieces.offset(i), Math.min(pieces.length(i), out.remaining()));
    }
    out.flip();
    return channel.write(out);
  }

  @Override
  public boolean shutdownOutput(Buffers buffers) throws IOException {
    channel.shutdownOutput();
    return true;
  }

  /**
   * Reads the peer's credentials from the kernel the first time they are asked for (3 to 4 µs with
   * the user and group names, so an accept that nobody asks about does not pay it); the kernel
   * records them when the peer connects, so they are the same as at accept. Empty where the system
   * does not report them, and when first asked after the socket closed.
   */
  @Override
  public Optional<PeerCredentials> peerCredentials() {
    Optional<PeerCredentials> known = peer;
    if (known == null) {
      known = acceptedUnix ? readCredentials() : Optional.empty();
      peer = known;
    }
    return known;
  }

  private Optional<PeerCredentials> readCredentials() {
    try {
      if (!channel.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) {
        return Optional.empty();
      }
      UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
      return Optional.of(
          new PeerCredentials(principal.user().getName(), principal.group().getName()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // closed meanwhile, or the system would not tell
    }
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
