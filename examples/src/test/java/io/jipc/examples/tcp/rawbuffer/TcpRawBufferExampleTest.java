package io.jipc.examples.tcp.rawbuffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpRawBufferExampleTest {
  @TempDir Path root;

  @Test
  void bareBytesGoBothWaysWithoutFraming() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();

    Examples.Running<List<String>> world = Examples.serve(settings, World::run, worldOut);
    Settings client = world.clientSettings(settings);
    String received = Hello.run(client, new Transcript().out());

    assertThat(received).isEqualTo("hellogoodbye");
    assertThat(String.join("", world.await())).isEqualTo("hello");
    assertThat(worldOut.lines()).contains("got a message hello");
  }
}
