package io.jipc.internal.transport;

import io.jipc.IpcProtocolException;
import io.jipc.PeerCredentials;
import io.jipc.internal.loop.Buffers;
import io.jipc.internal.loop.Gather;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.function.Supplier;
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
  private TlsRecordStart tlsWatch; // Set while the first bytes may still be a TLS record.
  private Supplier<String> tlsPeer; // Names the peer in the mismatch message, when it is made.
  private String tlsAdvice; // Says what to do about it.

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

  /**
   * Makes the first read fail with {@link IpcProtocolException#TLS_MISMATCH} when the peer's first
   * bytes are a TLS record (see {@link TlsRecordStart}); for plain TCP under the framed profiles.
   *
   * @param peer names the peer, such as {@code "the server at 127.0.0.1:8000"}; asked only if the
   *     peer does speak TLS, so that accepting costs no message
   * @param advice says what to do, such as {@code "configure tls(...) on the client"}
   * @return this conduit
   */
  ChannelConduit watchForTls(Supplier<String> peer, String advice) {
    tlsWatch = new TlsRecordStart();
    tlsPeer = peer;
    tlsAdvice = advice;
    return this;
  }

  @Override
  public int read(Buffers buffers) throws IOException {
    ByteBuffer in = buffers.in();
    in.clear();
    int n = channel.read(in);
    if (n > 0 && tlsWatch != null) {
      checkTls(in.array(), n);
    }
    return n;
  }

  private void checkTls(byte[] bytes, int n) throws IpcProtocolException {
    TlsRecordStart watch = tlsWatch;
    switch (watch.see(bytes, 0, n)) {
      case TLS -> {
        tlsWatch = null;
        throw new IpcProtocolException(
            IpcProtocolException.TLS_MISMATCH,
            tlsPeer.get()
                + " speaks TLS (it sent "
                + watch.recordKind()
                + ": "
                + watch.shown()
                + ") but this side is plain TCP; "
                + tlsAdvice);
      }
      case NOT_TLS -> tlsWatch = null;
      case UNKNOWN -> {} // fewer than three bytes so far
    }
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
