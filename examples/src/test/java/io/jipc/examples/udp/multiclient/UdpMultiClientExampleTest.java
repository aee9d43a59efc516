package io.jipc.examples.udp.multiclient;

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

class UdpMultiClientExampleTest {
  private static final AppMessage BROADCAST =
      new AppMessage("world", "Everybody Loves The World! Got messages from hello and goodbye!");

  @TempDir Path root;

  @Test
  void worldBroadcastsToEverySenderOnceBothSpoke() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();

    Examples.Running<Integer> world = Examples.serve(settings, World::run, worldOut);
    Settings client = world.clientSettings(settings);
    CompletableFuture<List<AppMessage>> hello =
        Examples.inBackground(client, Hello::run, new Transcript());
    List<AppMessage> goodbye = Goodbye.run(client, new Transcript().out());

    assertThat(Examples.await(hello))
        .containsExactlyInAnyOrder(new AppMessage("world", "Hello world!"), BROADCAST);
    assertThat(goodbye)
        .containsExactlyInAnyOrder(new AppMessage("world", "Goodbye world!"), BROADCAST);
    assertThat(world.await()).as("senders the broadcast reached").isEqualTo(2);
    assertThat(worldOut.lines())
        .contains("got all required events, telling everyone how much I am loved!");
  }
}
