package io.jipc.cli;

import static io.jipc.cli.ServeEmitTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchCommandTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"unix", "tcp", "udp4"})
  void rttWithWindowReportsThroughputAndLatencyPercentiles(String transport) throws Exception {
    CommandRun server = CommandRun.start("bench", "server", serverTarget(transport));
    String target = readyTarget(server);

    CommandRun client =
        CommandRun.run(
            "bench", "client", target, "--n", "500", "--window", "8", "--payload", "16", "--json");

    assertThat(client.exitCode()).as(client.err.text()).isZero();
    assertThat(client.out.lines()).hasSize(1);
    Map<String, Object> result = json(client.out.lines().get(0));
    assertThat(result)
        .containsEntry("ok", true)
        .containsEntry("transport", transport)
        .containsEntry("mode", "rtt")
        .containsEntry("n", 500L)
        .containsEntry("window", 8L)
        .containsEntry("warmup", 50L)
        .containsEntry("frame_bytes", 42L)
        .containsEntry("msg_per_s", null);
    assertThat(((Number) result.get("rtt_per_s")).longValue()).isPositive();
    double p50 = number(result, "p50_us");
    assertThat(p50).isPositive();
    assertThat(number(result, "p90_us")).isGreaterThanOrEqualTo(p50);
    assertThat(number(result, "p99_us")).isGreaterThanOrEqualTo(number(result, "p90_us"));
    assertThat(number(result, "p999_us")).isGreaterThanOrEqualTo(number(result, "p99_us"));
    assertThat(number(result, "max_us")).isGreaterThanOrEqualTo(number(result, "p999_us"));
    assertThat(server.stop()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"unix", "tcp"})
  void onewayCountsEveryMessage(String transport) throws Exception {
    CommandRun server = CommandRun.start("bench", "server", serverTarget(transport));
    String target = readyTarget(server);

    CommandRun client =
        CommandRun.run("bench", "client", target, "--mode", "oneway", "--n", "2000", "--json");

    assertThat(client.exitCode()).as(client.err.text()).isZero();
    Map<String, Object> result = json(client.out.lines().get(0));
    assertThat(result).containsEntry("ok", true).containsEntry("rtt_per_s", null);
    assertThat(result).containsEntry("p50_us", null).containsEntry("frame_bytes", 89L);
    assertThat(((Number) result.get("msg_per_s")).longValue()).isPositive();
    assertThat(server.stop()).isZero();
  }

  @Test
  void withoutJsonPrintsASummaryTable() throws Exception {
    CommandRun server = CommandRun.start("bench", "server", serverTarget("unix"));
    String target = readyTarget(server);

    CommandRun client = CommandRun.run("bench", "client", target, "--n", "100", "--warmup", "0");

    assertThat(client.exitCode()).as(client.err.text()).isZero();
    assertThat(client.out.lines()).hasSize(4);
    assertThat(client.out.lines().get(0)).startsWith("jipc bench: rtt over unix ");
    assertThat(client.out.lines().get(1))
        .contains("round trips/s", "time ms", "p50 us", "p90 us", "p99 us", "p99.9 us", "max us");
    assertThat(client.out.lines().get(2).trim()).matches("[0-9,]+( +[0-9.]+){6}");
    assertThat(server.stop()).isZero();
  }

  @Test
  void connectRefusedExitsThreeAndStillPrintsTheJsonLine() throws Exception {
    CommandRun client =
        CommandRun.run("bench", "client", dir.resolve("none.sock").toString(), "--json");

    assertThat(client.exitCode()).isEqualTo(Main.EXIT_CONNECT);
    assertThat(json(client.out.lines().get(0)))
        .containsEntry("ok", false)
        .containsEntry("phase", "connect");
    assertThat(client.err.lines()).hasSize(1);
  }

  @Test
  void aServerThatNeverAnswersStallsWithExitFour() throws Exception {
    CommandRun serve = CommandRun.start("serve", "tcp://127.0.0.1:0", "--timeout", "20s");
    String target = "tcp://127.0.0.1:" + serve.listeningPort();

    CommandRun client = CommandRun.run("bench", "client", target, "--stall", "300ms");

    assertThat(client.exitCode()).isEqualTo(Main.EXIT_TIMEOUT);
    assertThat(client.err.lines())
        .singleElement()
        .asString()
        .contains("stalled: no progress for 300ms (phase probe, 0 of 1)");
    assertThat(serve.stop()).isZero();
  }

  @Test
  void aWrongReplyExitsFive() throws Exception {
    CommandRun serve =
        CommandRun.start(
            "serve", "tcp://127.0.0.1:0", "--reply", "ping=\"zz\"", "--timeout", "20s");
    String target = "tcp://127.0.0.1:" + serve.listeningPort();

    CommandRun client = CommandRun.run("bench", "client", target, "--json");

    assertThat(client.exitCode()).isEqualTo(Main.EXIT_PROTOCOL);
    assertThat(json(client.out.lines().get(0)))
        .containsEntry("ok", false)
        .containsEntry("phase", "probe");
    assertThat(serve.stop()).isZero();
  }

  private String serverTarget(String transport) {
    return switch (transport) {
      case "unix" -> dir.resolve("bench.sock").toString();
      case "tcp" -> "tcp://127.0.0.1:0";
      default -> transport + "://127.0.0.1:0";
    };
  }

  /** Waits for the server's READY line and returns the target a client uses. */
  private static String readyTarget(CommandRun server) throws InterruptedException {
    String[] ready = server.out.await(line -> line.startsWith("READY ")).split(" ", 3);
    return ready[1].equals("unix") ? ready[2] : ready[1] + "://" + ready[2];
  }

  private static double number(Map<String, Object> result, String name) {
    return ((Number) result.get(name)).doubleValue();
  }
}
