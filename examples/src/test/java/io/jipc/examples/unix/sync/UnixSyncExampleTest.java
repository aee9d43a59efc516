package io.jipc.examples.unix.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.examples.AppMessage;
import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSyncExampleTest {
  @TempDir Path root;

  @Test
  void syncClientNeverHasTwoMessagesWaitingForAnAnswer() throws Exception {
    Settings settings = Examples.settings(root).withReplyDelay(Duration.ofMillis(20));
    Transcript worldOut = new Transcript();

    Examples.Running<Integer> world = Examples.serve(settings, World::run, worldOut);
    List<AppMessage> answers = Hello.run(settings, new Transcript().out());

    assertThat(answers)
        .containsExactlyElementsOf(
            IntStream.range(0, 10)
                .mapToObj(i -> new AppMessage("world", "hello" + i + " world!"))
                .toList());
    assertThat(world.await()).as("most messages waiting at once").isEqualTo(1);
    assertThat(worldOut.lines()).contains("most messages waiting for an answer at once: 1");
  }

  @Test
  void sendsAsManyMessagesAsTold() throws Exception {
    Settings settings = Examples.settings(root).withReplyDelay(Duration.ZERO).withMessages(3);

    Examples.Running<Integer> world = Examples.serve(settings, World::run, new Transcript());
    List<AppMessage> answers = Hello.run(settings, new Transcript().out());

    assertThat(answers)
        .extracting(AppMessage::message)
        .containsExactly("hello0 world!", "hello1 world!", "hello2 world!");
    assertThat(world.await()).isEqualTo(1);
  }
}
