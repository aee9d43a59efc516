package io.jipc.internal.transport;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.Profile;
import io.jipc.TlsOptions;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * How bytes travel to one endpoint: the seam every stream transport (Unix, TCP, TLS) implements in
 * one class. Everything above it (framing, events, reconnect, limits) is the same for all.
 *
 * <p>A server binds on its caller's thread ({@link #bind()} may touch the file system and probe a
 * stale socket). A client's connect is split so that no step blocks a loop: {@link #targets()}
 * (which may look a host name up, so it runs off the loop when {@link #resolvesNames()}), then per
 * target {@link #open} and a non-blocking connect that the loop finishes, then {@link #conduit}.
 */
public interface Transport {
  /**
   * The listen backlog of every stream server: Linux's default {@code somaxconn} (the kernel caps
   * it there). A server of thousands of local clients that connect at once must not make the kernel
   * drop connects, which costs each dropped TCP client a 1, 3, 7 s retry; node's default of 511
   * does.
   */
  int LISTEN_BACKLOG = 4096;

  /**
   * Returns the transport for {@code endpoint}, given the few options it needs from {@code config}:
   * a Unix one its socket-file options, a TCP one the interface and keep-alive, a TLS one also the
   * TLS options (a TCP endpoint is a TLS one when {@code config.tls()} is set).
   */
  static Transport of(Endpoint endpoint, IpcConfig config) {
    if (endpoint instanceof Endpoint.Unix unix) {
      return new UnixTransport(unix, config.socketFile());
    }
    Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
    boolean raw = config.profile() == Profile.RAW;
    TlsOptions tls = config.tls();
    TcpTransport.Options options =
        new TcpTransport.Options(
            config.networkInterface(), config.keepAlive(), tls == null && !raw);
    return tls != null ? new TlsTransport(tcp, options, tls) : new TcpTransport(tcp, options);
  }

  /**
   * Binds the endpoint for a server; the acceptor's channel is non-blocking.
   *
   * @throws IOException naming the endpoint when binding fails
   */
  Acceptor bind() throws IOException;

  /**
   * Returns what this transport guarantees about the peer on the {@code server} or the client side,
   * for the assured profile's check; reads no file and refuses nothing.
   */
  PeerGuarantee guarantee(boolean server);

  /**
   * Checks and loads what every connect needs (TLS key material), once, on the caller's thread.
   *
   * @throws IOException naming the endpoint when the configuration cannot work
   */
  default void prepareClient() throws IOException {}

  /** Returns true when {@link #targets()} may block on a name lookup. */
  default boolean resolvesNames() {
    return false;
  }

  /**
   * Returns the addresses a client tries, in order.
   *
   * @throws IOException naming the endpoint when the host has no usable address
   */
  List<SocketAddress> targets() throws IOException;

  /**
   * Opens a non-blocking channel ready to connect to {@code target} (options set, local address
   * bound); the caller connects it.
   */
  SocketChannel open(SocketAddress target) throws IOException;

  /**
   * Returns the conduit of a channel that just connected; on failure the channel is closed.
   *
   * @throws IOException naming the endpoint
   */
  Conduit conduit(SocketChannel connected) throws IOException;
}
