package io.jipc.internal.transport;

import io.jipc.Endpoint;
import io.jipc.TlsOptions;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * TLS over {@link TcpTransport}: node-ipc's TCP endpoints with {@code tls} options. Key material is
 * read and checked when a server binds and before a client's first connect ({@link TlsEngines}),
 * both on the caller's thread; the handshake of every connection then runs on its loop ({@link
 * TlsConduit#handshake}), bounded by {@code tls.handshakeTimeout}, so a stalled peer never holds up
 * the accepts or the other connections.
 */
final class TlsTransport implements Transport {
  private final TcpTransport tcp;
  private final Endpoint.Tcp endpoint;
  private final TlsOptions tls;
  private volatile TlsEngines clientEngines; // Made by prepareClient(), then reused.

  TlsTransport(Endpoint.Tcp endpoint, TcpTransport.Options tcp, TlsOptions tls) {
    this.tcp = new TcpTransport(endpoint, tcp);
    this.endpoint = endpoint;
    this.tls = tls;
  }

  @Override
  public Acceptor bind() throws IOException {
    TlsEngines engines = TlsEngines.forServer(tls, endpoint.toString());
    return new TlsAcceptor(tcp.bind(), engines);
  }

  @Override
  public void prepareClient() throws IOException {
    if (clientEngines == null) {
      clientEngines = TlsEngines.forClient(tls, endpoint.toString());
    }
  }

  @Override
  public PeerGuarantee guarantee(boolean server) {
    return TlsEngines.guarantee(tls, server, endpoint.toString());
  }

  @Override
  public boolean resolvesNames() {
    return tcp.resolvesNames();
  }

  @Override
  public List<SocketAddress> targets() throws IOException {
    return tcp.targets();
  }

  @Override
  public SocketChannel open(SocketAddress target) throws IOException {
    return tcp.open(target);
  }

  @Override
  public Conduit conduit(SocketChannel connected) throws IOException {
    TlsEngines engines = clientEngines;
    if (engines == null) {
      connected.close();
      throw new IllegalStateException("prepareClient() was not called for " + endpoint);
    }
    ChannelConduit plain = (ChannelConduit) tcp.conduit(connected);
    try {
      return new TlsConduit(
          plain,
          engines.newEngine(endpoint.host(), endpoint.port()),
          "server " + endpoint,
          engines.handshakeTimeout());
    } catch (RuntimeException e) {
      // A user's SSLContext may refuse our parameters: a failed attempt, not a dead client.
      plain.close();
      throw new IOException("cannot set up TLS to " + endpoint + ": " + e, e);
    }
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
    public ServerSocketChannel channel() {
      return plain.channel();
    }

    @Override
    public Conduit accept() throws IOException {
      ChannelConduit accepted = (ChannelConduit) plain.accept();
      if (accepted == null) {
        return null;
      }
      try {
        return new TlsConduit(
            accepted,
            engines.newEngine(null, -1),
            accepted.remoteAddress() + " on " + plain.endpoint(),
            engines.handshakeTimeout());
      } catch (RuntimeException e) {
        accepted.close();
        throw new IOException("cannot set up TLS for a peer on " + plain.endpoint() + ": " + e, e);
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
