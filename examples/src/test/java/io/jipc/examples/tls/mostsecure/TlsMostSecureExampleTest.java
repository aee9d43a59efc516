package io.jipc.examples.tls.mostsecure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.Endpoint;
import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import io.jipc.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMostSecureExampleTest {
  @TempDir Path root;

  @Test
  void bothSidesVerifyTheOther() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();
    Transcript helloOut = new Transcript();

    Examples.Running<Integer> world =
        Examples.serve(Examples.asTlsServer(settings), World::run, worldOut);
    var answers = Hello.run(Examples.asTlsClient(world.clientSettings(settings)), helloOut.out());

    assertThat(answers).containsExactly("hello world!");
    assertThat(world.await()).isEqualTo(1);
    assertThat(world.endpoint())
        .isEqualTo(Endpoint.tcp("localhost", ((Endpoint.Tcp) world.endpoint()).port()));
    assertThat(worldOut.lines()).contains("client verified: CN=jipc test client");
    assertThat(helloOut.lines()).contains("server verified: CN=jipc test server");
  }

  @Test
  void worldRefusesAClientOfAnotherCa() throws Exception {
    TestPki pki = TestPki.shared();
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();

    Examples.Running<Integer> world =
        Examples.serve(Examples.asTlsServer(settings), World::run, worldOut);
    Settings client = world.clientSettings(settings);
    Settings stranger =
        client
            .withTls(pki.otherCaClient().keyFile(), pki.otherCaClient().certFile(), pki.caFile())
            .withTimeout(Duration.ofSeconds(2));

    assertThatThrownBy(() -> Hello.run(stranger, new Transcript().out()))
        .isInstanceOf(TimeoutException.class);
    assertThat(worldOut.lines())
        .anyMatch(line -> line.contains("SSLHandshakeException"))
        .noneMatch(line -> line.startsWith("got a message"));

    assertThat(Hello.run(Examples.asTlsClient(client), new Transcript().out()))
        .containsExactly("hello world!");
    assertThat(world.await()).isEqualTo(1);
  }

  @Test
  void helloRefusesAServerOfAnotherCa() throws Exception {
    TestPki pki = TestPki.shared();
    Settings settings = Examples.settings(root);
    Settings impostor =
        settings
            .withTls(pki.otherCaServer().keyFile(), pki.otherCaServer().certFile(), pki.caFile())
            .withTimeout(Duration.ofSeconds(3));
    Transcript helloOut = new Transcript();

    Examples.Running<Integer> world = Examples.serve(impostor, World::run, new Transcript());
    Settings client = Examples.asTlsClient(world.clientSettings(settings));

    assertThatThrownBy(() -> Hello.run(client.withTimeout(Duration.ofSeconds(2)), helloOut.out()))
        .isInstanceOf(TimeoutException.class);
    assertThat(helloOut.lines()).doesNotContain("## connected to world ##");
    assertThatThrownBy(world::await).isInstanceOf(TimeoutException.class);
  }
}
