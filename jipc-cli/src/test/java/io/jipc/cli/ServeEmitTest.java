package io.jipc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeEmitTest {
  @TempDir Path dir;

  @Test
  void serveOnUnixSocketPrintsTheEmittedEventAsJsonLine() throws Exception {
    Path socket = dir.resolve("s.sock");
    CommandRun serve = CommandRun.start("serve", socket.toString(), "--count", "1");
    serve.err.await(line -> line.equals("listening on " + socket + " (profile guarded)"));

    CommandRun emit = CommandRun.run("emit", socket.toString(), "hello", "{\"n\":1,\"s\":\"é\"}");

    assertThat(emit.exitCode()).as(emit.err.text()).isZero();
    assertThat(emit.out.lines()).isEmpty();
    assertThat(serve.exitCode()).isZero();
    Map<String, Object> line = json(serve.out.lines().get(0));
    assertThat(line).containsKeys("ts").containsEntry("socket", "1");
    assertThat(line).containsEntry("type", "hello");
    assertThat(line.get("data")).isEqualTo(Map.of("n", 1L, "s", "é"));
    assertThat(serve.err.lines()).contains("socket 1 disconnected");
    assertThat(Files.exists(socket)).as("socket file removed").isFalse();
  }

  @Test
  void idTargetServesAtSocketRootPlusAppspacePlusId() throws Exception {
    String root = dir.toString();
    CommandRun serve = CommandRun.start("serve", "world", "--socket-root", root, "--count", "1");
    serve.err.await(line -> line.startsWith("listening on " + dir.resolve("app.world")));

    CommandRun emit = CommandRun.run("emit", "world", "--socket-root", root, "message", "\"hi\"");

    assertThat(emit.exitCode()).isZero();
    assertThat(serve.exitCode()).isZero();
    assertThat(json(serve.out.lines().get(0))).containsEntry("data", "hi");
  }

  @Test
  void echoOverTcpAnswersEmitWait() throws Exception {
    CommandRun serve = CommandRun.start("serve", "tcp://127.0.0.1:0", "--echo", "--count", "1");
    int port = serve.listeningPort();

    CommandRun emit =
        CommandRun.run("emit", "127.0.0.1:" + port, "ping", "[1,2.5,null,true]", "--wait", "ping");

    assertThat(emit.exitCode()).as(emit.err.text()).isZero();
    Map<String, Object> reply = json(emit.out.lines().get(0));
    assertThat(reply)
        .containsEntry("type", "ping")
        .containsEntry("socket", "tcp://127.0.0.1:" + port);
    assertThat(reply.get("data")).isEqualTo(Arrays.asList(1L, 2.5, null, true));
    assertThat(serve.exitCode()).isZero();
  }

  @Test
  void cannedReplyAnswersItsTypeAndEchoTheRest() throws Exception {
    CommandRun serve =
        CommandRun.start(
            "serve",
            "tcp://127.0.0.1:0",
            "--echo",
            "--reply",
            "hello={\"ok\":true}",
            "--count",
            "2");
    String target = "tcp://127.0.0.1:" + serve.listeningPort();

    CommandRun canned = CommandRun.run("emit", target, "hello", "--wait", "hello");
    CommandRun echoed = CommandRun.run("emit", target, "other", "7", "--wait", "*");

    assertThat(json(canned.out.lines().get(0))).containsEntry("data", Map.of("ok", true));
    assertThat(json(echoed.out.lines().get(0)))
        .containsEntry("type", "other")
        .containsEntry("data", 7L);
    assertThat(serve.exitCode()).isZero();
  }

  @Test
  void udp4EmitReachesServeAndGetsTheEcho() throws Exception {
    CommandRun serve = CommandRun.start("serve", "udp4://127.0.0.1:0", "--echo", "--count", "1");
    int port = serve.listeningPort();

    CommandRun emit =
        CommandRun.run("emit", "udp4://127.0.0.1:" + port, "ping", "\"x\"", "--wait", "ping");

    assertThat(emit.exitCode()).as(emit.err.text()).isZero();
    assertThat(json(emit.out.lines().get(0))).containsEntry("data", "x");
    assertThat(serve.exitCode()).isZero();
    assertThat((String) json(serve.out.lines().get(0)).get("socket")).contains("127.0.0.1");
  }

  @Test
  void rawProfileEchoesBytesPrintedAsNodeBuffer() throws Exception {
    Path socket = dir.resolve("raw.sock");
    CommandRun serve =
        CommandRun.start("serve", socket.toString(), "--raw", "--echo", "--count", "1");
    serve.err.await(line -> line.startsWith("listening on "));

    CommandRun emit = CommandRun.run("emit", "--raw", socket.toString(), "hi", "--wait", "data");

    assertThat(emit.exitCode()).as(emit.err.text()).isZero();
    Map<String, Object> line = json(emit.out.lines().get(0));
    assertThat(line).containsEntry("type", "data");
    assertThat(line.get("data")).isEqualTo(Map.of("type", "Buffer", "data", List.of(104L, 105L)));
    assertThat(serve.exitCode()).isZero();
  }

  @Test
  void connectRefusedExitsThree() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    CommandRun tcp = CommandRun.run("emit", "tcp://127.0.0.1:" + closedPort, "x");
    CommandRun unix = CommandRun.run("emit", dir.resolve("nobody.sock").toString(), "x");

    assertThat(tcp.exitCode()).isEqualTo(Main.EXIT_CONNECT);
    assertThat(tcp.err.lines())
        .singleElement()
        .asString()
        .startsWith("jipc emit: cannot connect to");
    assertThat(unix.exitCode()).isEqualTo(Main.EXIT_CONNECT);
    assertThat(unix.err.lines()).hasSize(1);
  }

  @Test
  void waitingPastTimeoutExitsFour() throws Exception {
    CommandRun serve = CommandRun.start("serve", "tcp://127.0.0.1:0", "--timeout", "20s");
    int port = serve.listeningPort();

    CommandRun emit =
        CommandRun.run(
            "emit", "tcp://127.0.0.1:" + port, "ask", "--wait", "answer", "--timeout", "300ms");

    assertThat(emit.exitCode()).isEqualTo(Main.EXIT_TIMEOUT);
    assertThat(emit.err.lines())
        .containsExactly(
            "jipc emit: cannot receive answer from tcp://127.0.0.1:" + port + " within 300ms");
    assertThat(serve.stop()).isZero();
  }

  @Test
  void eventTheProfileRefusesExitsFive() throws Exception {
    CommandRun serve = CommandRun.start("serve", "tcp://127.0.0.1:0", "--timeout", "20s");
    int port = serve.listeningPort();

    CommandRun emit = CommandRun.run("emit", "tcp://127.0.0.1:" + port, "connect");

    assertThat(emit.exitCode()).isEqualTo(Main.EXIT_PROTOCOL);
    assertThat(emit.err.text()).contains("ERR_IPC_RESERVED_EVENT");
    assertThat(serve.stop()).isZero();
  }

  @Test
  void usageErrorsExitTwoWithOneLine() throws Exception {
    List<String[]> bad =
        List.of(
            new String[] {"emit", "foo://bar", "x"},
            new String[] {"emit", "tcp://127.0.0.1:99999", "x"},
            new String[] {"emit", "tcp://127.0.0.1:0", "x"},
            new String[] {"emit", "tcp://127.0.0.1:1", "x", "{bad"},
            new String[] {"emit", "tcp://127.0.0.1:1", "x", "--key", "k.pem"},
            new String[] {"emit", "tcp://127.0.0.1:1", "x", "--timeout", "soon"},
            new String[] {"serve", "tls://127.0.0.1:0"},
            new String[] {"serve", "x", "--profile", "loose"},
            new String[] {"serve", "x", "--reply", "a=[1,"},
            new String[] {"listen", "x", "--count", "-1"});
    for (String[] args : bad) {
      CommandRun run = CommandRun.run(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(Main.EXIT_USAGE);
      assertThat(run.err.lines()).as(String.join(" ", args)).hasSize(1);
      assertThat(run.err.lines().get(0)).startsWith("jipc " + args[0] + ": ").contains("--help");
    }
  }

  @Test
  void everySubcommandHasHelp() throws Exception {
    for (String command : List.of("demo", "serve", "emit", "listen", "bench")) {
      CommandRun run = CommandRun.run(command, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out.text()).startsWith("Usage: jipc " + command);
    }
    for (String role : List.of("server", "client")) {
      CommandRun run = CommandRun.run("bench", role, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out.text()).startsWith("Usage: jipc bench " + role).contains("--profile");
    }
    assertThat(CommandRun.run("emit", "--help").out.text()).contains("JIPC_TIMEOUT");
  }

  @Test
  void atFileSendsDataLargerThanOneArgumentMayBe() throws Exception {
    Path socket = dir.resolve("f.sock");
    String text = "x".repeat(200 * 1024);
    Path file = Files.writeString(dir.resolve("data.json"), "{\"text\":\"" + text + "\"}");
    CommandRun serve = CommandRun.start("serve", socket.toString(), "--count", "1");
    serve.err.await(line -> line.startsWith("listening on "));

    CommandRun emit = CommandRun.run("emit", socket.toString(), "big", "@" + file);

    assertThat(emit.exitCode()).as(emit.err.text()).isZero();
    assertThat(serve.exitCode()).isZero();
    assertThat(json(serve.out.lines().get(0)).get("data")).isEqualTo(Map.of("text", text));
  }

  @Test
  void atFileOverMaxMessageSizeIsAUsageErrorNamingTheFileAndTheLimit() throws Exception {
    Path file = Files.write(dir.resolve("huge.json"), new byte[1024 * 1024 + 1]);
    Path missing = dir.resolve("missing.json");

    CommandRun huge = CommandRun.run("emit", "tcp://127.0.0.1:1", "x", "@" + file);
    CommandRun none = CommandRun.run("serve", "tcp://127.0.0.1:0", "--reply", "a=@" + missing);

    assertThat(huge.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(huge.err.lines())
        .singleElement()
        .asString()
        .contains(file + " holds more than maxMessageSize (1048576 bytes)");
    assertThat(none.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(none.err.lines()).singleElement().asString().contains("no file " + missing);
  }

  @Test
  void portInUseSaysCannotListenOnceWithoutClassNames() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String target = "tcp://127.0.0.1:" + taken.getLocalPort();

      CommandRun serve = CommandRun.run("serve", target);

      assertThat(serve.exitCode()).isEqualTo(Main.EXIT_CONNECT);
      String line = serve.err.lines().get(0);
      assertThat(line).startsWith("jipc serve: cannot listen on 127.0.0.1:");
      assertThat(line.split("cannot listen on", -1)).as(line).hasSize(2);
      assertThat(line).doesNotContain("java.", "sun.", "Exception");
    }
  }

  @Test
  void assuredWithoutAllowIsAUsageErrorThatNamesAllow() throws Exception {
    for (String command : List.of("serve", "listen", "emit")) {
      String[] args =
          command.equals("emit")
              ? new String[] {command, "x", "t", "--profile", "assured"}
              : new String[] {command, "x", "--profile", "assured"};
      CommandRun run = CommandRun.run(args);

      assertThat(run.exitCode()).as(command).isEqualTo(Main.EXIT_USAGE);
      assertThat(run.err.lines()).singleElement().asString().contains("--allow");
    }
  }

  @Test
  void helpListsOnlyTheOptionsThatApply() throws Exception {
    assertThat(CommandRun.run("serve", "--help").out.text())
        .contains("--relay", "--request-cert", "--key", "--raw")
        .doesNotContain("--server-name");
    for (String command : List.of("emit", "listen")) {
      assertThat(CommandRun.run(command, "--help").out.text())
          .contains("--server-name", "--ca", "--raw")
          .doesNotContain("--request-cert", "--relay");
    }
    assertThat(CommandRun.run("bench", "server", "--help").out.text())
        .contains("--request-cert")
        .doesNotContain("--raw", "--server-name");
    assertThat(CommandRun.run("bench", "client", "--help").out.text())
        .contains("--server-name")
        .doesNotContain("--raw", "--request-cert");
    assertThat(CommandRun.run("demo", "--help").out.text())
        .doesNotContain("--key", "--profile", "--raw");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String line) {
    return (Map<String, Object>) JsonArgument.json(line);
  }
}
