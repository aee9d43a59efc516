package io.jipc.examples;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What an example is told from outside: where its Unix sockets live, its port, how many messages it
 * sends or clients it serves before it stops, how long it may take, and its TLS files. node-ipc's
 * examples hard-code these and run forever; ours take them from here so that a test can run each
 * pair in a temp directory on a free port and see it end.
 *
 * <p>{@link #fromEnvironment()} reads each setting from a system property, else an environment
 * variable, else the default:
 *
 * <table>
 *   <caption>Settings of the examples</caption>
 *   <tr><th>property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>{@code jipc.socketRoot}</td><td>{@code JIPC_SOCKET_ROOT}</td>
 *       <td>node-ipc's per-user socket root</td></tr>
 *   <tr><td>{@code jipc.port}</td><td>{@code JIPC_PORT}</td><td>8000, node-ipc's port</td></tr>
 *   <tr><td>{@code jipc.messages}</td><td>{@code JIPC_MESSAGES}</td><td>the example's own</td></tr>
 *   <tr><td>{@code jipc.clients}</td><td>{@code JIPC_CLIENTS}</td><td>the example's own</td></tr>
 *   <tr><td>{@code jipc.timeout}</td><td>{@code JIPC_TIMEOUT}</td><td>2m</td></tr>
 *   <tr><td>{@code jipc.replyDelay}</td><td>{@code JIPC_REPLY_DELAY}</td><td>500ms</td></tr>
 *   <tr><td>{@code jipc.tls.key}, {@code .cert}, {@code .ca}</td>
 *       <td>{@code JIPC_TLS_KEY}, {@code JIPC_TLS_CERT}, {@code JIPC_TLS_CA}</td><td>none</td></tr>
 * </table>
 *
 * <p>Durations are written {@code 500ms}, {@code 5s}, {@code 2m} or as bare seconds. Immutable and
 * thread-safe; tests start from {@link #defaults()} and change it with the {@code with} methods.
 *
 * @param socketRoot the directory of Unix sockets, or null for node-ipc's per-user root
 * @param port the TCP, TLS or UDP port of the server, 0 to 65535 (0: a free one)
 * @param messages how many messages a client sends, or 0 for the example's own number
 * @param clients how many clients a server serves before it stops, or 0 for the example's own
 * @param timeout the longest an example waits for its peer before it gives up
 * @param replyDelay how long the sync examples' servers "work" on a message before answering
 * @param keyFile this side's PEM private key, or null
 * @param certFile this side's PEM certificate (chain), or null
 * @param caFile the PEM certificate of the CA this side trusts, or null
 * @param onListening called with the bound endpoint once a server listens (tests learn the port)
 */
public record Settings(
    Path socketRoot,
    int port,
    int messages,
    int clients,
    Duration timeout,
    Duration replyDelay,
    Path keyFile,
    Path certFile,
    Path caFile,
    Consumer<Endpoint> onListening) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if a number or duration is out of range
   */
  public Settings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
    }
    if (messages < 0 || clients < 0) {
      throw new IllegalArgumentException(
          "messages and clients must be at least 0, not " + messages + " and " + clients);
    }
    if (timeout.isNegative() || timeout.isZero() || replyDelay.isNegative()) {
      throw new IllegalArgumentException(
          "timeout must be positive and replyDelay not negative, not "
              + timeout
              + " and "
              + replyDelay);
    }
    Objects.requireNonNull(onListening, "onListening");
  }

  /** Returns the defaults: node-ipc's socket root and port, a two-minute bound, no TLS files. */
  public static Settings defaults() {
    return new Settings(
        null,
        8000,
        0,
        0,
        Duration.ofMinutes(2),
        Duration.ofMillis(500),
        null,
        null,
        null,
        endpoint -> {});
  }

  /**
   * Returns the settings given by system properties and environment variables (see the table).
   *
   * @throws IllegalArgumentException if a value is not a number or a duration
   */
  public static Settings fromEnvironment() {
    Settings d = defaults();
    return new Settings(
        path("jipc.socketRoot", "JIPC_SOCKET_ROOT"),
        number("jipc.port", "JIPC_PORT", d.port),
        number("jipc.messages", "JIPC_MESSAGES", d.messages),
        number("jipc.clients", "JIPC_CLIENTS", d.clients),
        duration("jipc.timeout", "JIPC_TIMEOUT", d.timeout),
        duration("jipc.replyDelay", "JIPC_REPLY_DELAY", d.replyDelay),
        path("jipc.tls.key", "JIPC_TLS_KEY"),
        path("jipc.tls.cert", "JIPC_TLS_CERT"),
        path("jipc.tls.ca", "JIPC_TLS_CA"),
        d.onListening);
  }

  /**
   * Points {@code config} at the socket root (when one is set) and sends {@code ipc.log} lines, and
   * jipc's own, to {@code out}: what node-ipc prints on the console.
   *
   * @return {@code config}
   */
  public IpcConfig.Builder applyTo(IpcConfig.Builder config, PrintStream out) {
    if (socketRoot != null) {
      config.socketRoot(socketRoot);
    }
    return config.logger(out::println);
  }

  /** Returns {@link #messages()}, or {@code exampleDefault} when it is 0. */
  public int messagesOr(int exampleDefault) {
    return messages > 0 ? messages : exampleDefault;
  }

  /** Returns {@link #clients()}, or {@code exampleDefault} when it is 0. */
  public int clientsOr(int exampleDefault) {
    return clients > 0 ? clients : exampleDefault;
  }

  /**
   * Waits up to {@link #timeout()} for {@code latch}.
   *
   * @param what what is awaited, for the message
   * @throws TimeoutException if the time passed first; the message says what was missing
   */
  public void await(CountDownLatch latch, String what)
      throws InterruptedException, TimeoutException {
    if (!latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new TimeoutException(
          "gave up after " + timeout + " waiting for " + what + " (" + latch.getCount() + " left)");
    }
  }

  /**
   * Returns the private key file.
   *
   * @throws IllegalStateException if none is set; the message says how to set one
   */
  public Path key() {
    return required(keyFile, "JIPC_TLS_KEY", "a PEM private key");
  }

  /**
   * Returns the certificate file.
   *
   * @throws IllegalStateException if none is set
   */
  public Path cert() {
    return required(certFile, "JIPC_TLS_CERT", "a PEM certificate");
  }

  /**
   * Returns the CA certificate file.
   *
   * @throws IllegalStateException if none is set
   */
  public Path ca() {
    return required(caFile, "JIPC_TLS_CA", "the PEM certificate of the CA");
  }

  /** Returns these settings with {@code root} as the socket root. */
  public Settings withSocketRoot(Path root) {
    return new Settings(
        root, port, messages, clients, timeout, replyDelay, keyFile, certFile, caFile, onListening);
  }

  /** Returns these settings with {@code number} as the port. */
  public Settings withPort(int number) {
    return new Settings(
        socketRoot,
        number,
        messages,
        clients,
        timeout,
        replyDelay,
        keyFile,
        certFile,
        caFile,
        onListening);
  }

  /** Returns these settings with {@code count} messages. */
  public Settings withMessages(int count) {
    return new Settings(
        socketRoot,
        port,
        count,
        clients,
        timeout,
        replyDelay,
        keyFile,
        certFile,
        caFile,
        onListening);
  }

  /** Returns these settings with {@code count} clients. */
  public Settings withClients(int count) {
    return new Settings(
        socketRoot,
        port,
        messages,
        count,
        timeout,
        replyDelay,
        keyFile,
        certFile,
        caFile,
        onListening);
  }

  /** Returns these settings with {@code limit} as the timeout. */
  public Settings withTimeout(Duration limit) {
    return new Settings(
        socketRoot,
        port,
        messages,
        clients,
        limit,
        replyDelay,
        keyFile,
        certFile,
        caFile,
        onListening);
  }

  /** Returns these settings with {@code delay} as the sync servers' reply delay. */
  public Settings withReplyDelay(Duration delay) {
    return new Settings(
        socketRoot,
        port,
        messages,
        clients,
        timeout,
        delay,
        keyFile,
        certFile,
        caFile,
        onListening);
  }

  /** Returns these settings with the given TLS files (each may be null). */
  public Settings withTls(Path key, Path cert, Path ca) {
    return new Settings(
        socketRoot, port, messages, clients, timeout, replyDelay, key, cert, ca, onListening);
  }

  /** Returns these settings calling {@code callback} when a server listens. */
  public Settings withOnListening(Consumer<Endpoint> callback) {
    return new Settings(
        socketRoot,
        port,
        messages,
        clients,
        timeout,
        replyDelay,
        keyFile,
        certFile,
        caFile,
        callback);
  }

  private static Path required(Path file, String variable, String what) {
    if (file == null) {
      throw new IllegalStateException(
          "this example needs "
              + what
              + ": set "
              + variable
              + " (examples/README.md shows how to make one with openssl)");
    }
    return file;
  }

  private static String lookup(String property, String variable) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Path path(String property, String variable) {
    String value = lookup(property, variable);
    return value == null ? null : Path.of(value);
  }

  private static int number(String property, String variable, int fallback) {
    String value = lookup(property, variable);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " must be a number, not \"" + value + '"', e);
    }
  }

  private static Duration duration(String property, String variable, Duration fallback) {
    String value = lookup(property, variable);
    if (value == null) {
      return fallback;
    }
    String text = value.toLowerCase(Locale.ROOT);
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      } else if (text.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          variable + " must be a duration such as 500ms, 5s or 2m, not \"" + value + '"', e);
    }
  }
}
