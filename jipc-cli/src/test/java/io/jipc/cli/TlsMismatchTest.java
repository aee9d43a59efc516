package io.jipc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain client against a TLS server, and a TLS client against a plain server, exit 3 with one
 * line that says which side speaks TLS and what to change, instead of losing the event or waiting.
 */
class TlsMismatchTest {
  @TempDir Path dir;

  private CommandRun tlsServer() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
    return CommandRun.start(
        "serve",
        "tls://127.0.0.1:0",
        "--key",
        cert.keyFile().toString(),
        "--cert",
        cert.certFile().toString());
  }

  @Test
  void plainEmitToATlsServerExits3InsteadOfLosingTheEvent() throws Exception {
    CommandRun serve = tlsServer();
    String plain = "tcp://127.0.0.1:" + serve.listeningPort();

    CommandRun emit = CommandRun.run("emit", plain, "ping", "--timeout", "5s");

    assertThat(emit.exitCode()).as(emit.err.text()).isEqualTo(Main.EXIT_CONNECT);
    assertThat(emit.err.lines()).hasSize(1);
    assertThat(emit.err.lines().get(0))
        .startsWith("jipc emit: ERR_IPC_TLS_MISMATCH: the server at 127.0.0.1:")
        .contains(" speaks TLS (it sent a TLS alert record: 15 03 ")
        .contains("configure tls(...) on the client")
        .endsWith(" (jipc: tls:// targets speak TLS, tcp:// ones do not)");
    serve.stop();
  }

  @Test
  void plainEmitWaitToATlsServerExits3InsteadOfBlamingTheServer() throws Exception {
    CommandRun serve = tlsServer();
    String plain = "tcp://127.0.0.1:" + serve.listeningPort();

    CommandRun emit = CommandRun.run("emit", plain, "ping", "--wait", "pong", "--timeout", "5s");

    assertThat(emit.exitCode()).as(emit.err.text()).isEqualTo(Main.EXIT_CONNECT);
    assertThat(emit.err.lines()).hasSize(1);
    assertThat(emit.err.lines().get(0)).contains("ERR_IPC_TLS_MISMATCH").contains(" speaks TLS ");
    serve.stop();
  }

  /**
   * A listener sends nothing: it learns at the server's handshakeTimeout (10 s), from its alert.
   */
  @Test
  void plainListenToATlsServerExits3AtTheServersHandshakeTimeout() throws Exception {
    CommandRun serve = tlsServer();
    String plain = "tcp://127.0.0.1:" + serve.listeningPort();

    CommandRun listen = CommandRun.start("listen", plain);

    assertThat(listen.exitCode()).as(listen.err.text()).isEqualTo(Main.EXIT_CONNECT);
    assertThat(listen.err.lines()).hasSize(2); // "connected to ...", then the failure
    assertThat(listen.err.lines().get(1))
        .startsWith("jipc listen: ERR_IPC_TLS_MISMATCH: the server at 127.0.0.1:")
        .contains(" speaks TLS ");
    serve.stop();
  }

  @Test
  void tlsEmitToAPlainServerExits3SayingItMayBePlain() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
    CommandRun serve = CommandRun.start("serve", "tcp://127.0.0.1:0");
    String tls = "tls://127.0.0.1:" + serve.listeningPort();

    CommandRun emit =
        CommandRun.run("emit", tls, "ping", "--ca", cert.certFile().toString(), "--timeout", "5s");

    assertThat(emit.exitCode()).as(emit.err.text()).isEqualTo(Main.EXIT_CONNECT);
    assertThat(emit.err.lines()).hasSize(1);
    assertThat(emit.err.lines().get(0))
        .startsWith("jipc emit: ")
        .contains("before any TLS answer: the server may be plain TCP")
        .contains("remove tls, or connect to its TLS port");
    serve.stop();
  }
}
