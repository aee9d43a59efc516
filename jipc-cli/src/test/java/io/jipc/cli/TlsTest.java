package io.jipc.cli;

import static io.jipc.cli.ServeEmitTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
  @TempDir Path dir;

  @Test
  void tlsServeAnswersAClientThatTrustsItsCertificate() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
    CommandRun serve =
        CommandRun.start(
            "serve",
            "tls://127.0.0.1:0",
            "--key",
            cert.keyFile().toString(),
            "--cert",
            cert.certFile().toString(),
            "--echo",
            "--count",
            "1");
    String target = "tls://127.0.0.1:" + serve.listeningPort();

    CommandRun untrusting = CommandRun.run("emit", target, "ping", "--timeout", "5s");
    CommandRun trusting =
        CommandRun.run(
            "emit", target, "ping", "--ca", cert.certFile().toString(), "--wait", "ping");

    assertThat(untrusting.exitCode()).isEqualTo(Main.EXIT_CONNECT);
    assertThat(untrusting.err.lines())
        .singleElement()
        .asString()
        .endsWith("; " + FailureText.CA_HINT)
        .doesNotContain("sun.", "java.", "Exception");
    assertThat(trusting.exitCode()).as(trusting.err.text()).isZero();
    assertThat(json(trusting.out.lines().get(0))).containsEntry("type", "ping");
    assertThat(serve.exitCode()).isZero();
  }

  @Test
  void benchOverTlsVerifiesEveryReply() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
    CommandRun server =
        CommandRun.start(
            "bench",
            "server",
            "tls://127.0.0.1:0",
            "--key",
            cert.keyFile().toString(),
            "--cert",
            cert.certFile().toString());
    String ready = server.out.await(line -> line.startsWith("READY "));
    String target = "tls://" + ready.substring("READY tls ".length());

    CommandRun client =
        CommandRun.run(
            "bench",
            "client",
            target,
            "--ca",
            cert.certFile().toString(),
            "--n",
            "200",
            "--window",
            "4",
            "--json");

    assertThat(client.exitCode()).as(client.err.text()).isZero();
    assertThat(json(client.out.lines().get(0)))
        .containsEntry("ok", true)
        .containsEntry("transport", "tls");
    assertThat(server.stop()).isZero();
  }
}
