package io.jipc.internal;

import io.jipc.internal.transport.HostIdentity;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * node-ipc 14's host-dependent defaults: the socket root, the service id (the host name) and the
 * network host. Each is found when first asked for, never when a config is built.
 */
public final class HostDefaults {
  private static volatile String hostName;
  private static volatile String networkHost;

  private HostDefaults() {}

  /**
   * Returns node-ipc 14's default socket root for this process's environment: {@link
   * #socketRoot(Map)} of {@link System#getenv()}.
   */
  public static Path socketRoot() {
    return socketRoot(System.getenv());
  }

  /**
   * Returns node-ipc 14's default socket root for a process with environment {@code env}, run by
   * this user on this operating system, as an absolute, normalized path.
   *
   * <p>On POSIX systems: {@code $XDG_RUNTIME_DIR/node-ipc} when that variable is set and not empty,
   * else {@code <tmpdir>/node-ipc-<uid>}, where {@code <tmpdir>} is what Node's {@code os.tmpdir()}
   * returns for {@code env} (see {@link #nodeTmpdir}); {@code java.io.tmpdir} plays no part. On
   * Windows node-ipc uses no directory at all but a named pipe ({@code
   * \\.\pipe\node-ipc-<user>-app.<id>}), which the JDK cannot serve; there the root is jipc's own:
   * {@code <tmpdir>\node-ipc-<user>}, with Node's Windows rule for {@code <tmpdir>}.
   *
   * @param env the environment variables to read, as {@link System#getenv()} gives them
   */
  public static Path socketRoot(Map<String, String> env) {
    boolean windows = System.getProperty("os.name", "").startsWith("Windows");
    String owner =
        windows
            ? safePathSegment(System.getProperty("user.name", "user"))
            : "" + HostIdentity.uid();
    return socketRoot(env, windows, owner);
  }

  /** {@link #socketRoot(Map)} with the operating system and the owner segment given. */
  static Path socketRoot(Map<String, String> env, boolean windows, String owner) {
    String runtime = windows ? null : env.get("XDG_RUNTIME_DIR");
    Path root =
        runtime != null && !runtime.isEmpty()
            ? Path.of(runtime, "node-ipc")
            : Path.of(nodeTmpdir(env, windows), "node-ipc-" + owner);
    return root.normalize().toAbsolutePath();
  }

  /**
   * Returns what Node's {@code os.tmpdir()} returns in a process with environment {@code env}.
   *
   * <p>POSIX: the first non-empty of {@code TMPDIR}, {@code TMP}, {@code TEMP}, else {@code /tmp};
   * one trailing {@code /} is removed unless the result is {@code /} itself. Windows: the first
   * non-empty of {@code TEMP}, {@code TMP}, else {@code SystemRoot} (or {@code windir}) followed by
   * {@code \temp}; one trailing {@code \} is removed unless it follows a drive's colon. Names are
   * matched case-insensitively on Windows, as there.
   */
  static String nodeTmpdir(Map<String, String> env, boolean windows) {
    if (windows) {
      String path = firstSet(env, true, "TEMP", "TMP");
      if (path == null) {
        String system = firstSet(env, true, "SystemRoot", "windir");
        // Node's string concatenation: "undefined\\temp" when neither is set.
        path = (system != null ? system : "undefined") + "\\temp";
      }
      if (path.length() > 1 && path.endsWith("\\") && !path.endsWith(":\\")) {
        path = path.substring(0, path.length() - 1);
      }
      return path;
    }
    String path = firstSet(env, false, "TMPDIR", "TMP", "TEMP");
    if (path == null) {
      return "/tmp";
    }
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static String firstSet(Map<String, String> env, boolean ignoreCase, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value == null && ignoreCase) {
        for (Map.Entry<String, String> e : env.entrySet()) {
          if (e.getKey().equalsIgnoreCase(name)) {
            value = e.getValue();
            break;
          }
        }
      }
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    return null;
  }

  /** node-ipc's {@code safePathSegment}: every character outside {@code [A-Za-z0-9_.-]} to _. */
  private static String safePathSegment(String value) {
    return value.replaceAll("[^a-zA-Z0-9_.-]", "_");
  }

  /** Returns the host name as node's {@code os.hostname()} does, read once. */
  public static String hostName() {
    String known = hostName;
    if (known == null) {
      known = hostName = readHostName();
    }
    return known;
  }

  private static String readHostName() {
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(kernel)) {
        String name = Files.readString(kernel).trim();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException e) {
      // Fall back below.
    }
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isEmpty()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /**
   * Returns node-ipc 14's default {@code networkHost}, found once: {@code ::1} when the host's
   * first network interface (the one with the lowest index, the loopback one on Linux, as Node
   * lists them first) has IPv6 addresses and no IPv4 one, else {@code 127.0.0.1}; also {@code
   * 127.0.0.1} when the interfaces cannot be read.
   */
  public static String networkHost() {
    String known = networkHost;
    if (known == null) {
      known = networkHost = readNetworkHost();
    }
    return known;
  }

  private static String readNetworkHost() {
    try {
      NetworkInterface first = null;
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (first == null || nic.getIndex() < first.getIndex()) {
          first = nic;
        }
      }
      if (first == null) {
        return "127.0.0.1";
      }
      return firstHostOf(Collections.list(first.getInetAddresses()));
    } catch (IOException e) {
      return "127.0.0.1";
    }
  }

  /** {@code ::1} when {@code addresses} has IPv6 ones and no IPv4 one, else {@code 127.0.0.1}. */
  static String firstHostOf(List<InetAddress> addresses) {
    boolean v4 = false;
    boolean v6 = false;
    for (InetAddress address : addresses) {
      v4 |= address instanceof Inet4Address;
      v6 |= address instanceof Inet6Address;
    }
    return v6 && !v4 ? "::1" : "127.0.0.1";
  }
}
