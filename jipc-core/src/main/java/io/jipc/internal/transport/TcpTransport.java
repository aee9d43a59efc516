package io.jipc.internal.transport;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
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
  private final Options options;
  private final boolean resolvesNames;

  TcpTransport(Endpoint.Tcp endpoint, Options options) {
    this.endpoint = endpoint;
    this.options = options;
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
        channel, Endpoint.tcp(endpoint.host(), port), options.keepAlive(), options.watchesForTls());
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
      if (options.keepAlive()) {
        channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
      }
      if (options.local().localAddress() != null || options.local().localPort() != 0) {
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
    if (options.watchesForTls()) {
      conduit.watchForTls(
          () -> "the server at " + endpoint,
          "configure tls(...) on the client, or connect to a plain port");
    }
    return conduit;
  }

  @Override
  public PeerGuarantee guarantee(boolean server) {
    return new PeerGuarantee.PlainNetwork(endpoint.toString());
  }

  private InetSocketAddress localAddress() {
    return options.local().localAddress() == null
        ? new InetSocketAddress(options.local().localPort())
        : new InetSocketAddress(options.local().localAddress(), options.local().localPort());
  }

  private List<InetAddress> addresses() throws IOException {
    List<InetAddress> usable = new ArrayList<>();
    for (InetAddress address : InetAddress.getAllByName(endpoint.host())) {
      boolean wanted =
          options.local().family() == 0
              || (options.local().family() == 4 && address instanceof Inet4Address)
              || (options.local().family() == 6 && address instanceof Inet6Address);
      if (wanted) {
        usable.add(address);
      }
    }
    if (usable.isEmpty()) {
      throw new ConnectException(
          "cannot connect to " + endpoint + ": no IPv" + options.local().family() + " address");
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

  /**
   * What a TCP transport takes from the config.
   *
   * @param local node-ipc's {@code interface}: what clients bind, which address family they use
   * @param keepAlive whether sockets use {@code SO_KEEPALIVE}
   * @param watchesForTls whether a plain stream fails on a TLS record from its peer: without {@code
   *     tls} (a TLS transport reuses this one underneath) and outside the raw profile, whose bytes
   *     may be anything
   */
  record Options(IpcConfig.Interface local, boolean keepAlive, boolean watchesForTls) {}
}
