package io.jipc.examples.tls.rawbuffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsRawBufferExampleTest {
  @TempDir Path root;

  @Test
  void bareBytesGoBothWaysOverMutualTls() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();

    Examples.Running<List<String>> world =
        Examples.serve(Examples.asTlsServer(settings), World::run, worldOut);
    String received =
        Hello.run(Examples.asTlsClient(world.clientSettings(settings)), new Transcript().out());

    assertThat(received).isEqualTo("hellogoodbye");
    assertThat(String.join("", world.await())).isEqualTo("hello");
    assertThat(worldOut.lines()).contains("connection detected", "got a message hello");
    assertThat(((Endpoint.Tcp) world.endpoint()).host()).as("networkHost").isEqualTo("localhost");
  }
}
