package io.jipc.internal.transport;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import io.jipc.Profile;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP through JDK socket channels, with {@code TCP_NODELAY} on every connection (as node-ipc sets
 * {@code setNoDelay(true)}), and {@code SO_KEEPALIVE} when {@code keepAlive} asks. A client tries
 * each address of the host in turn, honouring {@code interface.family}, {@code localAddress} and
 * {@code localPort}; a host that is not an address literal is looked up off the loop ({@link
 * #resolvesNames()}).
 */
final class TcpTransport implements Transport {

  private final Endpoint.Tcp endpoint;
  private final IpcConfig config;
  private final boolean resolvesNames;

  TcpTransport(Endpoint.Tcp endpoint, IpcConfig config) {
    this.endpoint = endpoint;
    this.config = config;
    this.resolvesNames = !isLiteral(endpoint.host());
  }

  @Override
  public Acceptor bind() throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(endpoint.host(), endpoint.port()), LISTEN_BACKLOG);
      channel.configureBlocking(false);
    } catch (IOException e) {
      channel.close();
      IOException failure =
          e instanceof BindException
              ? new BindException("cannot listen on " + endpoint + ": " + e.getMessage())
              : new IOException("cannot listen on " + endpoint + ": " + e.getMessage());
      failure.initCause(e);
      throw failure;
    }
    int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    return new TcpAcceptor(
        channel, Endpoint.tcp(endpoint.host(), port), config.keepAlive(), watchesForTls());
  }

  @Override
  public boolean resolvesNames() {
    return resolvesNames;
  }

  /** True for an IPv4 or IPv6 address literal, which resolves without a lookup. */
  private static boolean isLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  @Override
  public List<SocketAddress> targets() throws IOException {
    List<SocketAddress> targets = new ArrayList<>();
    for (InetAddress address : addresses()) {
      targets.add(new InetSocketAddress(address, endpoint.port()));
    }
    return targets;
  }

  @Override
  public SocketChannel open(SocketAddress target) throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (config.keepAlive()) {
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
      }
      if (config.networkInterface().localAddress() != null
          || config.networkInterface().localPort() != 0) {
        channel.bind(localAddress());
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public Conduit conduit(SocketChannel connected) throws IOException {
    ChannelConduit conduit = new ChannelConduit(connected);
    if (watchesForTls()) {
      conduit.watchForTls(
          () -> "the server at " + endpoint,
          "configure tls(...) on the client, or connect to a plain port");
    }
    return conduit;
  }

  /**
   * True when a plain TCP stream of this transport fails on a TLS record from its peer: without
   * {@code tls} (a TLS transport reuses this one underneath) and outside the raw profile, whose
   * bytes may be anything.
   */
  private boolean watchesForTls() {
    return config.tls() == null && config.profile() != Profile.RAW;
  }

  @Override
  public PeerGuarantee guarantee(boolean server) {
    return new PeerGuarantee.PlainNetwork(endpoint.toString());
  }

  private InetSocketAddress localAddress() {
    return config.networkInterface().localAddress() == null
        ? new InetSocketAddress(config.networkInterface().localPort())
        : new InetSocketAddress(
            config.networkInterface().localAddress(), config.networkInterface().localPort());
  }

  private List<InetAddress> addresses() throws IOException {
    List<InetAddress> usable = new ArrayList<>();
    for (InetAddress address : InetAddress.getAllByName(endpoint.host())) {
      boolean wanted =
          config.networkInterface().family() == 0
              || (config.networkInterface().family() == 4 && address instanceof Inet4Address)
              || (config.networkInterface().family() == 6 && address instanceof Inet6Address);
      if (wanted) {
        usable.add(address);
      }
    }
    if (usable.isEmpty()) {
      throw new ConnectException(
          "cannot connect to "
              + endpoint
              + ": no IPv"
              + config.networkInterface().family()
              + " address");
    }
    return usable;
  }

  /** A listening TCP socket. */
  private static final class TcpAcceptor implements Acceptor {
    private final ServerSocketChannel channel;
    private final Endpoint endpoint;
    private final boolean keepAlive;
    private final boolean watchForTls;
    private final String plainAdvice; // What a TLS client is told: made once, not per accept.

    TcpAcceptor(
        ServerSocketChannel channel, Endpoint endpoint, boolean keepAlive, boolean watchForTls) {
      this.channel = channel;
      this.endpoint = endpoint;
      this.keepAlive = keepAlive;
      this.watchForTls = watchForTls;
      this.plainAdvice =
          endpoint
              + " is a plain TCP server: configure tls(...) on the server, or connect without tls";
    }

    @Override
    public ServerSocketChannel channel() {
      return channel;
    }

    @Override
    public Conduit accept() throws IOException {
      SocketChannel accepted = channel.accept();
      if (accepted == null) {
        return null;
      }
      try {
        accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (keepAlive) {
          accepted.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        }
      } catch (IOException e) {
        accepted.close();
        throw e;
      }
      ChannelConduit conduit = new ChannelConduit(accepted);
      if (watchForTls) {
        conduit.watchForTls(() -> "the client at " + conduit.remoteAddress(), plainAdvice);
      }
      return conduit;
    }

    @Override
    public Endpoint endpoint() {
      return endpoint;
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // The descriptor is gone either way.
      }
    }
  }
}
