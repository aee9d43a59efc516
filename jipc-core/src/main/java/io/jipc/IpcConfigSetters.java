package io.jipc;

import static io.jipc.IpcConfig.checkNames;
import static io.jipc.IpcConfig.checkNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The state and the setters of {@link IpcConfig.Builder}, one per node-ipc option; kept apart from
 * {@link IpcConfig} so each file stays readable. Not thread-safe.
 */
abstract class IpcConfigSetters extends IpcConfigNetworkSetters {
  String appspace = "app.";
  Path socketRoot;
  String id;
  boolean readableAll;
  boolean writableAll;
  boolean secureSocketRoot = true;
  boolean unlink = true;
  Encoding encoding = Encoding.UTF8;
  Profile profile = Profile.GUARDED;
  boolean rawBuffer;
  boolean identifyPeer;
  String delimiter = "\f";
  boolean sync;
  boolean silent;
  Consumer<String> logger;
  boolean logPayloads;
  boolean allowReservedEvents;
  Set<String> allowedEvents = new LinkedHashSet<>();
  int maxMessageSize = Limits.DEFAULTS.maxMessageSize();
  int maxPendingBytes = Limits.DEFAULTS.maxPendingBytes();
  int maxEventNameLength = Limits.DEFAULTS.maxEventNameLength();
  Duration messageTimeout = Limits.DEFAULTS.messageTimeout();
  int maxConnections = Limits.DEFAULTS.maxConnections();
  int maxJsonDepth = Limits.DEFAULTS.maxJsonDepth();
  Duration retry = RetryPolicy.DEFAULTS.retry();
  int maxRetries = RetryPolicy.DEFAULTS.maxRetries();
  boolean stopRetrying;
  Duration connectTimeout = Duration.ofSeconds(10);
  Duration closeTimeout = Duration.ofSeconds(2);
  int ioThreads = IpcConfig.DEFAULT_IO_THREADS;
  Executor handlerExecutor;
  Duration requestTimeout = Duration.ofSeconds(30);
  int maxPendingRequests = 4096;
  Duration heartbeat = Duration.ZERO;
  Duration heartbeatTimeout = Duration.ZERO;

  private static final Duration MAX_HEARTBEAT = Duration.ofHours(1);

  IpcConfigSetters(Path socketRoot, String id) {
    this.socketRoot = socketRoot;
    this.id = id;
  }

  private IpcConfig.Builder self() {
    return (IpcConfig.Builder) this;
  }

  /** Sets the prefix of default Unix socket names. The default is {@code "app."}. */
  public IpcConfig.Builder appspace(String appspace) {
    this.appspace = checkNotNull(appspace, "appspace");
    return self();
  }

  /**
   * Sets the directory that holds default Unix socket paths ({@code socketRoot + appspace + id}).
   * The default is node-ipc 14's: {@code $XDG_RUNTIME_DIR/node-ipc/} when that variable is set,
   * else {@code <tmpdir>/node-ipc-<uid>/}, where {@code <tmpdir>} is Node's {@code os.tmpdir()}:
   * the first non-empty of {@code $TMPDIR}, {@code $TMP}, {@code $TEMP}, else {@code /tmp} (not
   * {@code java.io.tmpdir}, which ignores them). On Windows, where node-ipc uses named pipes
   * instead, it is {@code %TEMP%\node-ipc-<user>\} by Node's Windows rule (jipc's own choice).
   */
  public IpcConfig.Builder socketRoot(Path socketRoot) {
    this.socketRoot = checkNotNull(socketRoot, "socketRoot").toAbsolutePath();
    return self();
  }

  /** Sets this process's service id, used in default socket paths. The default is the host name. */
  public IpcConfig.Builder id(String id) {
    checkNotNull(id, "id");
    if (id.isEmpty() || id.indexOf('/') >= 0 || id.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "id must be non-empty without '/' or NUL, not \"" + id + '"');
    }
    this.id = id;
    return self();
  }

  /** Makes a server's socket file readable by every user. The default is false. */
  public IpcConfig.Builder readableAll(boolean readableAll) {
    this.readableAll = readableAll;
    return self();
  }

  /** Makes a server's socket file writable (connectable) by every user. The default is false. */
  public IpcConfig.Builder writableAll(boolean writableAll) {
    this.writableAll = writableAll;
    return self();
  }

  /**
   * Creates the socket root owner-only (0700) and refuses to serve in it unless it is a real
   * directory owned by this user and not a shared sticky directory such as {@code /tmp}; group and
   * other bits found on it are removed. Applies to servers whose path lies under the socket root.
   * The default is true.
   */
  public IpcConfig.Builder secureSocketRoot(boolean secureSocketRoot) {
    this.secureSocketRoot = secureSocketRoot;
    return self();
  }

  /**
   * Removes a stale socket file before a Unix server listens: only a socket file, and only after a
   * connect probe shows nobody listens on it; a live socket makes {@code start} fail with "address
   * in use". The default is true.
   */
  public IpcConfig.Builder unlink(boolean unlink) {
    this.unlink = unlink;
    return self();
  }

  /** Sets how strings are encoded in the raw profile. The default is {@link Encoding#UTF8}. */
  public IpcConfig.Builder encoding(Encoding encoding) {
    this.encoding = checkNotNull(encoding, "encoding");
    return self();
  }

  /** Sets the encoding by node's name ({@code "utf8"}, {@code "hex"} ...). */
  public IpcConfig.Builder encoding(String nodeName) {
    return encoding(Encoding.ofNodeName(checkNotNull(nodeName, "encoding")));
  }

  /** Sets the profile. The default is {@link Profile#GUARDED} (node-ipc's is fast). */
  public IpcConfig.Builder profile(Profile profile) {
    this.profile = checkNotNull(profile, "profile");
    return self();
  }

  /** Sets the profile by node-ipc's {@code parser} name: raw, fast, guarded or assured. */
  public IpcConfig.Builder parser(String name) {
    return profile(Profile.ofNodeName(checkNotNull(name, "parser")));
  }

  /** Selects the raw profile whatever {@code profile} says, as node-ipc does. Default false. */
  public IpcConfig.Builder rawBuffer(boolean rawBuffer) {
    this.rawBuffer = rawBuffer;
    return self();
  }

  /**
   * Lets a server name a socket after the {@code id} member of data it receives (node-ipc's legacy
   * behaviour). The id is claimed by the peer and unauthenticated: any peer may send any id, so
   * never grant anything on it. On Unix sockets, {@link IpcSocket#peerCredentials()} is the
   * identity the kernel verified. The default is false.
   */
  public IpcConfig.Builder identifyPeer(boolean identifyPeer) {
    this.identifyPeer = identifyPeer;
    return self();
  }

  /**
   * Sets the frame terminator of the framed profiles, any non-empty string (sent as UTF-8). Choose
   * characters JSON always escapes (U+0000 to U+001F) or the framing breaks; node-ipc does not
   * check this either. The default is {@code "\f"}.
   */
  public IpcConfig.Builder delimiter(String delimiter) {
    checkNotNull(delimiter, "delimiter");
    if (delimiter.isEmpty()) {
      throw new IllegalArgumentException("delimiter must be a non-empty string");
    }
    this.delimiter = delimiter;
    return self();
  }

  /**
   * Makes clients send one event at a time: later emits wait in a queue (bounded by {@code
   * maxPendingBytes}) until any event arrives. The default is false.
   */
  public IpcConfig.Builder sync(boolean sync) {
    this.sync = sync;
    return self();
  }

  /** Turns off all of jipc's logging, including {@link Ipc#log}. The default is false. */
  public IpcConfig.Builder silent(boolean silent) {
    this.silent = silent;
    return self();
  }

  /**
   * Sends every log line, as one string, to {@code logger} instead of {@link System.Logger}
   * ("io.jipc"); null restores the default. Called from any thread.
   */
  public IpcConfig.Builder logger(Consumer<String> logger) {
    this.logger = logger;
    return self();
  }

  /** Lets log lines include payloads. The default is false: payloads are never logged. */
  public IpcConfig.Builder logPayloads(boolean logPayloads) {
    this.logPayloads = logPayloads;
    return self();
  }

  /** Lets the guarded profile send and receive lifecycle event names. The default is false. */
  public IpcConfig.Builder allowReservedEvents(boolean allowReservedEvents) {
    this.allowReservedEvents = allowReservedEvents;
    return self();
  }

  /** Sets the only event names the assured profile sends or accepts. The default is none. */
  public IpcConfig.Builder allowedEvents(Collection<String> allowedEvents) {
    this.allowedEvents = checkNames("allowedEvents", allowedEvents);
    return self();
  }

  /** Sets {@code allowedEvents} from names. */
  public IpcConfig.Builder allowedEvents(String... names) {
    return allowedEvents(Arrays.asList(checkNotNull(names, "allowedEvents")));
  }

  /** Sets the largest frame in bytes, at least 1. The default is 1 MiB. */
  public IpcConfig.Builder maxMessageSize(int bytes) {
    this.maxMessageSize = Limits.positive("maxMessageSize", bytes);
    return self();
  }

  /** Sets the most bytes queued for writing on one connection. The default is 8 MiB. */
  public IpcConfig.Builder maxPendingBytes(int bytes) {
    this.maxPendingBytes = Limits.positive("maxPendingBytes", bytes);
    return self();
  }

  /** Sets the longest event name in UTF-16 units. The default is 256. */
  public IpcConfig.Builder maxEventNameLength(int units) {
    this.maxEventNameLength = Limits.positive("maxEventNameLength", units);
    return self();
  }

  /**
   * Sets how long the rest of an incomplete frame may take (guarded, assured): 1 ms to 1 day, or
   * {@link Duration#ZERO} for no limit. The clock restarts whenever a frame completes. The default
   * is 30 s.
   */
  public IpcConfig.Builder messageTimeout(Duration timeout) {
    this.messageTimeout = Limits.timeout("messageTimeout", timeout);
    return self();
  }

  /** Sets the most sockets a server holds at once. The default is 100. */
  public IpcConfig.Builder maxConnections(int connections) {
    this.maxConnections = Limits.positive("maxConnections", connections);
    return self();
  }

  /** Sets the deepest JSON nesting read or written. The default is 1000. */
  public IpcConfig.Builder maxJsonDepth(int depth) {
    this.maxJsonDepth = Limits.positive("maxJsonDepth", depth);
    return self();
  }

  /** Sets the pause before a reconnect attempt, 1 ms to 1 day. The default is 500 ms. */
  public IpcConfig.Builder retry(Duration retry) {
    this.retry = RetryPolicy.checkRetry(retry);
    return self();
  }

  /**
   * Sets the reconnect attempts per outage; 0 means never reconnect. The default is {@link
   * IpcConfig#UNBOUNDED_RETRIES}.
   */
  public IpcConfig.Builder maxRetries(int maxRetries) {
    this.maxRetries = RetryPolicy.checkMaxRetries(maxRetries);
    return self();
  }

  /** Stops clients from reconnecting at all. The default is false. */
  public IpcConfig.Builder stopRetrying(boolean stopRetrying) {
    this.stopRetrying = stopRetrying;
    return self();
  }

  /** Sets how long one connection attempt may take, 1 ms to 1 day. The default is 10 s. */
  public IpcConfig.Builder connectTimeout(Duration timeout) {
    Duration checked = Limits.timeout("connectTimeout", timeout);
    if (checked.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be at least 1 ms, not 0");
    }
    this.connectTimeout = checked;
    return self();
  }

  /**
   * Sets how long closing waits for pending writes to reach the peer before the socket is closed
   * anyway, 0 to 1 day. The default is 2 s.
   */
  public IpcConfig.Builder closeTimeout(Duration timeout) {
    this.closeTimeout = Limits.timeout("closeTimeout", timeout);
    return self();
  }

  /**
   * Sets how many I/O loops the sockets of an endpoint are spread over, 1 to {@value
   * IpcConfig#MAX_IO_THREADS}; other values throw {@link IllegalArgumentException}. A loop is one
   * platform thread with one selector that runs the accepts, connects, reads, writes, timers and
   * (by default) handlers of every socket registered on it; loops are shared by all endpoints in
   * the JVM, so the library runs as many loop threads as the largest {@code ioThreads} any of its
   * endpoints uses, however many sockets there are. A server spreads its accepted sockets over its
   * loops; a client and a UDP endpoint each live on one. The default is {@value
   * IpcConfig#DEFAULT_IO_THREADS}.
   */
  public IpcConfig.Builder ioThreads(int loops) {
    if (loops < 1 || loops > IpcConfig.MAX_IO_THREADS) {
      throw new IllegalArgumentException(
          "ioThreads must be in [1, " + IpcConfig.MAX_IO_THREADS + "]: " + loops);
    }
    this.ioThreads = loops;
    return self();
  }

  /**
   * Runs handlers on {@code executor} instead of the I/O loop, for handlers that block (a database
   * call, a file, a lock, a synchronous request to another service). Handlers of one socket (and
   * all handlers of a client, or of a UDP endpoint) still run one at a time, in the order their
   * events arrived, each after the one before has returned; handlers of different sockets may run
   * at the same time. Virtual threads fit well on JDK 21+ ({@code
   * Executors.newVirtualThreadPerTaskExecutor()}). Frames that wait for their handlers count
   * against {@code maxPendingBytes} per socket: beyond it the socket stops reading until its
   * handlers have caught up by half. The executor belongs to the caller, who shuts it down after
   * closing the endpoints; one that refuses a task makes the handlers run on the loop instead, with
   * one warning. The default is null: handlers run on the loop thread, as in node-ipc.
   */
  public IpcConfig.Builder handlerExecutor(Executor executor) {
    this.handlerExecutor = executor;
    return self();
  }

  /**
   * Sets how long a request waits for its reply before its future fails with a {@link
   * java.util.concurrent.TimeoutException}, 1 ms to 1 day; {@code request(type, data, timeout)}
   * overrides it per call. The default is 30 s.
   */
  public IpcConfig.Builder requestTimeout(Duration timeout) {
    Duration checked = Limits.timeout("requestTimeout", timeout);
    if (checked.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be at least 1 ms, not 0");
    }
    this.requestTimeout = checked;
    return self();
  }

  /**
   * Sets the most requests one connection may have waiting for their replies, at least 1; a request
   * beyond it fails at once with an {@link IpcProtocolException} ({@code
   * ERR_IPC_TOO_MANY_REQUESTS}) and is not sent. The default is 4096.
   */
  public IpcConfig.Builder maxPendingRequests(int requests) {
    this.maxPendingRequests = Limits.positive("maxPendingRequests", requests);
    return self();
  }

  /**
   * Turns on heartbeats for stream connections: when nothing has arrived on a connection for {@code
   * interval}, jipc sends a {@code jipc.ping} frame, which jipc peers answer by themselves (a
   * node-ipc peer with one line, see the README); any frame that arrives counts as a sign of life.
   * A connection silent for {@code heartbeatTimeout} is closed with an {@link IpcProtocolException}
   * ({@code ERR_IPC_HEARTBEAT_TIMEOUT}), and a client then reconnects as after any outage. 1 ms to
   * 1 hour, or {@link Duration#ZERO} for none; framed profiles only (a raw stream has no frames to
   * ping with); UDP endpoints have no connections and ignore it. The default is {@link
   * Duration#ZERO}: no heartbeats, as in node-ipc.
   */
  public IpcConfig.Builder heartbeat(Duration interval) {
    Duration checked = Limits.timeout("heartbeat", interval);
    if (checked.compareTo(MAX_HEARTBEAT) > 0) {
      throw new IllegalArgumentException("heartbeat must be at most 1 hour, not " + interval);
    }
    this.heartbeat = checked;
    return self();
  }

  /**
   * Sets how long a connection with {@code heartbeat} on may stay silent before it is closed,
   * longer than the interval and at most 1 day; {@link Duration#ZERO} means three intervals. The
   * default is {@link Duration#ZERO}.
   */
  public IpcConfig.Builder heartbeatTimeout(Duration timeout) {
    this.heartbeatTimeout = Limits.timeout("heartbeatTimeout", timeout);
    return self();
  }
}
