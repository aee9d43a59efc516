package io.jipc.examples.udp.rawbuffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdpRawBufferExampleTest {
  @TempDir Path root;

  @Test
  void oneBareDatagramEachWay() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();

    Examples.Running<List<String>> world = Examples.serve(settings, World::run, worldOut);
    String answer = Hello.run(world.clientSettings(settings), new Transcript().out());

    assertThat(answer).isEqualTo("goodbye");
    assertThat(world.await()).containsExactly("hello");
    assertThat(worldOut.lines()).contains("got a message hello");
  }
}
