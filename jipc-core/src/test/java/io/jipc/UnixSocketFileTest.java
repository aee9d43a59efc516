package io.jipc;

import static java.nio.file.attribute.PosixFilePermission.GROUP_READ;
import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.TempEndpoints;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The socket root and the socket file: created safely, never stolen, removed on close. */
class UnixSocketFileTest {
  private final TempEndpoints endpoints = new TempEndpoints();
  private final Path root = endpoints.dir().resolve("root");
  private final EventRecorder events = new EventRecorder();
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  @AfterEach
  void cleanUp() throws Exception {
    while (!open.isEmpty()) {
      open.pop().close();
    }
    endpoints.close();
  }

  private IpcConfig.Builder config() {
    return IpcConfig.builder().socketRoot(root).retry(Duration.ofMillis(50)).maxRetries(0);
  }

  private IpcServer server(Path path, IpcConfig.Builder config) {
    IpcServer server = IpcServer.create(Endpoint.unix(path), config.build());
    open.push(server);
    return server;
  }

  /** Connects a client to {@code path} and checks that a server answers there. */
  private void assertServes(IpcServer server, Path path) throws Exception {
    server.on("ping", (data, socket) -> socket.emit("pong", data));
    IpcClient client = IpcClient.create(Endpoint.unix(path), config().build());
    open.push(client);
    events.record(client, "client");
    client.connect().get(5, TimeUnit.SECONDS);
    events.next("client", "connect");
    client.emit("ping", "there?");
    assertThat(events.next("client", "pong").data()).isEqualTo("there?");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void serverUnderTheSocketRootCreatesItOwnerOnly() throws Exception {
    Path path = root.resolve("app.world");
    IpcServer server = server(path, config());
    server.start();
    assertThat(root).isDirectory();
    assertThat(mode(root)).isEqualTo("rwx------");
    assertServes(server, path);
  }

  @Test
  void socketRootWithGroupOrOtherBitsIsMadeOwnerOnly() throws Exception {
    Files.createDirectory(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
    IpcServer server = server(root.resolve("app.world"), config());
    server.start();
    assertThat(mode(root)).isEqualTo("rwx------");
  }

  @Test
  void sharedStickySocketRootIsRefusedAndLeftAlone() throws Exception {
    Files.createDirectory(root);
    Process chmod = new ProcessBuilder("chmod", "1777", root.toString()).start();
    assertThat(chmod.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(chmod.exitValue()).isZero();
    IpcServer server = server(root.resolve("app.world"), config());
    assertThatThrownBy(server::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(root.toString())
        .hasMessageContaining("sticky");
    assertThat(mode(root)).isEqualTo("rwxrwxrwx");
    assertThat(Files.exists(root.resolve("app.world"))).isFalse();
  }

  @Test
  void insecureSocketRootIsLeftAloneWhenNotChecked() throws Exception {
    Files.createDirectory(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-x---"));
    IpcServer server = server(root.resolve("app.world"), config().secureSocketRoot(false));
    server.start();
    assertThat(mode(root)).isEqualTo("rwxr-x---");
    assertServes(server, root.resolve("app.world"));
  }

  @Test
  void symlinkSocketRootIsRefused() throws Exception {
    Path real = Files.createDirectory(endpoints.dir().resolve("real"));
    Files.createSymbolicLink(root, real);
    IpcServer server = server(root.resolve("app.world"), config());
    assertThatThrownBy(server::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(root.toString());
    assertThat(real).isEmptyDirectory();
  }

  @Test
  void regularFileAsSocketRootIsRefused() throws Exception {
    Files.writeString(root, "not a directory");
    IpcServer server = server(root.resolve("app.world"), config());
    assertThatThrownBy(server::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(root.toString());
    assertThat(Files.readString(root)).isEqualTo("not a directory");
  }

  @Test
  void staleSocketFileIsReclaimed() throws Exception {
    Path path = endpoints.socketPath();
    try (ServerSocketChannel abandoned = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      abandoned.bind(UnixDomainSocketAddress.of(path));
    }
    assertThat(path).exists();
    IpcServer server = server(path, config());
    server.start();
    assertServes(server, path);
  }

  @Test
  void staleSocketFileIsKeptWithoutUnlinkAndStartFails() throws Exception {
    Path path = endpoints.socketPath();
    try (ServerSocketChannel abandoned = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      abandoned.bind(UnixDomainSocketAddress.of(path));
    }
    IpcServer server = server(path, config().unlink(false));
    assertThatThrownBy(server::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(path.toString());
    assertThat(path).exists();
  }

  @Test
  void liveSocketIsNotStolen() throws Exception {
    Path path = endpoints.socketPath();
    IpcServer first = server(path, config());
    first.start();
    IpcServer second = server(path, config());
    assertThatThrownBy(second::start)
        .isInstanceOf(BindException.class)
        .hasMessageContaining(path.toString())
        .hasMessageContainingAll("in use");
    assertServes(first, path);
  }

  @Test
  void regularFileAtTheSocketPathIsRefusedAndLeftIntact() throws Exception {
    Path path = endpoints.socketPath();
    Files.writeString(path, "precious");
    IpcServer server = server(path, config());
    assertThatThrownBy(server::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(path.toString());
    assertThat(Files.readString(path)).isEqualTo("precious");
  }

  @Test
  void readableAllAndWritableAllAddModeBits() throws Exception {
    Path readable = endpoints.socketPath();
    server(readable, config().readableAll(true)).start();
    assertThat(Files.getPosixFilePermissions(readable))
        .contains(GROUP_READ, OTHERS_READ)
        .doesNotContain(OTHERS_WRITE);
    Path writable = endpoints.socketPath();
    server(writable, config().writableAll(true)).start();
    assertThat(Files.getPosixFilePermissions(writable)).contains(GROUP_WRITE, OTHERS_WRITE);
    Path both = endpoints.socketPath();
    server(both, config().readableAll(true).writableAll(true)).start();
    assertThat(Files.getPosixFilePermissions(both))
        .contains(GROUP_READ, OTHERS_READ, GROUP_WRITE, OTHERS_WRITE);
  }

  @Test
  void closingTheServerRemovesItsSocketFile() throws Exception {
    Path path = endpoints.socketPath();
    IpcServer server = server(path, config());
    server.start();
    assertThat(path).exists();
    server.close();
    assertThat(path).doesNotExist();
  }

  @Test
  void closingTheServerLeavesAReplacementSocketFileAlone() throws Exception {
    Path path = endpoints.socketPath();
    IpcServer first = server(path, config());
    first.start();
    Files.delete(path);
    IpcServer second = server(path, config());
    second.start();
    first.close();
    assertThat(path).exists();
    assertServes(second, path);
  }

  @Test
  void socketPathTooLongGivesAClearError() throws Exception {
    Path path = endpoints.dir().resolve("p".repeat(120) + ".sock");
    IpcServer server = server(path, config());
    assertThatThrownBy(server::start)
        .isInstanceOf(IOException.class)
        .hasMessageContaining(path.toString())
        .hasMessageMatching("(?is).*(too long|limit).*");
    IpcClient client = IpcClient.create(Endpoint.unix(path), config().build());
    open.push(client);
    assertThatThrownBy(() -> client.connect().get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessageContaining(path.toString());
  }
}
