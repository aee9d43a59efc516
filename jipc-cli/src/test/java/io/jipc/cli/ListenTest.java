package io.jipc.cli;

import static io.jipc.cli.ServeEmitTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenTest {
  @TempDir Path dir;

  @Test
  void listenPrintsEventsUntilCount() throws Exception {
    Path socket = dir.resolve("s.sock");
    CommandRun serve = CommandRun.start("serve", socket.toString(), "--echo", "--count", "2");
    serve.err.await(line -> line.startsWith("listening on "));

    CommandRun listen =
        CommandRun.run(
            "listen", socket.toString(), "--emit", "a=1", "--emit", "b={\"x\":[]}", "--count", "2");

    assertThat(listen.exitCode()).as(listen.err.text()).isZero();
    assertThat(listen.out.lines()).hasSize(2);
    assertThat(json(listen.out.lines().get(0)))
        .containsEntry("type", "a")
        .containsEntry("data", 1L);
    assertThat(json(listen.out.lines().get(1)))
        .containsEntry("type", "b")
        .containsEntry("socket", socket.toString());
    assertThat(listen.err.lines()).containsExactly("jipc listen: connected to " + socket);
    assertThat(serve.exitCode()).isZero();
  }

  @Test
  void listenEndsWithOneWhenTheServerCloses() throws Exception {
    CommandRun serve = CommandRun.start("serve", "tcp://127.0.0.1:0", "--echo", "--count", "1");
    int port = serve.listeningPort();

    CommandRun listen = CommandRun.run("listen", "127.0.0.1:" + port, "--emit", "a=true");

    assertThat(serve.exitCode()).isZero();
    assertThat(listen.exitCode()).isEqualTo(Main.EXIT_FAILED);
    assertThat(listen.out.lines()).hasSize(1);
    assertThat(listen.err.lines())
        .last()
        .isEqualTo("jipc listen: tcp://127.0.0.1:" + port + " closed the connection");
  }

  @Test
  void timeoutWithoutCountIsANormalEndButShortOfCountExitsFour() throws Exception {
    CommandRun serve = CommandRun.start("serve", "tcp://127.0.0.1:0", "--timeout", "20s");
    String target = "tcp://127.0.0.1:" + serve.listeningPort();

    CommandRun quiet = CommandRun.run("listen", target, "--timeout", "200ms");
    CommandRun short1 = CommandRun.run("listen", target, "--timeout", "200ms", "--count", "1");

    assertThat(quiet.exitCode()).isZero();
    assertThat(short1.exitCode()).isEqualTo(Main.EXIT_TIMEOUT);
    assertThat(short1.err.lines())
        .last()
        .asString()
        .contains("received 0 of 1 events within 200ms");
    assertThat(serve.stop()).isZero();
  }

  @Test
  void listenOverUdpSaysHelloAndPrintsTheAnswer() throws Exception {
    CommandRun serve = CommandRun.start("serve", "udp4://127.0.0.1:0", "--echo", "--count", "1");
    int port = serve.listeningPort();

    CommandRun listen =
        CommandRun.run(
            "listen", "udp4://127.0.0.1:" + port, "--emit", "hi=\"there\"", "--count", "1");

    assertThat(listen.exitCode()).as(listen.err.text()).isZero();
    assertThat(json(listen.out.lines().get(0))).containsEntry("data", "there");
    assertThat(serve.exitCode()).isZero();
  }

  @Test
  void helloTheProfileRefusesExitsFive() throws Exception {
    CommandRun serve = CommandRun.start("serve", "tcp://127.0.0.1:0", "--timeout", "20s");
    String target = "tcp://127.0.0.1:" + serve.listeningPort();

    CommandRun listen = CommandRun.run("listen", target, "--emit", "error=1", "--timeout", "10s");

    assertThat(listen.exitCode()).isEqualTo(Main.EXIT_PROTOCOL);
    assertThat(listen.err.lines()).last().asString().contains("ERR_IPC_RESERVED_EVENT");
    assertThat(serve.stop()).isZero();
  }

  @Test
  void listenToNobodyExitsThree() throws Exception {
    CommandRun listen = CommandRun.run("listen", dir.resolve("none.sock").toString());

    assertThat(listen.exitCode()).isEqualTo(Main.EXIT_CONNECT);
    assertThat(listen.err.lines()).hasSize(1);
    assertThat(List.of(listen.err.lines().get(0))).allMatch(l -> l.startsWith("jipc listen: "));
  }
}
