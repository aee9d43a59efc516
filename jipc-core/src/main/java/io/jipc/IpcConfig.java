package io.jipc;

import static io.jipc.OptionChecks.names;
import static io.jipc.OptionChecks.nonZeroTimeout;
import static io.jipc.OptionChecks.notNull;
import static io.jipc.OptionChecks.port;
import static io.jipc.OptionChecks.positive;
import static io.jipc.OptionChecks.timeout;

import io.jipc.internal.HostDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Immutable settings of one endpoint: node-ipc's {@code ipc.config} options under their node-ipc
 * names and defaults, plus a few Java-only ones. Create with {@link #builder()}.
 *
 * <p>Options that belong together are read as one group: {@link #limits()}, {@link #retryPolicy()},
 * {@link #socketFile()}, {@link #admission()}, {@link #logging()}, {@link #networkInterface()},
 * {@link #udpPeers()} and {@link #tls()}. The builder sets each option by its node-ipc name ({@code
 * maxMessageSize(…)}, {@code retry(…)}) or a whole group at once ({@link Builder#limits(Limits)}).
 * The other options are read one by one.
 *
 * <p>An endpoint copies its config when it is created (node-ipc 14 also snapshots config at {@code
 * serve}/{@code connect} time), so later changes to a builder never affect a running endpoint.
 * Instances are immutable and thread-safe. Building a config touches no file and no network: the
 * host-dependent defaults (the socket root, the host name) are found when they are first needed.
 * Each option's default is documented on its {@link Builder} setter.
 */
public final class IpcConfig {
  /** {@link RetryPolicy#maxRetries()} value meaning "no limit", node-ipc's {@code Infinity}. */
  public static final int UNBOUNDED_RETRIES = Integer.MAX_VALUE;

  /** The default of {@link Builder#ioThreads(int)}. */
  public static final int DEFAULT_IO_THREADS = 1;

  /** The most I/O loops {@link Builder#ioThreads(int)} takes, and the library runs. */
  public static final int MAX_IO_THREADS = 64;

  /** The builder's state, frozen: a private copy that nothing else can reach or change. */
  private final Builder values;

  private IpcConfig(Builder frozen) {
    values = frozen;
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
    return values.copy();
  }

  /** Returns {@code id}, this process's service id: the host name unless set. */
  public String id() {
    return values.id != null ? values.id : HostDefaults.hostName();
  }

  /**
   * Returns {@code networkHost}, the default TCP host: node-ipc's default unless set ({@code ::1}
   * when the host's first network interface has only IPv6 addresses, else {@code 127.0.0.1}).
   */
  public String networkHost() {
    return values.networkHost != null ? values.networkHost : HostDefaults.networkHost();
  }

  /** Returns {@code networkPort}, the default TCP port. */
  public int networkPort() {
    return values.networkPort;
  }

  /** Returns {@code encoding}, used for strings sent in the raw profile. */
  public Encoding encoding() {
    return values.encoding;
  }

  /** Returns {@code rawBuffer}: true when the effective profile is {@link Profile#RAW}. */
  public boolean rawBuffer() {
    return profile() == Profile.RAW;
  }

  /** Returns the effective profile; {@link Profile#RAW} when {@code rawBuffer} was set. */
  public Profile profile() {
    return values.rawBuffer ? Profile.RAW : values.profile;
  }

  /** Returns {@code allowReservedEvents} (guarded only). */
  public boolean allowReservedEvents() {
    return values.allowReservedEvents;
  }

  /** Returns {@code allowedEvents}; empty when not set. */
  public Set<String> allowedEvents() {
    return values.allowedEvents;
  }

  /** Returns {@code identifyPeer}: a received {@code data.id} names the server's socket. */
  public boolean identifyPeer() {
    return values.identifyPeer;
  }

  /** Returns {@code delimiter}, the frame terminator. */
  public String delimiter() {
    return values.delimiter;
  }

  /** Returns {@code sync}: a client sends one event and waits for any reply before the next. */
  public boolean sync() {
    return values.sync;
  }

  /** Returns the limits: {@code maxMessageSize}, {@code maxPendingBytes} and the others. */
  public Limits limits() {
    return values.limits;
  }

  /** Returns the reconnect policy: {@code retry}, {@code maxRetries}, {@code stopRetrying}. */
  public RetryPolicy retryPolicy() {
    return values.retryPolicy;
  }

  /** Returns where and how Unix socket files are made: {@code socketRoot}, {@code appspace}... */
  public SocketFile socketFile() {
    return values.socketFile;
  }

  /** Returns which peers a Unix socket server admits. */
  public Admission admission() {
    return values.admission;
  }

  /** Returns where jipc's log lines go. */
  public Logging logging() {
    return values.logging;
  }

  /** Returns node-ipc's {@code interface}: what TCP clients bind and which addresses they use. */
  public Interface networkInterface() {
    return values.networkInterface;
  }

  /** Returns how a UDP endpoint keeps track of its senders. */
  public UdpPeers udpPeers() {
    return values.udpPeers;
  }

  /** Returns {@code tls}: the TLS options that make TCP endpoints TLS ones, or null for none. */
  public TlsOptions tls() {
    return values.tls;
  }

  /** Returns {@code keepAlive}: TCP and TLS sockets use {@code SO_KEEPALIVE}. */
  public boolean keepAlive() {
    return values.keepAlive;
  }

  /** Returns the time one connection attempt may take. */
  public Duration connectTimeout() {
    return values.connectTimeout;
  }

  /** Returns the grace period for flushing pending writes when closing. */
  public Duration closeTimeout() {
    return values.closeTimeout;
  }

  /** Returns how many I/O loops an endpoint's sockets are spread over. */
  public int ioThreads() {
    return values.ioThreads;
  }

  /** Returns the executor handlers run on, or null when they run on the I/O loop. */
  public Executor handlerExecutor() {
    return values.handlerExecutor;
  }

  /** Returns how long a request waits for its reply unless its call says otherwise. */
  public Duration requestTimeout() {
    return values.requestTimeout;
  }

  /** Returns the most requests one connection may have waiting for replies. */
  public int maxPendingRequests() {
    return values.maxPendingRequests;
  }

  /** Returns the heartbeat interval; {@link Duration#ZERO} when heartbeats are off. */
  public Duration heartbeat() {
    return values.heartbeat;
  }

  /**
   * Returns how long a connection may stay silent with heartbeats on (three intervals unless set);
   * {@link Duration#ZERO} when heartbeats are off.
   */
  public Duration heartbeatTimeout() {
    Duration interval = values.heartbeat;
    if (interval.isZero()) {
      return Duration.ZERO;
    }
    Duration set = values.heartbeatTimeout;
    return set.isZero() ? interval.multipliedBy(3) : set;
  }

  @Override
  public String toString() {
    return "IpcConfig[profile=" + profile().nodeName() + ", id=" + id() + ", " + limits() + "]";
  }

  /**
   * The finite limits of an endpoint. Every buffer and queue jipc keeps for a connection is bounded
   * by one of these; exceeding a limit closes that one connection with an {@link
   * IpcProtocolException} that names the limit and its value.
   *
   * @param maxMessageSize largest frame in bytes, delimiter excluded; applies to the unterminated
   *     rest of an incoming frame as bytes arrive (every framed profile) and to outgoing frames
   *     (guarded, assured); at least 1
   * @param maxPendingBytes largest number of bytes queued for writing on one connection; at least 1
   * @param maxEventNameLength longest event name in UTF-16 units (guarded, assured); at least 1
   * @param messageTimeout longest wait for the rest of an incomplete frame, 1 ms to 1 day; restarts
   *     whenever a frame completes; {@link Duration#ZERO} disables it (guarded, assured)
   * @param maxConnections most sockets a stream server holds at once; more are closed on accept
   * @param maxJsonDepth deepest nesting of arrays and objects read or written; at least 1
   */
  public record Limits(
      int maxMessageSize,
      int maxPendingBytes,
      int maxEventNameLength,
      Duration messageTimeout,
      int maxConnections,
      int maxJsonDepth) {
    /** The defaults: node-ipc 14's values (1 MiB, 8 MiB, 256, 30 s, 100) and a depth of 1000. */
    public static final Limits DEFAULTS =
        new Limits(1024 * 1024, 8 * 1024 * 1024, 256, Duration.ofSeconds(30), 100, 1000);

    /** Checks every limit, naming the one refused. */
    public Limits {
      positive("maxMessageSize", maxMessageSize);
      positive("maxPendingBytes", maxPendingBytes);
      positive("maxEventNameLength", maxEventNameLength);
      timeout("messageTimeout", messageTimeout);
      positive("maxConnections", maxConnections);
      positive("maxJsonDepth", maxJsonDepth);
    }
  }

  /**
   * How a client reconnects after its connection closes: node-ipc's {@code retry}, {@code
   * maxRetries} and {@code stopRetrying}.
   *
   * <p>After a close, unless stopped or out of retries, the client waits {@code retry} and connects
   * again. {@code maxRetries} counts attempts per outage and is reset by every successful connect;
   * 0 means never reconnect. A client that gives up fires {@code destroy}.
   *
   * @param retry pause before each reconnect attempt, 1 ms to 1 day
   * @param maxRetries attempts per outage, 0 or more; {@link #UNBOUNDED_RETRIES} for no limit
   * @param stopRetrying true: never reconnect (node-ipc's {@code stopRetrying})
   */
  public record RetryPolicy(Duration retry, int maxRetries, boolean stopRetrying) {
    /** node-ipc's defaults: 500 ms, unbounded, retrying. */
    public static final RetryPolicy DEFAULTS =
        new RetryPolicy(Duration.ofMillis(500), UNBOUNDED_RETRIES, false);

    /** Checks the values, naming the one refused. */
    public RetryPolicy {
      nonZeroTimeout("retry", retry);
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be 0 or more, not " + maxRetries);
      }
    }

    /** Returns true when {@code maxRetries} is {@link #UNBOUNDED_RETRIES}. */
    public boolean unbounded() {
      return maxRetries == UNBOUNDED_RETRIES;
    }
  }

  /**
   * Where default Unix socket paths lie and how a Unix server treats its socket file.
   *
   * @param appspace prefix of default socket names ({@code root + appspace + id}); node-ipc's
   *     {@code appspace}
   * @param root the directory of default socket paths, absolute; null for node-ipc 14's default,
   *     found when first needed (see {@link #resolvedRoot()}); node-ipc's {@code socketRoot}
   * @param readableAll the server's socket file is readable by every user
   * @param writableAll the server's socket file is writable (connectable) by every user
   * @param secureRoot the socket root is created owner-only and checked before serving in it;
   *     jipc's {@code secureSocketRoot}
   * @param unlink a stale socket file is removed before listening
   */
  public record SocketFile(
      String appspace,
      Path root,
      boolean readableAll,
      boolean writableAll,
      boolean secureRoot,
      boolean unlink) {
    /** The defaults: {@code "app."}, node-ipc's root, owner-only, secured, stale files removed. */
    public static final SocketFile DEFAULTS =
        new SocketFile("app.", null, false, false, true, true);

    /** Checks the values: the appspace is not null, the root is null or absolute. */
    public SocketFile {
      notNull(appspace, "appspace");
      if (root != null && !root.isAbsolute()) {
        throw new IllegalArgumentException("socketRoot must be an absolute path, not " + root);
      }
    }

    /**
     * Returns {@link #root()} if set, else node-ipc 14's default for this process: {@code
     * $XDG_RUNTIME_DIR/node-ipc/} when that variable is set, else {@code <tmpdir>/node-ipc-<uid>/},
     * where {@code <tmpdir>} is Node's {@code os.tmpdir()}: the first non-empty of {@code $TMPDIR},
     * {@code $TMP}, {@code $TEMP}, else {@code /tmp} (not {@code java.io.tmpdir}, which ignores
     * them). On Windows, where node-ipc uses named pipes instead, it is {@code
     * %TEMP%\node-ipc-<user>\} by Node's Windows rule (jipc's own choice). Finding the default
     * reads the process's user id, so it may throw {@link UnsupportedOperationException} on a file
     * system without Unix attributes.
     */
    public Path resolvedRoot() {
      return root != null ? root : HostDefaults.socketRoot();
    }

    /**
     * Returns the default socket path of service {@code id}: {@code resolvedRoot/appspace + id}.
     */
    public Path pathOf(String id) {
      return resolvedRoot().resolve(appspace + notNull(id, "id"));
    }
  }

  /**
   * Which peers a Unix socket server admits, by the credentials the kernel reports ({@link
   * IpcSocket#peerCredentials()}): a peer is admitted when its user is in {@code users} or its
   * primary group is in {@code groups}; when both are empty, anyone who can open the socket file
   * is.
   *
   * @param users user names, or numeric ids that have no name; node-ipc has no such option (jipc's
   *     {@code allowedPeerUsers})
   * @param groups primary group names or numeric ids (jipc's {@code allowedPeerGroups})
   */
  public record Admission(Set<String> users, Set<String> groups) {
    /** Admits anyone who can open the socket file. */
    public static final Admission ANYONE = new Admission(Set.of(), Set.of());

    /** Copies both sets, refusing null and empty names. */
    public Admission {
      users = names("allowedPeerUsers", users);
      groups = names("allowedPeerGroups", groups);
    }

    /** Returns true when both sets are empty: the server checks no credentials. */
    public boolean anyone() {
      return users.isEmpty() && groups.isEmpty();
    }
  }

  /**
   * Where jipc's log lines go.
   *
   * @param silent jipc logs nothing, not even through {@link Ipc#log}
   * @param logger receives every log line as one string, from any thread; null for {@link
   *     System.Logger} ("io.jipc")
   * @param payloads log lines may include payloads (jipc's {@code logPayloads})
   */
  public record Logging(boolean silent, Consumer<String> logger, boolean payloads) {
    /** Logs to {@link System.Logger}, without payloads. */
    public static final Logging DEFAULTS = new Logging(false, null, false);
  }

  /**
   * node-ipc's {@code interface} option of TCP and TLS clients.
   *
   * @param localAddress the local address to bind, or null for any
   * @param localPort the local port to bind, 0 to 65535; 0 for any
   * @param family 4 or 6 to use only IPv4 or IPv6 addresses of the host, 0 for either
   */
  public record Interface(String localAddress, int localPort, int family) {
    /** Any address, any port, either family. */
    public static final Interface ANY = new Interface(null, 0, 0);

    /** Checks the port and the family. */
    public Interface {
      port("localPort", localPort, 0);
      if (family != 0 && family != 4 && family != 6) {
        throw new IllegalArgumentException("family must be 0, 4 or 6, not " + family);
      }
    }
  }

  /**
   * How a UDP endpoint keeps track of the senders it has heard (their reassembly buffers and
   * broadcast targets).
   *
   * @param maxPeers the most senders tracked at once, at least 1; datagrams from further senders
   *     are dropped with an error while the table is full (jipc's {@code maxUdpPeers})
   * @param peerTimeout how long a silent sender stays in the table, 1 ms to 1 day (jipc's {@code
   *     udpPeerTimeout})
   */
  public record UdpPeers(int maxPeers, Duration peerTimeout) {
    /** 1024 senders, forgotten after 5 minutes of silence. */
    public static final UdpPeers DEFAULTS = new UdpPeers(1024, Duration.ofMinutes(5));

    /** Checks both values. */
    public UdpPeers {
      positive("maxUdpPeers", maxPeers);
      nonZeroTimeout("udpPeerTimeout", peerTimeout);
    }
  }

  /**
   * Mutable builder of {@link IpcConfig}. Each setter checks its argument at once and throws {@link
   * IllegalArgumentException} naming the option and the value (or {@link NullPointerException} for
   * a null that is not allowed); nothing is silently corrected. A setter of one grouped option
   * replaces that option in its group and keeps the group's others. Not thread-safe.
   */
  public static final class Builder implements Cloneable {
    private static final Duration MAX_HEARTBEAT = Duration.ofHours(1);

    // Each option is a field here, with its default; IpcConfig reads a frozen copy.
    private String id;
    private String networkHost;
    private int networkPort = 8000;
    private Encoding encoding = Encoding.UTF8;
    private Profile profile = Profile.GUARDED;
    private boolean rawBuffer;
    private boolean allowReservedEvents;
    private Set<String> allowedEvents = Set.of();
    private boolean identifyPeer;
    private String delimiter = "\f";
    private boolean sync;
    private Limits limits = Limits.DEFAULTS;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULTS;
    private SocketFile socketFile = SocketFile.DEFAULTS;
    private Admission admission = Admission.ANYONE;
    private Logging logging = Logging.DEFAULTS;
    private Interface networkInterface = Interface.ANY;
    private UdpPeers udpPeers = UdpPeers.DEFAULTS;
    private TlsOptions tls;
    private boolean keepAlive;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration closeTimeout = Duration.ofSeconds(2);
    private int ioThreads = DEFAULT_IO_THREADS;
    private Executor handlerExecutor;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxPendingRequests = 4096;
    private Duration heartbeat = Duration.ZERO;
    private Duration heartbeatTimeout = Duration.ZERO;

    Builder() {}

    /** Every field holds an immutable value, so a shallow copy is a full one. */
    private Builder copy() {
      try {
        return (Builder) super.clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
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
      return new IpcConfig(copy());
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

    // ---- naming and addresses

    /**
     * Sets this process's service id, used in default socket paths. The default is the host name.
     */
    public Builder id(String id) {
      notNull(id, "id");
      if (id.isEmpty() || id.indexOf('/') >= 0 || id.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "id must be non-empty without '/' or NUL, not \"" + id + '"');
      }
      this.id = id;
      return this;
    }

    /**
     * Sets the default host of {@code serveNet}/{@code connectToNet}. The default is node-ipc's:
     * {@code ::1} when the host's first network interface has only IPv6 addresses, else {@code
     * 127.0.0.1}.
     */
    public Builder networkHost(String networkHost) {
      notNull(networkHost, "networkHost");
      if (networkHost.isEmpty()) {
        throw new IllegalArgumentException("networkHost must not be empty");
      }
      this.networkHost = networkHost;
      return this;
    }

    /** Sets the default TCP port, 1 to 65535. The default is 8000. */
    public Builder networkPort(int networkPort) {
      this.networkPort = port("networkPort", networkPort, 1);
      return this;
    }

    // ---- the wire

    /** Sets how strings are encoded in the raw profile. The default is {@link Encoding#UTF8}. */
    public Builder encoding(Encoding encoding) {
      this.encoding = notNull(encoding, "encoding");
      return this;
    }

    /** Sets the encoding by node's name ({@code "utf8"}, {@code "hex"} ...). */
    public Builder encoding(String nodeName) {
      return encoding(Encoding.ofNodeName(notNull(nodeName, "encoding")));
    }

    /** Sets the profile. The default is {@link Profile#GUARDED} (node-ipc's is fast). */
    public Builder profile(Profile profile) {
      this.profile = notNull(profile, "profile");
      return this;
    }

    /** Sets the profile by node-ipc's {@code parser} name: raw, fast, guarded or assured. */
    public Builder parser(String name) {
      return profile(Profile.ofNodeName(notNull(name, "parser")));
    }

    /** Selects the raw profile whatever {@code profile} says, as node-ipc does. Default false. */
    public Builder rawBuffer(boolean rawBuffer) {
      this.rawBuffer = rawBuffer;
      return this;
    }

    /** Lets the guarded profile send and receive lifecycle event names. The default is false. */
    public Builder allowReservedEvents(boolean allowReservedEvents) {
      this.allowReservedEvents = allowReservedEvents;
      return this;
    }

    /** Sets the only event names the assured profile sends or accepts. The default is none. */
    public Builder allowedEvents(Collection<String> allowedEvents) {
      this.allowedEvents = names("allowedEvents", allowedEvents);
      return this;
    }

    /** Sets {@code allowedEvents} from names. */
    public Builder allowedEvents(String... names) {
      return allowedEvents(Arrays.asList(notNull(names, "allowedEvents")));
    }

    /**
     * Lets a server name a socket after the {@code id} member of data it receives (node-ipc's
     * legacy behaviour). The id is claimed by the peer and unauthenticated: any peer may send any
     * id, so never grant anything on it. On Unix sockets, {@link IpcSocket#peerCredentials()} is
     * the identity the kernel verified. The default is false.
     */
    public Builder identifyPeer(boolean identifyPeer) {
      this.identifyPeer = identifyPeer;
      return this;
    }

    /**
     * Sets the frame terminator of the framed profiles, any non-empty string (sent as UTF-8).
     * Choose characters JSON always escapes (U+0000 to U+001F) or the framing breaks; node-ipc does
     * not check this either. The default is {@code "\f"}.
     */
    public Builder delimiter(String delimiter) {
      notNull(delimiter, "delimiter");
      if (delimiter.isEmpty()) {
        throw new IllegalArgumentException("delimiter must be a non-empty string");
      }
      this.delimiter = delimiter;
      return this;
    }

    /**
     * Makes clients send one event at a time: later emits wait in a queue (bounded by {@code
     * maxPendingBytes}) until any event arrives. The default is false.
     */
    public Builder sync(boolean sync) {
      this.sync = sync;
      return this;
    }

    // ---- limits

    /** Sets every limit at once. The default is {@link Limits#DEFAULTS}. */
    public Builder limits(Limits limits) {
      this.limits = notNull(limits, "limits");
      return this;
    }

    /** Sets the largest frame in bytes, at least 1. The default is 1 MiB. */
    public Builder maxMessageSize(int bytes) {
      Limits l = limits;
      limits =
          new Limits(
              bytes,
              l.maxPendingBytes(),
              l.maxEventNameLength(),
              l.messageTimeout(),
              l.maxConnections(),
              l.maxJsonDepth());
      return this;
    }

    /** Sets the most bytes queued for writing on one connection. The default is 8 MiB. */
    public Builder maxPendingBytes(int bytes) {
      Limits l = limits;
      limits =
          new Limits(
              l.maxMessageSize(),
              bytes,
              l.maxEventNameLength(),
              l.messageTimeout(),
              l.maxConnections(),
              l.maxJsonDepth());
      return this;
    }

    /** Sets the longest event name in UTF-16 units. The default is 256. */
    public Builder maxEventNameLength(int units) {
      Limits l = limits;
      limits =
          new Limits(
              l.maxMessageSize(),
              l.maxPendingBytes(),
              units,
              l.messageTimeout(),
              l.maxConnections(),
              l.maxJsonDepth());
      return this;
    }

    /**
     * Sets how long the rest of an incomplete frame may take (guarded, assured): 1 ms to 1 day, or
     * {@link Duration#ZERO} for no limit. The clock restarts whenever a frame completes. The
     * default is 30 s.
     */
    public Builder messageTimeout(Duration timeout) {
      Limits l = limits;
      limits =
          new Limits(
              l.maxMessageSize(),
              l.maxPendingBytes(),
              l.maxEventNameLength(),
              timeout,
              l.maxConnections(),
              l.maxJsonDepth());
      return this;
    }

    /** Sets the most sockets a server holds at once. The default is 100. */
    public Builder maxConnections(int connections) {
      Limits l = limits;
      limits =
          new Limits(
              l.maxMessageSize(),
              l.maxPendingBytes(),
              l.maxEventNameLength(),
              l.messageTimeout(),
              connections,
              l.maxJsonDepth());
      return this;
    }

    /** Sets the deepest JSON nesting read or written. The default is 1000. */
    public Builder maxJsonDepth(int depth) {
      Limits l = limits;
      limits =
          new Limits(
              l.maxMessageSize(),
              l.maxPendingBytes(),
              l.maxEventNameLength(),
              l.messageTimeout(),
              l.maxConnections(),
              depth);
      return this;
    }

    // ---- reconnecting

    /** Sets the whole reconnect policy. The default is {@link RetryPolicy#DEFAULTS}. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = notNull(policy, "retryPolicy");
      return this;
    }

    /** Sets the pause before a reconnect attempt, 1 ms to 1 day. The default is 500 ms. */
    public Builder retry(Duration retry) {
      RetryPolicy p = retryPolicy;
      retryPolicy = new RetryPolicy(retry, p.maxRetries(), p.stopRetrying());
      return this;
    }

    /**
     * Sets the reconnect attempts per outage; 0 means never reconnect. The default is {@link
     * IpcConfig#UNBOUNDED_RETRIES}.
     */
    public Builder maxRetries(int maxRetries) {
      RetryPolicy p = retryPolicy;
      retryPolicy = new RetryPolicy(p.retry(), maxRetries, p.stopRetrying());
      return this;
    }

    /** Stops clients from reconnecting at all. The default is false. */
    public Builder stopRetrying(boolean stopRetrying) {
      RetryPolicy p = retryPolicy;
      retryPolicy = new RetryPolicy(p.retry(), p.maxRetries(), stopRetrying);
      return this;
    }

    // ---- Unix socket files

    /** Sets every socket-file option at once. The default is {@link SocketFile#DEFAULTS}. */
    public Builder socketFile(SocketFile socketFile) {
      this.socketFile = notNull(socketFile, "socketFile");
      return this;
    }

    /** Sets the prefix of default Unix socket names. The default is {@code "app."}. */
    public Builder appspace(String appspace) {
      SocketFile f = socketFile;
      socketFile =
          new SocketFile(
              appspace, f.root(), f.readableAll(), f.writableAll(), f.secureRoot(), f.unlink());
      return this;
    }

    /**
     * Sets the directory that holds default Unix socket paths ({@code socketRoot + appspace + id}),
     * made absolute. The default is node-ipc 14's, found when a Unix endpoint first needs it: see
     * {@link SocketFile#resolvedRoot()}.
     */
    public Builder socketRoot(Path socketRoot) {
      SocketFile f = socketFile;
      socketFile =
          new SocketFile(
              f.appspace(),
              notNull(socketRoot, "socketRoot").toAbsolutePath(),
              f.readableAll(),
              f.writableAll(),
              f.secureRoot(),
              f.unlink());
      return this;
    }

    /** Makes a server's socket file readable by every user. The default is false. */
    public Builder readableAll(boolean readableAll) {
      SocketFile f = socketFile;
      socketFile =
          new SocketFile(
              f.appspace(), f.root(), readableAll, f.writableAll(), f.secureRoot(), f.unlink());
      return this;
    }

    /** Makes a server's socket file writable (connectable) by every user. The default is false. */
    public Builder writableAll(boolean writableAll) {
      SocketFile f = socketFile;
      socketFile =
          new SocketFile(
              f.appspace(), f.root(), f.readableAll(), writableAll, f.secureRoot(), f.unlink());
      return this;
    }

    /**
     * Creates the socket root owner-only (0700) and refuses to serve in it unless it is a real
     * directory owned by this user and not a shared sticky directory such as {@code /tmp}; group
     * and other bits found on it are removed. Applies to servers whose path lies under the socket
     * root. The default is true.
     */
    public Builder secureSocketRoot(boolean secureSocketRoot) {
      SocketFile f = socketFile;
      socketFile =
          new SocketFile(
              f.appspace(),
              f.root(),
              f.readableAll(),
              f.writableAll(),
              secureSocketRoot,
              f.unlink());
      return this;
    }

    /**
     * Removes a stale socket file before a Unix server listens: only a socket file, and only after
     * a connect probe shows nobody listens on it; a live socket makes {@code start} fail with
     * "address in use". The default is true.
     */
    public Builder unlink(boolean unlink) {
      SocketFile f = socketFile;
      socketFile =
          new SocketFile(
              f.appspace(), f.root(), f.readableAll(), f.writableAll(), f.secureRoot(), unlink);
      return this;
    }

    // ---- admission of peers

    /** Sets which peers a Unix socket server admits. The default is {@link Admission#ANYONE}. */
    public Builder admission(Admission admission) {
      this.admission = notNull(admission, "admission");
      return this;
    }

    /**
     * Admits to a Unix socket server only peers whose user is one of {@code users} or whose group
     * is in {@code allowedPeerGroups}, by the credentials the kernel reports ({@link
     * IpcSocket#peerCredentials()}; names, or numeric ids that have none). A refused peer is closed
     * before anything is read from it and reported as an {@code error} with a null socket. Unix
     * sockets only: a TCP, TLS or UDP server with this set fails to start. The default is empty:
     * when both sets are empty, anyone who can open the socket file is admitted.
     */
    public Builder allowedPeerUsers(Collection<String> users) {
      admission = new Admission(names("allowedPeerUsers", users), admission.groups());
      return this;
    }

    /** Sets {@code allowedPeerUsers} from names. */
    public Builder allowedPeerUsers(String... users) {
      return allowedPeerUsers(Arrays.asList(notNull(users, "allowedPeerUsers")));
    }

    /**
     * Admits to a Unix socket server also peers whose primary group (not a supplementary one) is
     * one of {@code groups}; see {@link #allowedPeerUsers(Collection)}. The default is empty.
     */
    public Builder allowedPeerGroups(Collection<String> groups) {
      admission = new Admission(admission.users(), names("allowedPeerGroups", groups));
      return this;
    }

    /** Sets {@code allowedPeerGroups} from names. */
    public Builder allowedPeerGroups(String... groups) {
      return allowedPeerGroups(Arrays.asList(notNull(groups, "allowedPeerGroups")));
    }

    // ---- logging

    /** Returns the logging options set so far, for {@link Ipc#log}. */
    Logging currentLogging() {
      return logging;
    }

    /** Sets every logging option at once. The default is {@link Logging#DEFAULTS}. */
    public Builder logging(Logging logging) {
      this.logging = notNull(logging, "logging");
      return this;
    }

    /** Turns off all of jipc's logging, including {@link Ipc#log}. The default is false. */
    public Builder silent(boolean silent) {
      logging = new Logging(silent, logging.logger(), logging.payloads());
      return this;
    }

    /**
     * Sends every log line, as one string, to {@code logger} instead of {@link System.Logger}
     * ("io.jipc"); null restores the default. Called from any thread.
     */
    public Builder logger(Consumer<String> logger) {
      logging = new Logging(logging.silent(), logger, logging.payloads());
      return this;
    }

    /** Lets log lines include payloads. The default is false: payloads are never logged. */
    public Builder logPayloads(boolean logPayloads) {
      logging = new Logging(logging.silent(), logging.logger(), logPayloads);
      return this;
    }

    // ---- TCP and TLS sockets

    /** Sets all of node-ipc's {@code interface} at once. The default is {@link Interface#ANY}. */
    public Builder networkInterface(Interface networkInterface) {
      this.networkInterface = notNull(networkInterface, "networkInterface");
      return this;
    }

    /** Sets the local address TCP clients bind ({@code interface.localAddress}). Default: any. */
    public Builder localAddress(String localAddress) {
      Interface n = networkInterface;
      networkInterface = new Interface(localAddress, n.localPort(), n.family());
      return this;
    }

    /**
     * Sets the local port TCP clients bind, 0 to 65535 ({@code interface.localPort}). Default 0.
     */
    public Builder localPort(int localPort) {
      Interface n = networkInterface;
      networkInterface = new Interface(n.localAddress(), localPort, n.family());
      return this;
    }

    /** Restricts TCP clients to IPv4 (4) or IPv6 (6) addresses; 0 allows both. Default 0. */
    public Builder family(int family) {
      Interface n = networkInterface;
      networkInterface = new Interface(n.localAddress(), n.localPort(), family);
      return this;
    }

    /**
     * Sets node-ipc's {@code tls}: TCP servers and clients of this config speak TLS with these
     * options; null turns TLS off. The default is null (plain TCP).
     */
    public Builder tls(TlsOptions tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Turns on TCP keep-alive ({@code SO_KEEPALIVE}) for the TCP and TLS sockets of servers and
     * clients, so the system probes idle connections and ends dead ones (after its own timers,
     * often two hours on Linux; see {@link #heartbeat(Duration)} for a check on jipc's own clock).
     * Unix sockets and UDP ignore it. The default is false, as in node-ipc.
     */
    public Builder keepAlive(boolean keepAlive) {
      this.keepAlive = keepAlive;
      return this;
    }

    // ---- UDP

    /** Sets both UDP peer-table options at once. The default is {@link UdpPeers#DEFAULTS}. */
    public Builder udpPeers(UdpPeers udpPeers) {
      this.udpPeers = notNull(udpPeers, "udpPeers");
      return this;
    }

    /**
     * Sets the most senders a UDP endpoint tracks at once (their reassembly buffers and broadcast
     * targets), at least 1; datagrams from further senders are dropped with an error while the
     * table is full of peers heard within {@code udpPeerTimeout}. The default is 1024.
     */
    public Builder maxUdpPeers(int peers) {
      udpPeers = new UdpPeers(peers, udpPeers.peerTimeout());
      return this;
    }

    /**
     * Sets how long a UDP sender that sends nothing stays in the peer table, 1 ms to 1 day. The
     * default is 5 minutes.
     */
    public Builder udpPeerTimeout(Duration timeout) {
      udpPeers = new UdpPeers(udpPeers.maxPeers(), timeout);
      return this;
    }

    // ---- time, threads, requests and heartbeats

    /** Sets how long one connection attempt may take, 1 ms to 1 day. The default is 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = nonZeroTimeout("connectTimeout", timeout);
      return this;
    }

    /**
     * Sets how long closing waits for pending writes to reach the peer before the socket is closed
     * anyway, 0 to 1 day. The default is 2 s.
     */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = timeout("closeTimeout", timeout);
      return this;
    }

    /**
     * Sets how many I/O loops the sockets of an endpoint are spread over, 1 to {@value
     * IpcConfig#MAX_IO_THREADS}; other values throw {@link IllegalArgumentException}. A loop is one
     * platform thread with one selector that runs the accepts, connects, reads, writes, timers and
     * (by default) handlers of every socket registered on it; loops are shared by all endpoints in
     * the JVM, so the library runs as many loop threads as the largest {@code ioThreads} any of its
     * endpoints uses, however many sockets there are. A server spreads its accepted sockets over
     * its loops; a client and a UDP endpoint each live on one. The default is {@value
     * IpcConfig#DEFAULT_IO_THREADS}.
     */
    public Builder ioThreads(int loops) {
      if (loops < 1 || loops > MAX_IO_THREADS) {
        throw new IllegalArgumentException(
            "ioThreads must be in [1, " + MAX_IO_THREADS + "]: " + loops);
      }
      this.ioThreads = loops;
      return this;
    }

    /**
     * Runs handlers on {@code executor} instead of the I/O loop, for handlers that block (a
     * database call, a file, a lock, a synchronous request to another service). Handlers of one
     * socket (and all handlers of a client, or of a UDP endpoint) still run one at a time, in the
     * order their events arrived, each after the one before has returned; handlers of different
     * sockets may run at the same time. Virtual threads fit well on JDK 21+ ({@code
     * Executors.newVirtualThreadPerTaskExecutor()}). Frames that wait for their handlers count
     * against {@code maxPendingBytes} per socket: beyond it the socket stops reading until its
     * handlers have caught up by half. The executor belongs to the caller, who shuts it down after
     * closing the endpoints; one that refuses a task makes the handlers run on the loop instead,
     * with one warning. The default is null: handlers run on the loop thread, as in node-ipc.
     */
    public Builder handlerExecutor(Executor executor) {
      this.handlerExecutor = executor;
      return this;
    }

    /**
     * Sets how long a request waits for its reply before its future fails with a {@link
     * java.util.concurrent.TimeoutException}, 1 ms to 1 day; {@code request(type, data, timeout)}
     * overrides it per call. The default is 30 s.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = nonZeroTimeout("requestTimeout", timeout);
      return this;
    }

    /**
     * Sets the most requests one connection may have waiting for their replies, at least 1; a
     * request beyond it fails at once with an {@link IpcProtocolException} ({@code
     * ERR_IPC_TOO_MANY_REQUESTS}) and is not sent. The default is 4096.
     */
    public Builder maxPendingRequests(int requests) {
      this.maxPendingRequests = positive("maxPendingRequests", requests);
      return this;
    }

    /**
     * Turns on heartbeats for stream connections: when nothing has arrived on a connection for
     * {@code interval}, jipc sends a {@code jipc.ping} frame, which jipc peers answer by themselves
     * (a node-ipc peer with one line, see the README); any frame that arrives counts as a sign of
     * life. A connection silent for {@code heartbeatTimeout} is closed with an {@link
     * IpcProtocolException} ({@code ERR_IPC_HEARTBEAT_TIMEOUT}), and a client then reconnects as
     * after any outage. 1 ms to 1 hour, or {@link Duration#ZERO} for none; framed profiles only (a
     * raw stream has no frames to ping with); UDP endpoints have no connections and ignore it. The
     * default is {@link Duration#ZERO}: no heartbeats, as in node-ipc.
     */
    public Builder heartbeat(Duration interval) {
      Duration checked = timeout("heartbeat", interval);
      if (checked.compareTo(MAX_HEARTBEAT) > 0) {
        throw new IllegalArgumentException("heartbeat must be at most 1 hour, not " + interval);
      }
      this.heartbeat = checked;
      return this;
    }

    /**
     * Sets how long a connection with {@code heartbeat} on may stay silent before it is closed,
     * longer than the interval and at most 1 day; {@link Duration#ZERO} means three intervals. The
     * default is {@link Duration#ZERO}.
     */
    public Builder heartbeatTimeout(Duration timeout) {
      this.heartbeatTimeout = timeout("heartbeatTimeout", timeout);
      return this;
    }
  }
}
