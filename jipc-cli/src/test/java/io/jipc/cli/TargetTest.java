package io.jipc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.Endpoint;
import io.jipc.IpcConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetTest {
  @Test
  void readsEveryForm() {
    IpcConfig config = IpcConfig.builder().socketRoot(Path.of("/run/user/1/node-ipc")).build();

    assertThat(Target.parse("/tmp/a.sock").endpoint(config))
        .isEqualTo(Endpoint.unix(Path.of("/tmp/a.sock")));
    assertThat(Target.parse("unix:///tmp/a.sock").endpoint(config))
        .isEqualTo(Endpoint.unix(Path.of("/tmp/a.sock")));
    assertThat(Target.parse("./a.sock").path()).isAbsolute();
    assertThat(Target.parse("world").endpoint(config))
        .isEqualTo(Endpoint.unix(Path.of("/run/user/1/node-ipc/app.world")));
    assertThat(Target.parse("127.0.0.1:8000").endpoint(config))
        .isEqualTo(Endpoint.tcp("127.0.0.1", 8000));
    assertThat(Target.parse("tcp://localhost:8000").endpoint(config))
        .isEqualTo(Endpoint.tcp("localhost", 8000));
    assertThat(Target.parse("TLS://[::1]:8000").isTls()).isTrue();
    assertThat(Target.parse("tls://[::1]:8000").endpoint(config))
        .isEqualTo(Endpoint.tcp("::1", 8000));
    assertThat(Target.parse("udp4://127.0.0.1:0").endpoint(config))
        .isEqualTo(Endpoint.udp4("127.0.0.1", 0));
    assertThat(Target.parse("udp6://[::1]:8001").endpoint(config))
        .isEqualTo(Endpoint.udp6("::1", 8001));
    assertThat(Target.parse("udp6://[::1]:8001")).hasToString("udp6://[::1]:8001");
  }

  @Test
  void refusesWhatItCannotRead() {
    for (String bad :
        List.of(
            "",
            "http://x:1",
            "tcp://host",
            "tcp://:80",
            "::1:80",
            "h:70000",
            "h:-1",
            "h:x",
            "unix://")) {
      assertThatThrownBy(() -> Target.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void durationsReadAsTyped() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationConverter.parse("2")).isEqualTo(Duration.ofSeconds(2));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("PT1H")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> DurationConverter.parse("-1s"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DurationConverter.parse("soon"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DurationConverter.format(Duration.ofMillis(300))).isEqualTo("300ms");
    assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationConverter.format(Duration.ofMinutes(10))).isEqualTo("10m");
  }
}
