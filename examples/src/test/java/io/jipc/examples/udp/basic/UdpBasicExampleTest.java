package io.jipc.examples.udp.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.examples.AppMessage;
import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdpBasicExampleTest {
  @TempDir Path root;

  @Test
  void worldAnswersTheAddressTheDatagramCameFrom() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();

    Examples.Running<Integer> world = Examples.serve(settings, World::run, worldOut);
    assertThat(world.endpoint()).isInstanceOf(Endpoint.Udp.class);
    var answers = Hello.run(world.clientSettings(settings), new Transcript().out());

    assertThat(answers).containsExactly(new AppMessage("world", "Hello world!"));
    assertThat(world.await()).isEqualTo(1);
    assertThat(worldOut.lines()).contains("got a message from hello : Hello");
  }

  @Test
  void answersAsManyMessagesAsTold() throws Exception {
    Settings settings = Examples.settings(root).withMessages(3);

    Examples.Running<Integer> world = Examples.serve(settings, World::run, new Transcript());
    var answers = Hello.run(world.clientSettings(settings), new Transcript().out());

    assertThat(answers).hasSize(3).containsOnly(new AppMessage("world", "Hello world!"));
    assertThat(world.await()).isEqualTo(3);
  }
}
