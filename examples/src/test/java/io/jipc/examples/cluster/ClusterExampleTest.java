package io.jipc.examples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.Endpoint;
import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterExampleTest {
  @TempDir Path root;

  @Test
  void workersOfOneServerAnswerTheVisits() throws Exception {
    Settings settings = Examples.settings(root).withMessages(4).withClients(4);
    Transcript serverOut = new Transcript();

    Examples.Running<Integer> server = Examples.serve(settings, Server::run, serverOut);
    List<String> workers = Client.run(settings, new Transcript().out());

    assertThat(server.endpoint()).isEqualTo(Endpoint.unix(root.resolve("ipc.sock")));
    assertThat(workers).hasSize(4).allMatch(name -> name.matches("worker-\\d+"));
    // A fixed pool starts a new thread for each task until it is full: two visits, two workers.
    assertThat(workers.subList(0, 2)).containsExactly("worker-1", "worker-2");
    assertThat(server.await()).isEqualTo(4);
    assertThat(serverOut.lines()).anyMatch(line -> line.startsWith("worker-1 got: {message="));
  }

  @Test
  void withoutASocketRootBothUseNodeIpcsFixedPath() {
    assertThat(Server.socketPath(Settings.defaults())).isEqualTo(Path.of("/tmp/ipc.sock"));
  }
}
