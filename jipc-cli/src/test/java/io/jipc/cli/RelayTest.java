package io.jipc.cli;

import static io.jipc.cli.ServeEmitTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --relay} with {@code listen} and {@code emit}: the README's pub/sub demo. */
class RelayTest {
  @TempDir Path dir;

  @Test
  void relayingServerSendsEmittedEventToEveryListenerButNotBackToTheSender() throws Exception {
    String socket = dir.resolve("hub.sock").toString();
    CommandRun hub = CommandRun.start("serve", socket, "--relay", "--timeout", "20s");
    hub.err.await(line -> line.endsWith("; relaying each event to the other sockets)"));
    CommandRun first = CommandRun.start("listen", socket, "--count", "1");
    hub.err.await(line -> line.startsWith("socket 1 connected"));
    CommandRun second = CommandRun.start("listen", socket, "--count", "1");
    hub.err.await(line -> line.startsWith("socket 2 connected"));

    CommandRun emit =
        CommandRun.run("emit", socket, "news", "{\"n\":1}", "--wait", "news", "--timeout", "500ms");

    assertThat(emit.exitCode()).as("the sender gets no copy").isEqualTo(Main.EXIT_TIMEOUT);
    for (CommandRun listener : new CommandRun[] {first, second}) {
      assertThat(listener.exitCode()).as(listener.err.text()).isZero();
      assertThat(json(listener.out.lines().get(0)))
          .containsEntry("type", "news")
          .containsEntry("data", Map.of("n", 1L));
    }
    assertThat(json(hub.out.lines().get(0))).containsEntry("socket", "3");
    assertThat(hub.stop()).isZero();
  }

  @Test
  void plainServerDoesNotRelay() throws Exception {
    String socket = dir.resolve("plain.sock").toString();
    CommandRun serve = CommandRun.start("serve", socket, "--timeout", "20s");
    serve.err.await(line -> line.startsWith("listening on "));
    CommandRun listen = CommandRun.start("listen", socket, "--count", "1", "--timeout", "1s");
    serve.err.await(line -> line.startsWith("socket 1 connected"));

    assertThat(CommandRun.run("emit", socket, "news").exitCode()).isZero();

    assertThat(listen.exitCode()).isEqualTo(Main.EXIT_TIMEOUT);
    assertThat(listen.out.lines()).isEmpty();
    assertThat(serve.stop()).isZero();
  }
}
