package io.jipc.examples.tls.moresecure;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.examples.Examples;
import io.jipc.examples.Settings;
import io.jipc.examples.Transcript;
import io.jipc.testing.TestPki;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMoreSecureExampleTest {
  @TempDir Path root;

  @Test
  void bothSidesPresentCertificatesAndWorldPrintsTheClients() throws Exception {
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();

    Examples.Running<Integer> world =
        Examples.serve(Examples.asTlsServer(settings), World::run, worldOut);
    var answers =
        Hello.run(Examples.asTlsClient(world.clientSettings(settings)), new Transcript().out());

    assertThat(answers).containsExactly("hello world!");
    assertThat(world.await()).isEqualTo(1);
    assertThat(worldOut.lines())
        .contains("client presented (not verified): CN=jipc test client", "got a message : hello");
  }

  @Test
  void nothingIsVerifiedSoACertificateOfAnotherCaIsAccepted() throws Exception {
    TestPki pki = TestPki.shared();
    Settings settings = Examples.settings(root);
    Transcript worldOut = new Transcript();

    Examples.Running<Integer> world =
        Examples.serve(Examples.asTlsServer(settings), World::run, worldOut);
    Settings stranger =
        world
            .clientSettings(settings)
            .withTls(pki.otherCaClient().keyFile(), pki.otherCaClient().certFile(), pki.caFile());

    assertThat(Hello.run(stranger, new Transcript().out())).containsExactly("hello world!");
    assertThat(world.await()).isEqualTo(1);
    assertThat(worldOut.lines())
        .contains("client presented (not verified): CN=jipc test other-ca-client");
  }
}
