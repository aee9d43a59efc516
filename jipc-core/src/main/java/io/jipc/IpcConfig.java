package io.jipc;

import io.jipc.internal.HostDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Immutable settings of one endpoint: node-ipc's {@code ipc.config} options under their node-ipc
 * names and defaults, plus a few Java-only ones. Create with {@link #builder()}.
 *
 * <p>An endpoint copies its config when it is created (node-ipc 14 also snapshots config at {@code
 * serve}/{@code connect} time), so later changes to a builder never affect a running endpoint.
 * Instances are immutable and thread-safe. Each option's default is documented on its {@link
 * Builder} setter.
 */
public final class IpcConfig {
  /** {@link RetryPolicy#maxRetries()} value meaning "no limit", node-ipc's {@code Infinity}. */
  public static final int UNBOUNDED_RETRIES = Integer.MAX_VALUE;

  /** The default of {@link Builder#ioThreads(int)}. */
  public static final int DEFAULT_IO_THREADS = 1;

  /** The most I/O loops {@link Builder#ioThreads(int)} takes, and the library runs. */
  public static final int MAX_IO_THREADS = 64;

  private final String appspace;
  private final Path socketRoot;
  private final String id;
  private final String networkHost;
  private final int networkPort;
  private final boolean readableAll;
  private final boolean writableAll;
  private final boolean secureSocketRoot;
  private final boolean unlink;
  private final Encoding encoding;
  private final Profile profile;
  private final boolean identifyPeer;
  private final String delimiter;
  private final boolean sync;
  private final boolean silent;
  private final Consumer<String> logger;
  private final boolean logPayloads;
  private final boolean allowReservedEvents;
  private final Set<String> allowedEvents;
  private final Set<String> allowedPeerUsers;
  private final Set<String> allowedPeerGroups;
  private final Limits limits;
  private final RetryPolicy retryPolicy;
  private final String localAddress;
  private final int localPort;
  private final int family;
  private final Duration connectTimeout;
  private final Duration closeTimeout;
  private final TlsOptions tls;
  private final int maxUdpPeers;
  private final Duration udpPeerTimeout;
  private final int ioThreads;
  private final Executor handlerExecutor;
  private final Duration requestTimeout;
  private final int maxPendingRequests;
  private final Duration heartbeat;
  private final Duration heartbeatTimeout;
  private final boolean keepAlive;

  private IpcConfig(Builder b) {
    appspace = b.appspace;
    socketRoot = b.socketRoot;
    id = b.id;
    networkHost = b.networkHost;
    networkPort = b.networkPort;
    readableAll = b.readableAll;
    writableAll = b.writableAll;
    secureSocketRoot = b.secureSocketRoot;
    unlink = b.unlink;
    encoding = b.encoding;
    profile = b.rawBuffer ? Profile.RAW : b.profile;
    identifyPeer = b.identifyPeer;
    delimiter = b.delimiter;
    sync = b.sync;
    silent = b.silent;
    logger = b.logger;
    logPayloads = b.logPayloads;
    allowReservedEvents = b.allowReservedEvents;
    allowedEvents = Set.copyOf(b.allowedEvents);
    allowedPeerUsers = Set.copyOf(b.allowedPeerUsers);
    allowedPeerGroups = Set.copyOf(b.allowedPeerGroups);
    limits =
        new Limits(
            b.maxMessageSize,
            b.maxPendingBytes,
            b.maxEventNameLength,
            b.messageTimeout,
            b.maxConnections,
            b.maxJsonDepth);
    retryPolicy = new RetryPolicy(b.retry, b.maxRetries, b.stopRetrying);
    localAddress = b.localAddress;
    localPort = b.localPort;
    family = b.family;
    connectTimeout = b.connectTimeout;
    closeTimeout = b.closeTimeout;
    tls = b.tls;
    maxUdpPeers = b.maxUdpPeers;
    udpPeerTimeout = b.udpPeerTimeout;
    ioThreads = b.ioThreads;
    handlerExecutor = b.handlerExecutor;
    requestTimeout = b.requestTimeout;
    maxPendingRequests = b.maxPendingRequests;
    heartbeat = b.heartbeat;
    heartbeatTimeout = b.heartbeatTimeout;
    keepAlive = b.keepAlive;
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a config with every option at its default. */
  public static IpcConfig defaults() {
    return new Builder().build();
  }

  /** Returns a builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns {@code appspace}, the prefix of default Unix socket names. */
  public String appspace() {
    return appspace;
  }

  /** Returns {@code socketRoot}, the directory of default Unix socket paths. */
  public Path socketRoot() {
    return socketRoot;
  }

  /** Returns {@code id}, this process's service id. */
  public String id() {
    return id;
  }

  /** Returns {@code networkHost}, the default TCP host. */
  public String networkHost() {
    return networkHost;
  }

  /** Returns {@code networkPort}, the default TCP port. */
  public int networkPort() {
    return networkPort;
  }

  /** Returns {@code readableAll}: the server's socket file is readable by everyone. */
  public boolean readableAll() {
    return readableAll;
  }

  /** Returns {@code writableAll}: the server's socket file is writable by everyone. */
  public boolean writableAll() {
    return writableAll;
  }

  /** Returns {@code secureSocketRoot}: the socket root is created owner-only and checked. */
  public boolean secureSocketRoot() {
    return secureSocketRoot;
  }

  /** Returns {@code unlink}: a stale socket file is removed before listening. */
  public boolean unlink() {
    return unlink;
  }

  /** Returns {@code encoding}, used for strings sent in the raw profile. */
  public Encoding encoding() {
    return encoding;
  }

  /** Returns {@code rawBuffer}: true when the effective profile is {@link Profile#RAW}. */
  public boolean rawBuffer() {
    return profile == Profile.RAW;
  }

  /** Returns the effective profile; {@link Profile#RAW} when {@code rawBuffer} was set. */
  public Profile profile() {
    return profile;
  }

  /** Returns {@code identifyPeer}: a received {@code data.id} names the server's socket. */
  public boolean identifyPeer() {
    return identifyPeer;
  }

  /** Returns {@code delimiter}, the frame terminator. */
  public String delimiter() {
    return delimiter;
  }

  /** Returns {@code sync}: a client sends one event and waits for any reply before the next. */
  public boolean sync() {
    return sync;
  }

  /** Returns {@code silent}: jipc logs nothing. */
  public boolean silent() {
    return silent;
  }

  /** Returns {@code logger}, or null when log lines go to {@link System.Logger}. */
  public Consumer<String> logger() {
    return logger;
  }

  /** Returns {@code logPayloads}: log lines may include payloads. */
  public boolean logPayloads() {
    return logPayloads;
  }

  /** Returns {@code allowReservedEvents} (guarded only). */
  public boolean allowReservedEvents() {
    return allowReservedEvents;
  }

  /** Returns {@code allowedEvents}; empty when not set. */
  public Set<String> allowedEvents() {
    return allowedEvents;
  }

  /** Returns {@code allowedPeerUsers}, the users a Unix server admits; empty when not set. */
  public Set<String> allowedPeerUsers() {
    return allowedPeerUsers;
  }

  /** Returns {@code allowedPeerGroups}, the groups a Unix server admits; empty when not set. */
  public Set<String> allowedPeerGroups() {
    return allowedPeerGroups;
  }

  /** Returns the limits: {@code maxMessageSize}, {@code maxPendingBytes} and the others. */
  public Limits limits() {
    return limits;
  }

  /** Returns the reconnect policy: {@code retry}, {@code maxRetries}, {@code stopRetrying}. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** Returns {@code interface.localAddress}, or null for any. */
  public String localAddress() {
    return localAddress;
  }

  /** Returns {@code interface.localPort}; 0 means any. */
  public int localPort() {
    return localPort;
  }

  /** Returns {@code interface.family}: 4, 6, or 0 for either. */
  public int family() {
    return family;
  }

  /** Returns the time one connection attempt may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns the grace period for flushing pending writes when closing. */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /** Returns {@code tls}: the TLS options that make TCP endpoints TLS ones, or null for none. */
  public TlsOptions tls() {
    return tls;
  }

  /** Returns the most senders a UDP endpoint tracks at once. */
  public int maxUdpPeers() {
    return maxUdpPeers;
  }

  /** Returns how long a silent UDP sender stays in the peer table. */
  public Duration udpPeerTimeout() {
    return udpPeerTimeout;
  }

  /** Returns how many I/O loops an endpoint's sockets are spread over. */
  public int ioThreads() {
    return ioThreads;
  }

  /** Returns the executor handlers run on, or null when they run on the I/O loop. */
  public Executor handlerExecutor() {
    return handlerExecutor;
  }

  /** Returns how long a request waits for its reply unless its call says otherwise. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Returns the most requests one connection may have waiting for replies. */
  public int maxPendingRequests() {
    return maxPendingRequests;
  }

  /** Returns the heartbeat interval; {@link Duration#ZERO} when heartbeats are off. */
  public Duration heartbeat() {
    return heartbeat;
  }

  /**
   * Returns how long a connection may stay silent with heartbeats on (three intervals unless set);
   * {@link Duration#ZERO} when heartbeats are off.
   */
  public Duration heartbeatTimeout() {
    if (heartbeat.isZero()) {
      return Duration.ZERO;
    }
    return heartbeatTimeout.isZero() ? heartbeat.multipliedBy(3) : heartbeatTimeout;
  }

  /** Returns {@code keepAlive}: TCP and TLS sockets use {@code SO_KEEPALIVE}. */
  public boolean keepAlive() {
    return keepAlive;
  }

  @Override
  public String toString() {
    return "IpcConfig[profile=" + profile.nodeName() + ", id=" + id + ", " + limits + "]";
  }

  static <T> T checkNotNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }

  /** Copies {@code names}, refusing a null collection and null or empty names. */
  static Set<String> checkNames(String option, Collection<String> names) {
    checkNotNull(names, option);
    Set<String> copy = new LinkedHashSet<>();
    for (String name : names) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException(option + " must not hold an empty or null name");
      }
      copy.add(name);
    }
    return copy;
  }

  /**
   * Mutable builder of {@link IpcConfig}. Each setter checks its argument at once and throws {@link
   * IllegalArgumentException} naming the option and the value; nothing is silently corrected. Not
   * thread-safe.
   */
  public static final class Builder extends IpcConfigSetters {
    Builder() {
      super(HostDefaults.socketRoot(), HostDefaults.hostName());
    }

    Builder(IpcConfig c) {
      this();
      copyFrom(c);
    }

    /**
     * Returns an immutable config with this builder's values.
     *
     * @throws IllegalArgumentException if the assured profile has no {@code allowedEvents}, or
     *     names one of {@code jipc.request} and {@code jipc.reply} without the other; if {@code
     *     heartbeat} is on with the raw profile, without {@code jipc.ping} and {@code jipc.pong} in
     *     the assured profile's {@code allowedEvents}, or with a {@code heartbeatTimeout} not
     *     longer than the interval
     */
    public IpcConfig build() {
      boolean raw = rawBuffer || profile == Profile.RAW;
      if (profile == Profile.ASSURED && !raw) {
        if (allowedEvents.isEmpty()) {
          throw new IllegalArgumentException(
              "allowedEvents must be a non-empty set for the assured profile");
        }
        requireBoth("requests", "jipc.request", "jipc.reply", false);
      }
      if (!heartbeat.isZero()) {
        if (raw) {
          throw new IllegalArgumentException(
              "heartbeat needs a framed profile: the raw profile has no frames to ping with");
        }
        if (!heartbeatTimeout.isZero() && heartbeatTimeout.compareTo(heartbeat) <= 0) {
          throw new IllegalArgumentException(
              "heartbeatTimeout ("
                  + heartbeatTimeout.toMillis()
                  + " ms) must be longer than heartbeat ("
                  + heartbeat.toMillis()
                  + " ms)");
        }
        if (profile == Profile.ASSURED) {
          requireBoth("heartbeat", "jipc.ping", "jipc.pong", true);
        }
      }
      return new IpcConfig(this);
    }

    /** Checks that the assured profile's allowedEvents name both types a feature sends. */
    private void requireBoth(String feature, String first, String second, boolean needed) {
      boolean hasFirst = allowedEvents.contains(first);
      boolean hasSecond = allowedEvents.contains(second);
      if (hasFirst != hasSecond || (needed && !hasFirst)) {
        throw new IllegalArgumentException(
            "the assured profile's allowedEvents must name both \""
                + first
                + "\" and \""
                + second
                + "\" for "
                + feature
                + (needed ? "" : ", or neither"));
      }
    }

    private void copyFrom(IpcConfig c) {
      appspace = c.appspace;
      socketRoot = c.socketRoot;
      id = c.id;
      networkHost = c.networkHost;
      networkPort = c.networkPort;
      readableAll = c.readableAll;
      writableAll = c.writableAll;
      secureSocketRoot = c.secureSocketRoot;
      unlink = c.unlink;
      encoding = c.encoding;
      profile = c.profile;
      rawBuffer = c.profile == Profile.RAW;
      identifyPeer = c.identifyPeer;
      delimiter = c.delimiter;
      sync = c.sync;
      silent = c.silent;
      logger = c.logger;
      logPayloads = c.logPayloads;
      allowReservedEvents = c.allowReservedEvents;
      allowedEvents = new LinkedHashSet<>(c.allowedEvents);
      allowedPeerUsers = new LinkedHashSet<>(c.allowedPeerUsers);
      allowedPeerGroups = new LinkedHashSet<>(c.allowedPeerGroups);
      maxMessageSize = c.limits.maxMessageSize();
      maxPendingBytes = c.limits.maxPendingBytes();
      maxEventNameLength = c.limits.maxEventNameLength();
      messageTimeout = c.limits.messageTimeout();
      maxConnections = c.limits.maxConnections();
      maxJsonDepth = c.limits.maxJsonDepth();
      retry = c.retryPolicy.retry();
      maxRetries = c.retryPolicy.maxRetries();
      stopRetrying = c.retryPolicy.stopRetrying();
      localAddress = c.localAddress;
      localPort = c.localPort;
      family = c.family;
      connectTimeout = c.connectTimeout;
      closeTimeout = c.closeTimeout;
      tls = c.tls;
      maxUdpPeers = c.maxUdpPeers;
      udpPeerTimeout = c.udpPeerTimeout;
      ioThreads = c.ioThreads;
      handlerExecutor = c.handlerExecutor;
      requestTimeout = c.requestTimeout;
      maxPendingRequests = c.maxPendingRequests;
      heartbeat = c.heartbeat;
      heartbeatTimeout = c.heartbeatTimeout;
      keepAlive = c.keepAlive;
    }
  }
}
