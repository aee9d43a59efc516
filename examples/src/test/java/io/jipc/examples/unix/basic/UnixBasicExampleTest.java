package io.jipc.examples.unix.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixBasicExampleTest {
  @TempDir Path root;

  @Test
  void helloGetsWorldsAnswerOnTheSocketOfServiceWorld() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();
    Transcript helloOut = new Transcript();

    Examples.Running<Integer> world = Examples.serve(settings, World::run, worldOut);
    assertThat(world.endpoint()).isEqualTo(Endpoint.unix(root.resolve("app.world")));
    var answers = Hello.run(settings, helloOut.out());

    assertThat(answers).containsExactly(new AppMessage("world", "hello world!"));
    assertThat(world.await()).isEqualTo(1);
    assertThat(worldOut.lines()).contains("got a message from hello : hello");
    assertThat(helloOut.lines())
        .contains(
            "## connected to world ##",
            "got a message from world : {id=world, message=hello world!}",
            "disconnected from world");
  }
}
