package io.jipc.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.IpcServer;
import io.jipc.Profile;
import io.jipc.cli.bench.Watch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientServerTest {
  @TempDir Path dir;

  @Test
  void roundTripsWithAWindowOverUnix() throws IOException {
    String addr = dir.resolve("s.sock").toString();
    try (IpcServer server = Server.start("unix", addr, Profile.GUARDED, "", "")) {
      Result result = run("unix", addr, "rtt", 2000, 16, 200);

      assertThat(result.ok()).as(result.toJson()).isTrue();
      assertThat(result.toJson()).contains("\"rtt_per_s\":").contains("\"p50_us\":null");
    }
  }

  @Test
  void recordsLatencyPercentilesWithWindowOne() throws IOException {
    String addr = dir.resolve("s.sock").toString();
    try (IpcServer server = Server.start("unix", addr, Profile.FAST, "", "")) {
      Result result = run("unix", addr, "rtt", 300, 1, 30);

      assertThat(result.ok()).as(result.toJson()).isTrue();
      assertThat(result.toJson()).containsPattern("\"p50_us\":\\d+\\.\\d\\d,\"p99_us\":\\d");
    }
  }

  @Test
  void countsOneWayMessagesOverTcp() throws IOException {
    String addr = "127.0.0.1:" + freePort();
    try (IpcServer server = Server.start("tcp", addr, Profile.GUARDED, "", "")) {
      Result result = run("tcp", addr, "oneway", 20_000, 1, 2_000);

      assertThat(result.ok()).as(result.toJson()).isTrue();
      assertThat(result.toJson()).containsPattern("\"msg_per_s\":\\d+");
    }
  }

  @Test
  void roundTripsWithAWindowOverUdp4() throws IOException {
    String addr = "127.0.0.1:" + freePort();
    try (IpcServer server = Server.start("udp4", addr, Profile.GUARDED, "", "")) {
      Result result = run("udp4", addr, "rtt", 2000, 16, 200);

      assertThat(result.ok()).as(result.toJson()).isTrue();
    }
  }

  @Test
  void tlsServerRefusesToStartWithoutKeyFiles() {
    assertThatThrownBy(
            () -> Server.start("tls", "127.0.0.1:" + freePort(), Profile.GUARDED, "", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--cert");
  }

  @Test
  void failsWithoutHangingWhenNobodyListens() {
    String addr = dir.resolve("nobody.sock").toString();

    Result result = run("unix", addr, "rtt", 10, 1, 0);

    assertThat(result.ok()).isFalse();
    assertThat(result.toJson()).contains("\"phase\":\"connect\"");
  }

  @Test
  void refusesUnknownTransportsAndNonLoopbackHosts() {
    assertThatThrownBy(() -> BenchSetup.endpoint("sctp", "127.0.0.1:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sctp");
    assertThatThrownBy(() -> BenchSetup.endpoint("udp4", "10.0.0.1:80"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BenchSetup.endpoint("tcp", "10.0.0.1:80"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(BenchSetup.endpoint("tcp", "[::1]:8000").toString()).isEqualTo("[::1]:8000");
  }

  private static Result run(String transport, String addr, String mode, long n, long w, long wu) {
    Client.Settings settings =
        new Client.Settings(transport, addr, mode, n, w, 64, wu, Profile.GUARDED, 1 << 20, "");
    return Client.run(settings, new Watch(Duration.ofSeconds(10), Duration.ofSeconds(60), null));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
