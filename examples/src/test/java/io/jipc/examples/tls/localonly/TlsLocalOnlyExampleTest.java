package io.jipc.examples.tls.localonly;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsLocalOnlyExampleTest {
  @TempDir Path root;

  @Test
  void worldShowsThatJipcHasNoBundledKeyThenServesWithTheGivenOne() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();

    Examples.Running<Integer> world =
        Examples.serve(Examples.asTlsServer(settings), World::run, worldOut);
    var answers = Hello.run(world.clientSettings(settings), new Transcript().out());

    assertThat(answers).containsExactly("hello world!");
    assertThat(world.await()).isEqualTo(1);
    assertThat(worldOut.lines())
        .anyMatch(
            line ->
                line.startsWith("jipc has no bundled key and says:")
                    && line.contains("ERR_IPC_TLS_CONFIGURATION"));
  }
}
