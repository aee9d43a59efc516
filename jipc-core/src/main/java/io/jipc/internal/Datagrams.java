package io.jipc.internal;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.IpcSocket;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.RawText;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;

/**
 * The sending side of a UDP endpoint: encodes events with the profile's checks, refuses what does
 * not fit one datagram, and sends one frame per datagram from the endpoint's channel.
 *
 * <p>The channel is non-blocking, so a send never waits, and a caller whose thread is interrupted
 * cannot close the endpoint (an interrupt closes a NIO channel that a thread is blocked on). A
 * datagram the operating system refuses because its send buffer is full is dropped, as UDP may drop
 * any datagram, and the send returns false. Any other I/O error fires {@code error} on the sending
 * thread and the send returns false. Thread-safe.
 */
final class Datagrams {
  /** The largest UDP payload over IPv4: 65,535 minus the IP and UDP headers (20 + 8). */
  static final int MAX_UDP4_PAYLOAD = 65_507;

  /** The largest UDP payload over IPv6 without jumbograms: 65,535 minus the UDP header. */
  static final int MAX_UDP6_PAYLOAD = 65_527;

  private final IpcConfig config;
  private final Handlers handlers;
  private final Log log;
  private volatile Endpoint.Udp endpoint;
  private volatile FrameEncoder encoder;
  private volatile int maxPayload;
  private volatile DatagramChannel channel; // null until bound
  private final Meter sent = new Meter(); // Written by any sending thread, atomically.

  Datagrams(Endpoint.Udp endpoint, IpcConfig config, Handlers handlers, Log log) {
    this.config = config;
    this.handlers = handlers;
    this.log = log;
    this.endpoint = endpoint;
    this.encoder = new FrameEncoder(config, endpoint.toString());
    this.maxPayload = endpoint.ipv6() ? MAX_UDP6_PAYLOAD : MAX_UDP4_PAYLOAD;
  }

  /**
   * Opens a non-blocking channel of the endpoint's family, bound to its host and port.
   *
   * @throws IOException naming the endpoint when the host does not resolve to an address of that
   *     family or binding fails
   */
  static DatagramChannel bind(Endpoint.Udp endpoint) throws IOException {
    InetSocketAddress local = new InetSocketAddress(address(endpoint), endpoint.port());
    DatagramChannel bound =
        DatagramChannel.open(
            endpoint.ipv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    try {
      bound.configureBlocking(false);
      bound.bind(local);
      return bound;
    } catch (IOException e) {
      bound.close();
      throw new IOException("cannot bind " + endpoint + ": " + e.getMessage(), e);
    }
  }

  private static InetAddress address(Endpoint.Udp endpoint) throws IOException {
    String host = endpoint.host();
    try {
      for (InetAddress candidate : InetAddress.getAllByName(host)) {
        if ((candidate instanceof Inet6Address) == endpoint.ipv6()) {
          return candidate;
        }
      }
    } catch (UnknownHostException e) {
      throw new IOException("cannot bind " + endpoint + ": unknown host " + host, e);
    }
    throw new IOException(
        "cannot bind " + endpoint + ": " + host + " has no " + family(endpoint) + " address");
  }

  private static String family(Endpoint.Udp endpoint) {
    return endpoint.ipv6() ? "IPv6" : "IPv4";
  }

  /** Starts sending from {@code bound}, the channel of endpoint {@code where}. */
  void open(DatagramChannel bound, Endpoint.Udp where) throws IOException {
    int familyLimit = where.ipv6() ? MAX_UDP6_PAYLOAD : MAX_UDP4_PAYLOAD;
    maxPayload = Math.min(familyLimit, bound.getOption(StandardSocketOptions.SO_SNDBUF));
    endpoint = where;
    encoder = new FrameEncoder(config, where.toString());
    channel = bound;
  }

  /** Returns the endpoint, bound once {@link #open} ran. */
  Endpoint.Udp endpoint() {
    return endpoint;
  }

  /**
   * Encodes one event into this thread's scratch buffer (valid until its next encode), delimiter
   * included.
   *
   * @throws IllegalArgumentException if the profile refuses it or it does not fit one datagram
   * @throws IllegalStateException in the raw profile
   */
  ByteSink frame(String type, Object data) {
    ByteSink frame = encoder.encode(type, data);
    checkSize(frame.size(), "event");
    return frame;
  }

  /**
   * Checks that {@code bytes} may be sent as one raw datagram.
   *
   * @throws IllegalStateException in a framed profile
   * @throws IllegalArgumentException if they do not fit one datagram
   */
  byte[] raw(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    encoder.requireRaw();
    checkSize(bytes.length, "datagram");
    return bytes;
  }

  /** Encodes {@code text} with the config's encoding and checks it as {@link #raw} does. */
  byte[] text(String text) {
    encoder.requireRaw();
    byte[] bytes = RawText.encode(Objects.requireNonNull(text, "text"), config.encoding());
    checkSize(bytes.length, "datagram");
    return bytes;
  }

  private void checkSize(int size, String what) {
    int limit = maxPayload;
    if (size > limit) {
      IpcProtocolException cause =
          new IpcProtocolException(
              IpcProtocolException.FRAME_TOO_LARGE,
              what
                  + " sent on "
                  + endpoint
                  + " is "
                  + size
                  + " bytes, more than one datagram holds ("
                  + limit
                  + " bytes); nothing was sent");
      throw new IllegalArgumentException(cause.getMessage(), cause);
    }
  }

  /**
   * Checks that {@code to} is an address this endpoint can send to.
   *
   * @throws IllegalArgumentException if it is unresolved, or IPv6 on a {@code udp4} endpoint
   */
  void checkTarget(InetSocketAddress to) {
    Objects.requireNonNull(to, "to");
    if (to.isUnresolved()) {
      throw new IllegalArgumentException(
          "cannot send to unresolved address " + to + " from " + endpoint);
    }
    if (!endpoint.ipv6() && to.getAddress() instanceof Inet6Address) {
      throw new IllegalArgumentException(
          "a udp4 endpoint cannot send to IPv6 address " + to + "; " + endpoint + " is udp4");
    }
  }

  /**
   * Sends {@code buf[0, length)} as one datagram to {@code to}.
   *
   * @param socket the peer, for an {@code error} event; null when {@code to} is not one
   * @return true if the operating system took it; false before {@link #open}, after {@link #close},
   *     when its send buffer is full, or on an I/O error (reported as {@code error})
   */
  boolean send(byte[] buf, int length, InetSocketAddress to, IpcSocket socket) {
    DatagramChannel out = channel;
    if (out == null || !out.isOpen()) {
      return false;
    }
    try {
      if (out.send(ByteBuffer.wrap(buf, 0, length), to) > 0) {
        sent.addShared(1, length);
        if (socket instanceof UdpPeer peer) {
          peer.sent().addShared(1, length);
        }
        return true;
      }
      log.debug("dropped a datagram to " + to + " from " + endpoint + ": send buffer full");
      return false;
    } catch (ClosedChannelException e) {
      return false;
    } catch (IOException e) {
      handlers.error(
          new IOException(
              "sending a datagram of "
                  + length
                  + " bytes to "
                  + to
                  + " from "
                  + endpoint
                  + " failed",
              e),
          socket);
      return false;
    }
  }

  /** Returns the datagrams and bytes the operating system took; any thread. */
  Meter sent() {
    return sent;
  }

  /** Returns true between {@link #open} and {@link #close}. */
  boolean isOpen() {
    DatagramChannel out = channel;
    return out != null && out.isOpen();
  }

  /** Closes the channel; later sends return false. Idempotent. */
  void close() {
    DatagramChannel out = channel;
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        log.warn("closing " + endpoint + " failed", e);
      }
    }
  }
}
