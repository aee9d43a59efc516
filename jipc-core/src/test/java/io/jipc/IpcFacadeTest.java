package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.TempEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** node-ipc's README examples, translated line by line onto {@link Ipc}. */
class IpcFacadeTest {
  private final TempEndpoints endpoints = new TempEndpoints();
  private final Path socketRoot = endpoints.dir().resolve("node-ipc");
  private final EventRecorder worldEvents = new EventRecorder();
  private final EventRecorder helloEvents = new EventRecorder();
  private final Ipc world = new Ipc();
  private final Ipc hello = new Ipc();

  @AfterEach
  void cleanUp() {
    hello.disconnect("world");
    try {
      world.server().close();
    } catch (IllegalStateException noServer) {
      // this test never served
    }
    endpoints.close();
  }

  @Test
  void helloWorldOverTheDefaultUnixPath() throws Exception {
    List<String> worldLog = new CopyOnWriteArrayList<>();
    List<String> helloLog = new CopyOnWriteArrayList<>();
    world.config().id("world").retry(Duration.ofMillis(1500)).socketRoot(socketRoot);
    world.config().logger(worldLog::add);
    world.serve(
        () ->
            world
                .server()
                .on(
                    "message",
                    (data, socket) -> {
                      world.log("got a message :", data);
                      world.server().emit(socket, "message", data + " world!");
                    }));
    worldEvents.record(world.server(), "world");
    world.server().start();
    worldEvents.next("world", "start");
    assertThat(world.server().endpoint()).isEqualTo(Endpoint.unix(socketRoot.resolve("app.world")));
    assertThat(socketRoot.resolve("app.world")).exists();

    hello.config().id("hello").retry(Duration.ofMillis(1500)).socketRoot(socketRoot);
    hello.config().logger(helloLog::add);
    hello.connectTo(
        "world",
        () -> {
          hello.of("world").on("connect", () -> hello.of("world").emit("message", "hello"));
          hello.of("world").on("message", data -> hello.log("got a message from world :", data));
          helloEvents.record(hello.of("world"), "hello");
        });
    helloEvents.next("hello", "connect");
    worldEvents.skipTo("world", "connect");
    assertThat(worldEvents.next("world", "message").data()).isEqualTo("hello");
    assertThat(helloEvents.next("hello", "message").data()).isEqualTo("hello world!");
    assertThat(worldLog).contains("got a message : hello");
    assertThat(helloLog).contains("got a message from world : hello world!");

    IpcClient client = hello.of("world");
    hello.disconnect("world");
    helloEvents.skipTo("hello", "disconnect");
    helloEvents.skipTo("hello", "destroy");
    assertThat(client.isConnected()).isFalse();
    assertThatThrownBy(() -> hello.of("world")).isInstanceOf(NoSuchElementException.class);
    worldEvents.skipTo("world", "socket.disconnected");
  }

  @Test
  void serveNetOnAFreePortAndConnectToNet() throws Exception {
    world.config().id("world");
    world.serveNet("127.0.0.1", 0, null);
    worldEvents.record(world.server(), "world");
    world
        .server()
        .on("message", (data, socket) -> world.server().emit(socket, "message", data + "!"));
    world.server().start();
    Endpoint.Tcp bound = (Endpoint.Tcp) world.server().endpoint();
    assertThat(bound.port()).isPositive();

    hello.connectToNet(
        "world",
        "127.0.0.1",
        bound.port(),
        () -> {
          helloEvents.record(hello.of("world"), "hello");
          hello.of("world").on("connect", () -> hello.of("world").emit("message", "hi"));
        });
    helloEvents.next("hello", "connect");
    assertThat(helloEvents.next("hello", "message").data()).isEqualTo("hi!");
    assertThat(hello.of("world").endpoint()).isEqualTo(Endpoint.tcp("127.0.0.1", bound.port()));
  }

  @Test
  void connectToNetUsesNetworkHostAndThePortGiven() throws Exception {
    world.serveNet("127.0.0.1", 0, null);
    world.server().start();
    int port = ((Endpoint.Tcp) world.server().endpoint()).port();
    hello.config().networkHost("127.0.0.1");
    hello.connectToNet("world", port, null);
    assertThat(hello.of("world").endpoint()).isEqualTo(Endpoint.tcp("127.0.0.1", port));
    assertThat(hello.of("world").connect().get(5, java.util.concurrent.TimeUnit.SECONDS))
        .isSameAs(hello.of("world"));
  }

  @Test
  void instancesAreIndependent() {
    world.config().id("world").maxMessageSize(1000);
    hello.config().id("hello");
    assertThat(hello.config().build().limits().maxMessageSize()).isEqualTo(1024 * 1024);
    assertThat(new Ipc().config().build().id()).isNotEqualTo("world");
    assertThatThrownBy(world::server).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> hello.of("world")).isInstanceOf(NoSuchElementException.class);
    assertThat(Ipc.global()).isSameAs(Ipc.global()).isNotSameAs(world);
  }

  @Test
  void serveAtAStringPathAndConnectToItWithoutCallbacks() throws Exception {
    String path = endpoints.dir().resolve("string.sock").toString();
    world.config().id("world");
    world.serve(path, null);
    worldEvents.record(world.server(), "world");
    world.server().start();
    assertThat(world.server().endpoint()).isEqualTo(Endpoint.unix(Path.of(path)));
    hello.connectTo("world", path, null);
    worldEvents.skipTo("world", "connect");
    assertThat(hello.of("world").endpoint()).isEqualTo(Endpoint.unix(Path.of(path)));
  }

  @Test
  void serveAndConnectToWithoutAnyArgumentButTheIdUseTheDefaultPath() throws Exception {
    world.config().id("world").socketRoot(socketRoot);
    world.serve();
    worldEvents.record(world.server(), "world");
    world.server().start();
    hello.config().socketRoot(socketRoot);
    hello.connectTo("world");
    worldEvents.skipTo("world", "connect");
    assertThat(hello.of("world").endpoint())
        .isEqualTo(Endpoint.unix(socketRoot.resolve("app.world")));
  }

  @Test
  void serveSnapshotsTheConfig() throws Exception {
    world.config().id("world").socketRoot(socketRoot).maxMessageSize(4096);
    world.serve(null);
    world.config().maxMessageSize(8192).id("other");
    assertThat(world.server().config().limits().maxMessageSize()).isEqualTo(4096);
    assertThat(world.server().endpoint()).isEqualTo(Endpoint.unix(socketRoot.resolve("app.world")));
  }

  @Test
  void logGoesToTheConfiguredLogger() {
    List<String> lines = new CopyOnWriteArrayList<>();
    world.config().logger(lines::add);
    world.log("got a message :", 42, true, null);
    assertThat(lines).containsExactly("got a message : 42 true null");
  }

  @Test
  void libraryLogLinesGoToTheConfiguredLogger() throws Exception {
    assertThat(logLinesOfAThrowingErrorHandler(false))
        .isNotEmpty()
        .noneMatch(l -> l.contains("s3cr3t"));
  }

  @Test
  void silentLogsNothingAnywhere() throws Exception {
    assertThat(logLinesOfAThrowingErrorHandler(true)).isEmpty();
  }

  /** Runs a server whose error handler throws (which is logged) and returns the log lines. */
  private List<String> logLinesOfAThrowingErrorHandler(boolean silent) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    world.config().id("world").socketRoot(socketRoot).logger(lines::add).silent(silent);
    world.log("from the application");
    world.serve(null);
    world
        .server()
        .on(
            "boom",
            () -> {
              throw new IllegalStateException("handler failed");
            });
    world
        .server()
        .on(
            "error",
            () -> {
              throw new IllegalStateException("error handler failed");
            });
    worldEvents.record(world.server(), "world");
    world.server().start();
    hello.config().socketRoot(socketRoot).logger(lines::add).silent(silent);
    hello.connectTo("world", () -> helloEvents.record(hello.of("world"), "hello"));
    helloEvents.skipTo("hello", "connect");
    hello.of("world").emit("boom", "s3cr3t");
    hello.of("world").emit("after");
    worldEvents.skipTo("world", "after");
    hello.disconnect("world");
    worldEvents.skipTo("world", "socket.disconnected");
    return lines;
  }
}
