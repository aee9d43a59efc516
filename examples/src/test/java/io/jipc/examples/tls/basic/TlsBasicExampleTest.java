package io.jipc.examples.tls.basic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsBasicExampleTest {
  @TempDir Path root;

  @Test
  void helloGetsWorldsAnswerOverTlsWithoutAnyFilesOfItsOwn() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();
    Transcript helloOut = new Transcript();

    Examples.Running<Integer> world =
        Examples.serve(Examples.asTlsServer(settings), World::run, worldOut);
    var answers = Hello.run(world.clientSettings(settings), helloOut.out());

    assertThat(answers).containsExactly("hello world!");
    assertThat(world.await()).isEqualTo(1);
    assertThat(worldOut.lines()).contains("got a message : hello");
    assertThat(helloOut.lines()).contains("## connected to world ##", "disconnected from world");
  }

  @Test
  void worldWithoutKeyFilesSaysWhichVariableToSet() {
    assertThatThrownBy(() -> World.run(Examples.settings(root), new Transcript().out()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JIPC_TLS_KEY");
  }
}
