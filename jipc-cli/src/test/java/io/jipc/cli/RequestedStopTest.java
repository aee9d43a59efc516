package io.jipc.cli;

import static io.jipc.cli.ServeEmitTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as a user runs it, in a child JVM: a requested stop (Ctrl-C, SIGTERM) of {@code
 * serve} and {@code listen} exits 0, as the README and {@code --help} say, not the JVM's 130 or
 * 143; and {@code -} reads JSON data from stdin.
 */
class RequestedStopTest {
  @TempDir Path dir;

  @Test
  void ctrlCStopsServeWithZeroAndRemovesItsSocket() throws Exception {
    assumeFalse(ChildCommand.sigintIgnored(), "SIGINT is ignored here (a background job)");
    Path socket = dir.resolve("s.sock");
    try (ChildCommand serve = ChildCommand.start(null, "serve", socket.toString())) {
      serve.err.await(line -> line.startsWith("listening on " + socket));

      serve.signal("INT");

      assertThat(serve.exitCode()).as(serve.err.text()).isZero();
      assertThat(Files.exists(socket)).as("socket file removed").isFalse();
    }
  }

  @Test
  void sigtermStopsServeWithZero() throws Exception {
    try (ChildCommand serve = ChildCommand.start(null, "serve", "tcp://127.0.0.1:0")) {
      serve.err.await(line -> line.startsWith("listening on "));

      serve.signal("TERM");

      assertThat(serve.exitCode()).as(serve.err.text()).isZero();
    }
  }

  @Test
  void ctrlCStopsListenWithZero() throws Exception {
    assumeFalse(ChildCommand.sigintIgnored(), "SIGINT is ignored here (a background job)");
    Path socket = dir.resolve("l.sock");
    CommandRun serve = CommandRun.start("serve", socket.toString(), "--timeout", "20s");
    serve.err.await(line -> line.startsWith("listening on "));
    try (ChildCommand listen = ChildCommand.start(null, "listen", socket.toString())) {
      listen.err.await(line -> line.equals("jipc listen: connected to " + socket));

      listen.signal("INT");

      assertThat(listen.exitCode()).as(listen.err.text()).isZero();
    }
    assertThat(serve.stop()).isZero();
  }

  @Test
  void dashReadsTheEventDataFromStdin() throws Exception {
    Path socket = dir.resolve("in.sock");
    CommandRun serve = CommandRun.start("serve", socket.toString(), "--count", "1");
    serve.err.await(line -> line.startsWith("listening on "));

    try (ChildCommand emit =
        ChildCommand.start(
            "{\"from\":\"stdin\",\"n\":[1,2]}\n", "emit", socket.toString(), "t", "-")) {
      assertThat(emit.exitCode()).as(emit.err.text()).isZero();
    }

    assertThat(serve.exitCode()).isZero();
    assertThat(json(serve.out.lines().get(0)).get("data"))
        .isEqualTo(Map.of("from", "stdin", "n", java.util.List.of(1L, 2L)));
  }
}
