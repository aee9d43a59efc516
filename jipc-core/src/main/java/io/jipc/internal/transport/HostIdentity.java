package io.jipc.internal.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The numeric user id of this process, needed for socket-root checks and default paths. */
public final class HostIdentity {
  private static volatile Integer uid;

  private HostIdentity() {}

  /**
   * Returns this process's effective uid, read from the owner of {@code /proc/self} or, where that
   * does not exist, of a file this process creates.
   *
   * @throws UnsupportedOperationException on a file system without Unix attributes
   */
  public static int uid() {
    Integer known = uid;
    if (known == null) {
      known = uid = readUid();
    }
    return known;
  }

  private static int readUid() {
    try {
      Path self = Path.of("/proc/self");
      if (Files.exists(self)) {
        return (Integer) Files.getAttribute(self, "unix:uid");
      }
      Path probe = Files.createTempFile("jipc-uid", ".tmp");
      try {
        return (Integer) Files.getAttribute(probe, "unix:uid");
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw new UnsupportedOperationException("cannot read this process's uid", e);
    }
  }
}
