package io.jipc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code jipc --version} names the version the Maven build publishes. */
class VersionTest {
  @Test
  void versionIsTheProjectVersion() {
    String projectVersion = System.getProperty("jipc.projectVersion");
    assertThat(projectVersion).as("jipc.projectVersion, set by jipc-cli's pom").isNotBlank();

    CommandRun run = CommandRun.run("--version");

    assertThat(run.out.lines()).containsExactly("jipc " + projectVersion);
  }
}
