package io.jipc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.IpcRemoteException;
import io.jipc.IpcServer;
import io.jipc.testing.EventRecorder;
import io.jipc.testing.NodeRuntime;
import io.jipc.testing.TempEndpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests and heartbeats with real node-ipc peers, running the README's own Node blocks word for
 * word: a node-ipc server that answers jipc's requests and pings, a node-ipc client that asks
 * jipc's handlers, and a node-ipc server without the ping line, which jipc's heartbeat closes. Each
 * Node program is the README block between a few lines of setup (the library, the socket root of
 * the test, a lifetime) and of test driving.
 */
@ExtendWith(InteropResults.class)
class RequestInteropTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String SERVER_BLOCK =
      "// node-ipc server: answers jipc's requests and pings";
  private static final String CLIENT_BLOCK = "// node-ipc client: asks jipc's onRequest handlers";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @ParameterizedTest(name = "{0}")
  @EnumSource(Lib.class)
  void theReadmesNodeServerAnswersJipcRequestsAndPings(Lib lib) throws Exception {
    InteropResults.check("requests, jipc → " + lib.label() + " (README server block)");
    try (TempEndpoints dir = new TempEndpoints();
        NodeProgram node =
            NodeProgram.start(lib, dir.dir(), nodeServer(readmeBlock(SERVER_BLOCK)))) {
      node.expect("ready");
      EventRecorder events = new EventRecorder();
      try (IpcClient client = connectBeating(dir, Duration.ofMillis(500), events)) {
        Object answer =
            client.request("price", Map.of("item", "tea")).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer).isEqualTo(Map.of("item", "tea", "price", 3L));
        List<java.util.concurrent.CompletableFuture<Object>> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          many.add(client.request("price", Map.of("item", "n" + i)));
        }
        for (int i = 0; i < 200; i++) {
          assertThat(many.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS))
              .isEqualTo(Map.of("item", "n" + i, "price", 3L));
        }
        try {
          client.request("nothing", 1).get(WAIT.toSeconds(), TimeUnit.SECONDS);
          throw new AssertionError("expected an error answer");
        } catch (ExecutionException e) {
          IpcRemoteException error = (IpcRemoteException) e.getCause();
          assertThat(error.code()).isEqualTo(IpcRemoteException.NO_HANDLER);
          assertThat(error.remoteMessage()).isEqualTo("no handler for nothing");
        }
        // Pings every 50 ms are answered by the README's line: 1.5 s is three heartbeat timeouts.
        events.assertNoEventWithin(Duration.ofMillis(1500));
        assertThat(client.isConnected()).isTrue();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Lib.class)
  void theReadmesNodeClientAsksJipcHandlers(Lib lib) throws Exception {
    InteropResults.check("requests, " + lib.label() + " → jipc (README client block)");
    try (TempEndpoints dir = new TempEndpoints();
        IpcServer server =
            IpcServer.create(
                Endpoint.unix(dir.dir().resolve("app.world")),
                IpcConfig.builder().silent(true).socketRoot(dir.dir()).build())) {
      server.onRequest("price", (data, socket) -> Map.of("price", 3));
      server.onRequest("double", (data, socket) -> 2 * (Long) data);
      server.onRequest(
          "fail",
          (data, socket) -> {
            throw new IpcRemoteException("E_NO", "not today");
          });
      server.start();
      try (NodeProgram node =
          NodeProgram.start(lib, dir.dir(), nodeClient(readmeBlock(CLIENT_BLOCK)))) {
        assertThat(node.expect("answer")).contains("\"data\":{\"price\":3}");
        assertThat(node.expect("many")).contains("\"ok\":true");
        assertThat(node.expect("rejected"))
            .contains("\"code\":\"E_NO\"")
            .contains("\"message\":\"not today\"");
        assertThat(node.expect("missing")).contains("\"code\":\"ERR_IPC_NO_HANDLER\"");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Lib.class)
  void aNodeServerThatDoesNotAnswerPingsIsClosedByTheHeartbeat(Lib lib) throws Exception {
    InteropResults.check("heartbeat timeout, jipc → " + lib.label() + " without the ping line");
    try (TempEndpoints dir = new TempEndpoints();
        NodeProgram node =
            NodeProgram.start(
                lib, dir.dir(), nodeServer("ipc.serve(() => {});\nipc.server.start();"))) {
      node.expect("ready");
      EventRecorder events = new EventRecorder();
      try (IpcClient client = connectBeating(dir, Duration.ofMillis(300), events)) {
        Object error = events.next("client", "error").data();
        assertThat(((IpcProtocolException) error).code())
            .isEqualTo(IpcProtocolException.HEARTBEAT_TIMEOUT);
        events.next("client", "disconnect");
        events.next("client", "connect"); // the node server is alive: the client comes back
      }
    }
  }

  /**
   * Connects a client to the node server at {@code app.world} in {@code dir}, pinging every 50 ms
   * and closing after {@code timeout} of silence, recorded by {@code events}; consumes its connect.
   */
  private static IpcClient connectBeating(TempEndpoints dir, Duration timeout, EventRecorder events)
      throws Exception {
    IpcConfig config =
        IpcConfig.builder()
            .silent(true)
            .heartbeat(Duration.ofMillis(50))
            .heartbeatTimeout(timeout)
            .retry(Duration.ofMillis(50))
            .build();
    IpcClient client = IpcClient.create(Endpoint.unix(dir.dir().resolve("app.world")), config);
    events.record(client, "client");
    client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    events.next("client", "connect");
    return client;
  }

  /** Returns the README's ```js block whose first line is {@code firstLine}, that line included. */
  static String readmeBlock(String firstLine) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher block =
        Pattern.compile("```js\n(" + Pattern.quote(firstLine) + "\n.*?)```", Pattern.DOTALL)
            .matcher(readme);
    assertThat(block.find()).as("README has a js block starting with %s", firstLine).isTrue();
    return block.group(1);
  }

  private static String prelude(String id) {
    return String.join(
        "\n",
        "const [lib, root] = process.argv.slice(2);",
        "const {IPCModule} = await import(lib === 'v14' ? 'node-ipc' : '@achrinza/node-ipc');",
        "const ipc = new IPCModule();",
        "ipc.config.id = '" + id + "';",
        "ipc.config.silent = true;",
        "ipc.config.socketRoot = root + '/';",
        "const out = (line) => process.stdout.write(JSON.stringify(line) + '\\n');",
        "setTimeout(() => { out({ev: 'timeout'}); process.exit(2); }, 60000).unref();",
        "process.stdin.on('end', () => process.exit(0));",
        "process.stdin.resume();",
        "");
  }

  /** A node-ipc server: the setup, {@code block}, and a line when it listens. */
  private static String nodeServer(String block) {
    return prelude("world") + block + "\nipc.server.on('start', () => out({ev: 'ready'}));\n";
  }

  /** A node-ipc client: the setup, {@code block}, and the requests the test checks. */
  private static String nodeClient(String block) {
    return prelude("hello")
        + block
        + String.join(
            "\n",
            "",
            "ipc.of.world.on('connect', async () => {",
            "  out({ev: 'answer', data: await request('price', {item: 'tea'})});",
            "  const many = await Promise.all(Array.from({length: 200}, (_, i) => request('double', i)));",
            "  out({ev: 'many', ok: many.every((v, i) => v === 2 * i)});",
            "  await request('fail', 1).then(() => out({ev: 'wrong'}), (error) => out({ev: 'rejected', error}));",
            "  await request('none', 1).then(() => out({ev: 'wrong'}), (error) => out({ev: 'missing', error}));",
            "});",
            "");
  }

  /** One Node program of this test, its stdout lines queued, ended by PID when closed. */
  private static final class NodeProgram implements AutoCloseable {
    private final Process process;
    private final Path script;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private NodeProgram(Process process, Path script, Path stderr) {
      this.process = process;
      this.script = script;
      this.stderr = stderr;
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("{\"ev\":\"io\",\"message\":\"" + e.getMessage() + "\"}");
                }
              },
              "node-program-" + process.pid());
      reader.setDaemon(true);
      reader.start();
    }

    static NodeProgram start(Lib lib, Path root, String program) throws IOException {
      NodeRuntime node = NodeRuntime.get();
      Path script = Files.createTempFile(node.dir(), "requests-", ".mjs");
      Files.writeString(script, program, StandardCharsets.UTF_8);
      Path stderr = Files.createTempFile(node.dir(), "requests-", ".stderr");
      Process process =
          new ProcessBuilder(
                  node.node().toString(),
                  script.getFileName().toString(),
                  lib.arg(),
                  root.toString())
              .directory(node.dir().toFile())
              .redirectError(stderr.toFile())
              .start();
      return new NodeProgram(process, script, stderr);
    }

    /** Waits for the line of event {@code ev} and returns it; other lines are skipped. */
    String expect(String ev) throws InterruptedException, IOException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError(
              "node printed no \""
                  + ev
                  + "\" line within "
                  + WAIT
                  + "; stderr:\n"
                  + Files.readString(stderr));
        }
        if (line.startsWith("{\"ev\":\"" + ev + "\"")) {
          return line;
        }
        if (line.startsWith("{\"ev\":\"timeout\"") || line.startsWith("{\"ev\":\"wrong\"")) {
          throw new AssertionError("node: " + line);
        }
      }
    }

    @Override
    public void close() throws IOException {
      process.getOutputStream().close(); // the program exits when its stdin ends
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Files.deleteIfExists(script);
      Files.deleteIfExists(stderr);
    }
  }
}
