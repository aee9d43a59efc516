package io.jipc;

import static io.jipc.IpcConfig.checkNames;
import static io.jipc.IpcConfig.checkNotNull;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The network and peer options of {@link IpcConfig.Builder}: TCP host and port, the client's {@code
 * interface}, TLS, the UDP peer table and the Unix peer policy. The rest is in {@link
 * IpcConfigSetters}. Not thread-safe.
 */
abstract class IpcConfigNetworkSetters {
  String networkHost = "127.0.0.1";
  int networkPort = 8000;
  Set<String> allowedPeerUsers = new LinkedHashSet<>();
  Set<String> allowedPeerGroups = new LinkedHashSet<>();
  String localAddress;
  int localPort;
  int family;
  TlsOptions tls;
  int maxUdpPeers = 1024;
  Duration udpPeerTimeout = Duration.ofMinutes(5);
  boolean keepAlive;

  /** Sets the default host of {@code serveNet}/{@code connectToNet}. The default is 127.0.0.1. */
  public IpcConfig.Builder networkHost(String networkHost) {
    checkNotNull(networkHost, "networkHost");
    if (networkHost.isEmpty()) {
      throw new IllegalArgumentException("networkHost must not be empty");
    }
    this.networkHost = networkHost;
    return self();
  }

  /** Sets the default TCP port, 1 to 65535. The default is 8000. */
  public IpcConfig.Builder networkPort(int networkPort) {
    if (networkPort < 1 || networkPort > 65535) {
      throw new IllegalArgumentException("networkPort must be 1 to 65535, not " + networkPort);
    }
    this.networkPort = networkPort;
    return self();
  }

  /**
   * Admits to a Unix socket server only peers whose user is one of {@code users} or whose group is
   * in {@code allowedPeerGroups}, by the credentials the kernel reports ({@link
   * IpcSocket#peerCredentials()}; names, or numeric ids that have none). A refused peer is closed
   * before anything is read from it and reported as an {@code error} with a null socket. Unix
   * sockets only: a TCP, TLS or UDP server with this set fails to start. The default is empty: when
   * both sets are empty, anyone who can open the socket file is admitted.
   */
  public IpcConfig.Builder allowedPeerUsers(Collection<String> users) {
    this.allowedPeerUsers = checkNames("allowedPeerUsers", users);
    return self();
  }

  /** Sets {@code allowedPeerUsers} from names. */
  public IpcConfig.Builder allowedPeerUsers(String... users) {
    return allowedPeerUsers(Arrays.asList(checkNotNull(users, "allowedPeerUsers")));
  }

  /**
   * Admits to a Unix socket server also peers whose primary group (not a supplementary one) is one
   * of {@code groups}; see {@link #allowedPeerUsers(Collection)}. The default is empty.
   */
  public IpcConfig.Builder allowedPeerGroups(Collection<String> groups) {
    this.allowedPeerGroups = checkNames("allowedPeerGroups", groups);
    return self();
  }

  /** Sets {@code allowedPeerGroups} from names. */
  public IpcConfig.Builder allowedPeerGroups(String... groups) {
    return allowedPeerGroups(Arrays.asList(checkNotNull(groups, "allowedPeerGroups")));
  }

  /** Sets the local address TCP clients bind ({@code interface.localAddress}). Default: any. */
  public IpcConfig.Builder localAddress(String localAddress) {
    this.localAddress = localAddress;
    return self();
  }

  /** Sets the local port TCP clients bind, 0 to 65535 ({@code interface.localPort}). Default 0. */
  public IpcConfig.Builder localPort(int localPort) {
    if (localPort < 0 || localPort > 65535) {
      throw new IllegalArgumentException("localPort must be 0 to 65535, not " + localPort);
    }
    this.localPort = localPort;
    return self();
  }

  /** Restricts TCP clients to IPv4 (4) or IPv6 (6) addresses; 0 allows both. Default 0. */
  public IpcConfig.Builder family(int family) {
    if (family != 0 && family != 4 && family != 6) {
      throw new IllegalArgumentException("family must be 0, 4 or 6, not " + family);
    }
    this.family = family;
    return self();
  }

  /**
   * Sets node-ipc's {@code tls}: TCP servers and clients of this config speak TLS with these
   * options; null turns TLS off. The default is null (plain TCP).
   */
  public IpcConfig.Builder tls(TlsOptions tls) {
    this.tls = tls;
    return self();
  }

  /**
   * Sets the most senders a UDP endpoint tracks at once (their reassembly buffers and broadcast
   * targets), at least 1; datagrams from further senders are dropped with an error while the table
   * is full of peers heard within {@code udpPeerTimeout}. The default is 1024.
   */
  public IpcConfig.Builder maxUdpPeers(int peers) {
    this.maxUdpPeers = Limits.positive("maxUdpPeers", peers);
    return self();
  }

  /**
   * Sets how long a UDP sender that sends nothing stays in the peer table, 1 ms to 1 day. The
   * default is 5 minutes.
   */
  public IpcConfig.Builder udpPeerTimeout(Duration timeout) {
    Duration checked = Limits.timeout("udpPeerTimeout", timeout);
    if (checked.isZero()) {
      throw new IllegalArgumentException("udpPeerTimeout must be at least 1 ms, not 0");
    }
    this.udpPeerTimeout = checked;
    return self();
  }

  /**
   * Turns on TCP keep-alive ({@code SO_KEEPALIVE}) for the TCP and TLS sockets of servers and
   * clients, so the system probes idle connections and ends dead ones (after its own timers, often
   * two hours on Linux; see {@link IpcConfig.Builder#heartbeat(Duration)} for a check on jipc's own
   * clock). Unix sockets and UDP ignore it. The default is false, as in node-ipc.
   */
  public IpcConfig.Builder keepAlive(boolean keepAlive) {
    this.keepAlive = keepAlive;
    return self();
  }

  private IpcConfig.Builder self() {
    return (IpcConfig.Builder) this;
  }
}
