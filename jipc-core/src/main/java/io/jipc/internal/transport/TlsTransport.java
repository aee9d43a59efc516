package io.jipc.internal.transport;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * TLS over {@link TcpTransport}: node-ipc's TCP endpoints with {@code tls} options. Key material is
 * read and checked when a server binds and when a client first connects ({@link TlsEngines}); a
 * client's connect returns after the handshake, a server's accepted socket does its handshake on
 * the socket's own thread ({@link Conduit#handshake()}), so a stalled peer never holds up the
 * accept loop. Both are bounded by {@code tls.handshakeTimeout}.
 */
final class TlsTransport implements Transport {
  private final TcpTransport tcp;
  private final Endpoint.Tcp endpoint;
  private final IpcConfig config;
  private volatile TlsEngines clientEngines; // Made on the first connect, then reused.

  TlsTransport(Endpoint.Tcp endpoint, IpcConfig config) {
    this.tcp = new TcpTransport(endpoint, config);
    this.endpoint = endpoint;
    this.config = config;
  }

  @Override
  public Acceptor bind() throws IOException {
    TlsEngines engines = TlsEngines.forServer(config.tls(), config.profile(), endpoint.toString());
    return new TlsAcceptor(tcp.bind(), engines);
  }

  @Override
  public Conduit connect(Consumer<Closeable> attempt) throws IOException {
    TlsEngines engines = clientEngines;
    if (engines == null) {
      engines = TlsEngines.forClient(config.tls(), config.profile(), endpoint.toString());
      clientEngines = engines;
    }
    ChannelConduit plain = (ChannelConduit) tcp.connect(attempt);
    TlsConduit secure;
    try {
      secure =
          new TlsConduit(
              plain,
              engines.newEngine(endpoint.host(), endpoint.port()),
              "server " + endpoint,
              engines.handshakeTimeout());
    } catch (RuntimeException e) {
      // A user's SSLContext may refuse our parameters: a failed attempt, not a dead client thread.
      plain.close();
      throw new IOException("cannot set up TLS to " + endpoint + ": " + e, e);
    }
    // From here an abort (connectTimeout, close) must close the conduit: closing the bare channel
    // does not wake the handshake waiting on the conduit's selector.
    attempt.accept(secure);
    secure.handshake();
    return secure;
  }

  /** A listening TCP socket whose connections speak TLS. */
  private static final class TlsAcceptor implements Acceptor {
    private final Acceptor plain;
    private final TlsEngines engines;

    TlsAcceptor(Acceptor plain, TlsEngines engines) {
      this.plain = plain;
      this.engines = engines;
    }

    @Override
    public Conduit accept() throws IOException {
      ChannelConduit accepted = (ChannelConduit) plain.accept();
      try {
        return new TlsConduit(
            accepted,
            engines.newEngine(null, -1),
            accepted.remoteAddress() + " on " + plain.endpoint(),
            engines.handshakeTimeout());
      } catch (RuntimeException e) {
        accepted.close();
        throw e;
      }
    }

    @Override
    public Endpoint endpoint() {
      return plain.endpoint();
    }

    @Override
    public void close() {
      plain.close();
    }
  }
}
