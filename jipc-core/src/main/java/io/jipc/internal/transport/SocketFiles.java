package io.jipc.internal.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The file-system side of Unix sockets: the owner-only socket root, stale-socket reclaim, and the
 * socket file's mode. Stateless and thread-safe.
 */
final class SocketFiles {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_ISVTX = 01000;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private SocketFiles() {}

  /**
   * Creates {@code root} (0700) when {@code socketPath} lies under it and, if {@code secure},
   * checks that it is a real directory owned by this user, removing group and other bits found on
   * it.
   */
  static void prepareRoot(Path socketPath, Path root, boolean secure) throws IOException {
    Path absoluteRoot = root.toAbsolutePath().normalize();
    if (!socketPath.toAbsolutePath().normalize().startsWith(absoluteRoot)) {
      return;
    }
    if (!Files.exists(absoluteRoot, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(absoluteRoot, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    if (!secure) {
      return;
    }
    if (!Files.isDirectory(absoluteRoot, LinkOption.NOFOLLOW_LINKS)) {
      throw rootError(absoluteRoot, "must be a real directory, not a symbolic link or a file");
    }
    int owner = (Integer) Files.getAttribute(absoluteRoot, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int uid = HostIdentity.uid();
    if (owner != uid) {
      throw rootError(absoluteRoot, "must be owned by uid " + uid + ", is owned by uid " + owner);
    }
    int bits = (Integer) Files.getAttribute(absoluteRoot, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    if ((bits & S_ISVTX) != 0) {
      // A sticky directory such as /tmp is shared by design: never take it over (node-ipc 14,
      // run as root, would chmod /tmp to 0700 here).
      throw rootError(
          absoluteRoot, "is a shared sticky directory; use a private directory below it");
    }
    Set<PosixFilePermission> mode =
        Files.getPosixFilePermissions(absoluteRoot, LinkOption.NOFOLLOW_LINKS);
    if (!OWNER_ONLY.containsAll(mode)) {
      Set<PosixFilePermission> ownerBits = EnumSet.copyOf(mode);
      ownerBits.retainAll(OWNER_ONLY);
      Files.setPosixFilePermissions(absoluteRoot, ownerBits);
    }
  }

  /** Returns true when {@code path} is a direct child of the socket root. */
  static boolean directChildOf(Path path, Path root) {
    Path parent = path.toAbsolutePath().normalize().getParent();
    return parent != null && parent.equals(root.toAbsolutePath().normalize());
  }

  /**
   * Removes a stale socket file at {@code path}: nothing if there is none; refuses a file that is
   * not a socket ({@code ERR_IPC_UNLINK_NOT_SOCKET}) and a socket someone listens on.
   */
  static void removeStale(Path path) throws IOException {
    int mode;
    try {
      mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if ((mode & S_IFMT) != S_IFSOCK) {
      throw new FileSystemException(
          path.toString(),
          null,
          "refusing to unlink a path that is not a socket (ERR_IPC_UNLINK_NOT_SOCKET)");
    }
    if (someoneListens(path)) {
      throw new BindException(
          "address in use: a server is listening on " + path + " (not removing a live socket)");
    }
    Files.deleteIfExists(path);
  }

  private static boolean someoneListens(Path path) throws IOException {
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(path));
      return true;
    } catch (ConnectException e) {
      return false;
    }
  }

  /** Adds read and/or write permission for group and others to the socket file. */
  static void grantAll(Path path, boolean readable, boolean writable) throws IOException {
    if (!readable && !writable) {
      return;
    }
    Set<PosixFilePermission> mode = EnumSet.copyOf(Files.getPosixFilePermissions(path));
    if (readable) {
      mode.addAll(
          EnumSet.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.GROUP_READ,
              PosixFilePermission.OTHERS_READ));
    }
    if (writable) {
      mode.addAll(
          EnumSet.of(
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.GROUP_WRITE,
              PosixFilePermission.OTHERS_WRITE));
    }
    Files.setPosixFilePermissions(path, mode);
  }

  /** Returns the file's identity (device and inode) or null when it cannot be read. */
  static Object fileKey(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  private static IOException rootError(Path root, String what) {
    return new FileSystemException(
        root.toString(), null, "socketRoot " + what + " (ERR_IPC_SOCKET_ROOT)");
  }
}
