package io.jipc.examples.tcp.multiclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.examples.AppMessage;
import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpMultiClientExampleTest {
  @TempDir Path root;

  @Test
  void worldBroadcastsKillConnectionOnceBothClientsSpoke() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();
    Transcript helloOut = new Transcript();
    Transcript goodbyeOut = new Transcript();

    Examples.Running<Integer> world = Examples.serve(settings, World::run, worldOut);
    Settings client = world.clientSettings(settings);
    CompletableFuture<List<AppMessage>> hello = Examples.inBackground(client, Hello::run, helloOut);
    Goodbye.run(client, goodbyeOut.out());

    assertThat(Examples.await(hello)).containsExactly(new AppMessage("world", "hello world!"));
    assertThat(world.await()).as("clients the broadcast reached").isEqualTo(2);
    assertThat(worldOut.lines())
        .contains(
            "got a message from hello hello",
            "got a message from goodbye goodbye",
            "got all required events, telling clients to kill connection");
    assertThat(helloOut.lines()).contains("world requested kill.connection");
    assertThat(goodbyeOut.lines())
        .contains("world requested kill.connection", "disconnected from world");
  }
}
