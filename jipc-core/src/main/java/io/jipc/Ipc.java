package io.jipc;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.StringJoiner;

/**
 * node-ipc's {@code ipc} object in Java, so node-ipc code translates line by line:
 *
 * <pre>{@code
 * Ipc ipc = new Ipc();
 * ipc.config().id("world").retry(Duration.ofMillis(1500));
 * ipc.serve(() -> ipc.server().on("message", (data, socket) ->
 *     ipc.server().emit(socket, "message", data + " world!")));
 * ipc.server().start();
 * }</pre>
 *
 * <p>{@link #config()} is a mutable builder; {@code serve*} and {@code connectTo*} copy it, so
 * changing it later affects only endpoints created later (as in node-ipc 14). To stop a running
 * client from reconnecting, call {@code ipc.of(id).stopRetrying()}. Each instance is independent;
 * {@link #global()} is a shared one for code that wants node-ipc's singleton. A server and the
 * clients of an instance are the Java-shaped {@link IpcServer} and {@link IpcClient}.
 *
 * <p>Thread-safe, except the builder {@link #config()} returns: set it up on one thread before
 * serving and connecting, as node-ipc code does. Defaults follow node-ipc: a Unix server listens on
 * {@code socketRoot + appspace + id}, network endpoints use {@code networkHost} and {@code
 * networkPort}.
 */
public final class Ipc {
  private static final Ipc GLOBAL = new Ipc();

  private final IpcConfig.Builder config = IpcConfig.builder();
  private final Map<String, IpcClient> clients = new LinkedHashMap<>(); // Guarded by this.
  private IpcServer server; // Guarded by this.

  /** Creates an independent instance with default config. */
  public Ipc() {}

  /** Returns the process-wide shared instance, node-ipc's default export. */
  public static Ipc global() {
    return GLOBAL;
  }

  /** Returns the mutable config used by the next {@code serve*}/{@code connectTo*} call. */
  public IpcConfig.Builder config() {
    return config;
  }

  /**
   * Creates the Unix socket server at {@code socketRoot + appspace + id}; start it with {@code
   * server().start()}. {@code onStart} runs when it has bound. A previous server of this instance
   * is closed.
   */
  public void serve(Runnable onStart) {
    serve((Path) null, onStart);
  }

  /** Creates the Unix socket server at {@code socketRoot + appspace + id}, without a callback. */
  public void serve() {
    serve((Path) null, null);
  }

  /**
   * Creates the Unix socket server at {@code path}, node-ipc's {@code serve('/tmp/app.world', cb)}
   * (null: the default path; {@code onStart} may be null).
   *
   * @throws java.nio.file.InvalidPathException if {@code path} is not a valid path
   */
  public void serve(String path, Runnable onStart) {
    serve(path == null ? null : Path.of(path), onStart);
  }

  /** Creates the Unix socket server at {@code path} (null: the default path). */
  public void serve(Path path, Runnable onStart) {
    IpcConfig snapshot = config.build();
    Path where = path != null ? path : defaultPath(snapshot, snapshot.id());
    replaceServer(IpcServer.create(Endpoint.unix(where), snapshot), onStart);
  }

  /** Creates the TCP server on {@code networkHost:networkPort}, without a callback. */
  public void serveNet() {
    serveNet((Runnable) null);
  }

  /** Creates the TCP server on {@code networkHost:networkPort}. */
  public void serveNet(Runnable onStart) {
    IpcConfig snapshot = config.build();
    serveNet(snapshot.networkHost(), snapshot.networkPort(), onStart);
  }

  /** Creates the TCP server on {@code networkHost:port}. */
  public void serveNet(int port, Runnable onStart) {
    serveNet(config.build().networkHost(), port, onStart);
  }

  /** Creates the TCP server on {@code host:port}; port 0 binds a free port. */
  public void serveNet(String host, int port, Runnable onStart) {
    replaceServer(IpcServer.create(Endpoint.tcp(host, port), config.build()), onStart);
  }

  /**
   * Creates a server on {@code host:port}, node-ipc's {@code serveNet(host, port, UDPType,
   * callback)}: {@code udpType} {@code "udp4"} or {@code "udp6"} (any case) makes it a UDP server,
   * null a TCP one. A null host means {@code networkHost}; port 0 binds a free port. As in
   * node-ipc, {@code udp4} on host {@code ::1} binds {@code 127.0.0.1}.
   *
   * @throws IllegalArgumentException if {@code udpType} is another string
   */
  public void serveNet(String host, int port, String udpType, Runnable onStart) {
    IpcConfig snapshot = config.build();
    String where = host != null ? host : snapshot.networkHost();
    replaceServer(IpcServer.create(netEndpoint(where, port, udpType), snapshot), onStart);
  }

  /**
   * Creates a server on {@code networkHost:port}: node-ipc's {@code serveNet(port, 'udp4', cb)}.
   */
  public void serveNet(int port, String udpType, Runnable onStart) {
    serveNet(null, port, udpType, onStart);
  }

  /**
   * Creates a server on {@code host:networkPort}: node-ipc's {@code serveNet(host, 'udp4', cb)}.
   */
  public void serveNet(String host, String udpType, Runnable onStart) {
    serveNet(host, config.build().networkPort(), udpType, onStart);
  }

  /**
   * node-ipc's {@code serveNet(hostOrType, callback)}: given {@code "udp4"} or {@code "udp6"} (any
   * case), creates a UDP server on {@code networkHost:networkPort}; given any other host, the TCP
   * server on that host (null: {@code networkHost}) and {@code networkPort}.
   */
  public void serveNet(String hostOrUdpType, Runnable onStart) {
    if (hostOrUdpType == null) {
      serveNet(onStart);
    } else if (isUdpType(hostOrUdpType)) {
      serveNet(null, hostOrUdpType, onStart);
    } else {
      serveNet(hostOrUdpType, config.build().networkPort(), onStart);
    }
  }

  private static boolean isUdpType(String name) {
    return name.equalsIgnoreCase("udp4") || name.equalsIgnoreCase("udp6");
  }

  private static Endpoint netEndpoint(String host, int port, String udpType) {
    if (udpType == null) {
      return Endpoint.tcp(host, port);
    }
    if (!isUdpType(udpType)) {
      throw new IllegalArgumentException(
          "udpType must be \"udp4\" or \"udp6\" (or null for TCP), not \"" + udpType + "\"");
    }
    return udpType.equalsIgnoreCase("udp6") ? Endpoint.udp6(host, port) : Endpoint.udp4(host, port);
  }

  private void replaceServer(IpcServer created, Runnable onStart) {
    if (onStart != null) {
      created.on("start", onStart);
    }
    IpcServer replaced;
    synchronized (this) {
      replaced = server;
      server = created;
    }
    if (replaced != null) {
      replaced.close(); // outside the lock: closing waits for its sockets, bounded
    }
  }

  /**
   * Returns the server made by the last {@code serve*} call.
   *
   * @throws IllegalStateException if there is none
   */
  public synchronized IpcServer server() {
    if (server == null) {
      throw new IllegalStateException("no server: call serve or serveNet first");
    }
    return server;
  }

  /**
   * Returns the UDP endpoint made by the last {@code serveNet(…, "udp4" | "udp6", …)} call, which
   * also sends to any address: node-ipc's {@code ipc.server.emit({address, port}, type, data)}.
   *
   * @throws IllegalStateException if there is no server, or it is not a UDP one
   */
  public synchronized UdpEndpoint udpServer() {
    if (server instanceof UdpEndpoint udp) {
      return udp;
    }
    throw new IllegalStateException(
        server == null
            ? "no server: call serveNet with \"udp4\" or \"udp6\" first"
            : "the server is on " + server.endpoint() + ", not a UDP endpoint");
  }

  /** Connects to the Unix server of service {@code id} at {@code socketRoot + appspace + id}. */
  public void connectTo(String id, Runnable callback) {
    connectTo(id, (Path) null, callback);
  }

  /** Connects to the Unix server of service {@code id} at its default path, without a callback. */
  public void connectTo(String id) {
    connectTo(id, (Path) null, null);
  }

  /**
   * Connects to the Unix server of service {@code id} at {@code path}, node-ipc's {@code
   * connectTo('world', '/tmp/app.world', cb)}; see {@link #connectTo(String, Path, Runnable)}.
   *
   * @throws java.nio.file.InvalidPathException if {@code path} is not a valid path
   */
  public void connectTo(String id, String path, Runnable callback) {
    connectTo(id, path == null ? null : Path.of(path), callback);
  }

  /**
   * Connects to the Unix server of service {@code id} at {@code path} (null: the default path).
   * {@code callback} runs before the connection starts, so handlers it registers see {@code
   * connect}. If a connected client for {@code id} exists, only the callback runs; a disconnected
   * one is closed and replaced.
   */
  public void connectTo(String id, Path path, Runnable callback) {
    IpcConfig snapshot = config.build();
    Path where = path != null ? path : defaultPath(snapshot, id);
    connect(id, Endpoint.unix(where), snapshot, callback);
  }

  /** Connects to service {@code id} over TCP at {@code networkHost:networkPort}, no callback. */
  public void connectToNet(String id) {
    connectToNet(id, (Runnable) null);
  }

  /** Connects to service {@code id} over TCP at {@code networkHost:networkPort}. */
  public void connectToNet(String id, Runnable callback) {
    IpcConfig snapshot = config.build();
    connect(id, Endpoint.tcp(snapshot.networkHost(), snapshot.networkPort()), snapshot, callback);
  }

  /** Connects to service {@code id} over TCP at {@code networkHost:port}. */
  public void connectToNet(String id, int port, Runnable callback) {
    IpcConfig snapshot = config.build();
    connect(id, Endpoint.tcp(snapshot.networkHost(), port), snapshot, callback);
  }

  /** Connects to service {@code id} over TCP at {@code host:port}. */
  public void connectToNet(String id, String host, int port, Runnable callback) {
    connect(id, Endpoint.tcp(host, port), config.build(), callback);
  }

  private void connect(String id, Endpoint endpoint, IpcConfig snapshot, Runnable callback) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("a service id is required");
    }
    IpcClient client = null;
    IpcClient replaced = null;
    synchronized (this) {
      IpcClient existing = clients.get(id);
      if (existing == null || !existing.isConnected()) {
        replaced = existing;
        client = IpcClient.create(endpoint, snapshot);
        clients.put(id, client);
      }
    }
    if (replaced != null) {
      replaced.close(); // outside the lock: closing waits up to closeTimeout
    }
    if (callback != null) {
      callback.run();
    }
    if (client != null) {
      client.connect();
    }
  }

  /**
   * Returns the client for service {@code id}, node-ipc's {@code ipc.of[id]}.
   *
   * @throws NoSuchElementException if this instance has no client for {@code id}
   */
  public synchronized IpcClient of(String id) {
    IpcClient client = clients.get(id);
    if (client == null) {
      throw new NoSuchElementException("no client for \"" + id + "\": call connectTo first");
    }
    return client;
  }

  /** Disconnects from service {@code id} for good and forgets it; nothing if unknown. */
  public void disconnect(String id) {
    IpcClient client;
    synchronized (this) {
      client = clients.remove(id);
    }
    if (client != null) {
      client.close();
    }
  }

  /**
   * Logs the arguments joined by spaces, as node-ipc's {@code ipc.log}: to {@code logger} when set,
   * else to {@link System.Logger} "io.jipc" at INFO; nothing when {@code silent}.
   */
  public void log(Object... args) {
    IpcConfig.Logging logging = config.currentLogging();
    if (logging.silent()) {
      return;
    }
    StringJoiner line = new StringJoiner(" ");
    for (Object arg : args) {
      line.add(String.valueOf(arg));
    }
    if (logging.logger() != null) {
      logging.logger().accept(line.toString());
    } else {
      System.getLogger("io.jipc").log(System.Logger.Level.INFO, line.toString());
    }
  }

  private static Path defaultPath(IpcConfig snapshot, String id) {
    return snapshot.socketFile().pathOf(id);
  }
}
