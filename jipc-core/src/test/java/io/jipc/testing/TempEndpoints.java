package io.jipc.testing;

import io.jipc.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Fresh endpoints for tests: Unix sockets in a private (0700) temp directory that {@link #close()}
 * removes, and TCP on 127.0.0.1 with port 0 (the system picks a free port). Only loopback.
 */
public final class TempEndpoints implements AutoCloseable {
  private final Path dir;
  private final AtomicInteger count = new AtomicInteger();

  /** Creates the private directory. */
  public TempEndpoints() {
    try {
      dir =
          Files.createTempDirectory(
              "jipc",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the private directory. */
  public Path dir() {
    return dir;
  }

  /** Returns a fresh socket path in the private directory. */
  public Path socketPath() {
    return dir.resolve("s" + count.incrementAndGet() + ".sock");
  }

  /** Returns a fresh Unix endpoint. */
  public Endpoint unix() {
    return Endpoint.unix(socketPath());
  }

  /** Returns a TCP endpoint on 127.0.0.1 with a system-chosen port. */
  public Endpoint tcp() {
    return Endpoint.tcp("127.0.0.1", 0);
  }

  /** Returns a fresh endpoint of {@code transport} ("unix" or "tcp"). */
  public Endpoint fresh(String transport) {
    return switch (transport) {
      case "unix" -> unix();
      case "tcp" -> tcp();
      default -> throw new IllegalArgumentException(transport);
    };
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
