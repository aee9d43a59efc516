package io.jipc.examples.tcp.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpBasicExampleTest {
  @TempDir Path root;

  @Test
  void helloGetsWorldsAnswerOverLoopbackTcp() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();
    Transcript helloOut = new Transcript();

    Examples.Running<Integer> world = Examples.serve(settings, World::run, worldOut);
    assertThat(world.endpoint()).isInstanceOf(Endpoint.Tcp.class);
    assertThat(((Endpoint.Tcp) world.endpoint()).host()).isEqualTo("127.0.0.1");
    var answers = Hello.run(world.clientSettings(settings), helloOut.out());

    assertThat(answers).containsExactly("hello world!");
    assertThat(world.await()).isEqualTo(1);
    assertThat(worldOut.lines()).contains("got a message : hello");
    assertThat(worldOut.lines()).anyMatch(line -> line.startsWith("DISCONNECTED 1 /127.0.0.1:"));
    assertThat(helloOut.lines())
        .contains(
            "## connected to world ##",
            "got a message from world : hello world!",
            "disconnected from world");
  }

  @Test
  void worldServesAsManyClientsAsToldOneAtATime() throws Exception {
    Settings settings = Examples.settings(root).withClients(2);

    Examples.Running<Integer> world = Examples.serve(settings, World::run, new Transcript());
    Settings client = world.clientSettings(settings);

    assertThat(Hello.run(client, new Transcript().out())).containsExactly("hello world!");
    assertThat(Hello.run(client, new Transcript().out())).containsExactly("hello world!");
    assertThat(world.await()).isEqualTo(2);
  }
}
