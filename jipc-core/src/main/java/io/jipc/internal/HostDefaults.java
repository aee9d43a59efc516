package io.jipc.internal;

import io.jipc.internal.transport.HostIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** node-ipc 14's host-dependent defaults: the socket root and the service id (the host name). */
public final class HostDefaults {
  private static volatile String hostName;

  private HostDefaults() {}

  /**
   * Returns {@code $XDG_RUNTIME_DIR/node-ipc} when that variable is set, else {@code
   * <java.io.tmpdir>/node-ipc-<uid>}, as node-ipc 14 computes it.
   */
  public static Path socketRoot() {
    String runtime = System.getenv("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isEmpty()) {
      return Path.of(runtime, "node-ipc").toAbsolutePath();
    }
    String tmp = System.getProperty("java.io.tmpdir");
    return Path.of(tmp, "node-ipc-" + HostIdentity.uid()).toAbsolutePath();
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
}
