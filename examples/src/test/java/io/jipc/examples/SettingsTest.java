package io.jipc.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @AfterEach
  void clearProperties() {
    for (String name :
        new String[] {"jipc.socketRoot", "jipc.port", "jipc.messages", "jipc.timeout"}) {
      System.clearProperty(name);
    }
  }

  @Test
  void defaultsAreNodeIpcsPortAndSocketRoot() {
    Settings settings = Settings.defaults();

    assertThat(settings.port()).isEqualTo(8000);
    assertThat(settings.socketRoot()).isNull();
    assertThat(settings.messagesOr(10)).isEqualTo(10);
    assertThat(settings.clientsOr(1)).isEqualTo(1);
  }

  @Test
  void systemPropertiesSetTheValues() {
    System.setProperty("jipc.socketRoot", "/run/example");
    System.setProperty("jipc.port", "9001");
    System.setProperty("jipc.messages", "3");
    System.setProperty("jipc.timeout", "1500ms");

    Settings settings = Settings.fromEnvironment();

    assertThat(settings.socketRoot()).isEqualTo(Path.of("/run/example"));
    assertThat(settings.port()).isEqualTo(9001);
    assertThat(settings.messagesOr(10)).isEqualTo(3);
    assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void durationsTakeSecondsMinutesOrBareSeconds() {
    System.setProperty("jipc.timeout", "2m");
    assertThat(Settings.fromEnvironment().timeout()).isEqualTo(Duration.ofMinutes(2));
    System.setProperty("jipc.timeout", "7");
    assertThat(Settings.fromEnvironment().timeout()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aBadValueNamesItsVariable() {
    System.setProperty("jipc.port", "eighty");

    assertThatThrownBy(Settings::fromEnvironment)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JIPC_PORT must be a number, not \"eighty\"");
  }

  @Test
  void aMissingTlsFileSaysHowToSetIt() {
    assertThatThrownBy(() -> Settings.defaults().cert())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set JIPC_TLS_CERT")
        .hasMessageContaining("examples/README.md");
  }
}
