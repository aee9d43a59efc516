package io.jipc.examples.tls.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSyncExampleTest {
  @TempDir Path root;

  @Test
  void syncClientNeverHasTwoMessagesWaitingForAnAnswer() throws Exception {
    Settings settings = Examples.settings(root).withReplyDelay(Duration.ofMillis(20));
    Transcript worldOut = new Transcript();

    Examples.Running<Integer> world =
        Examples.serve(Examples.asTlsServer(settings), World::run, worldOut);
    var answers = Hello.run(world.clientSettings(settings), new Transcript().out());

    assertThat(answers)
        .containsExactlyElementsOf(
            IntStream.range(0, 10).mapToObj(i -> (Object) ("hello" + i + " world!")).toList());
    assertThat(world.await()).as("most messages waiting at once").isEqualTo(1);
    assertThat(worldOut.lines()).contains("most messages waiting for an answer at once: 1");
  }
}
