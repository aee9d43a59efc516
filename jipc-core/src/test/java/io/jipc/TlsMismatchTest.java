package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * One side of a TCP connection speaks TLS and the other does not. Each side finds out from the
 * first bytes it reads and fails that connection with an error that says what is wrong and what to
 * do ({@code ERR_IPC_TLS_MISMATCH} where the bytes prove it), instead of losing events silently or
 * waiting out a timeout.
 */
class TlsMismatchTest extends TlsFixture {
  private static final String FRAME = "{\"type\":\"hello\",\"data\":1}\f";

  /** A plain client config with quick timeouts and no retries. */
  private static IpcConfig.Builder plain() {
    return IpcConfig.builder().closeTimeout(ms(500)).connectTimeout(ms(3000)).maxRetries(0);
  }

  @Test
  void plainClientThatSpeaksToATlsServerFailsWithTheServersAlert() throws Exception {
    IpcServer server = startServer(config(serverAuthOnly().build()));
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(server.endpoint(), plain().maxRetries(5), events);
    client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // TCP connects: plain opens
    events.next("client", "connect");

    assertThat(client.emit("hello", 1)).isTrue();
    Throwable failure = (Throwable) events.next("client", "error").data();
    assertThat(failure)
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageStartingWith("the server at " + server.endpoint() + " speaks TLS (it sent a TLS")
        .hasMessageContaining("this side is plain TCP; configure tls(...) on the client");
    assertThat(((IpcProtocolException) failure).code())
        .isEqualTo(IpcProtocolException.TLS_MISMATCH);
    events.next("client", "disconnect");
    events.next("client", "destroy"); // a wrong configuration: no retries
    events.assertExhausted();

    Throwable onServer = (Throwable) serverEvents.next("server", "error").data();
    assertThat(onServer)
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageStartingWith("the client at /127.0.0.1:")
        .hasMessageContaining(
            " does not speak TLS (it sent 7b 22 74 79 70 65 22 3a (\"{\"type\":\"), which is no"
                + " TLS record) but this side expects TLS; configure tls(...) on the client");
  }

  @Test
  void silentPlainClientLearnsAtTheServersHandshakeTimeout() throws Exception {
    IpcServer server = startServer(config(serverAuthOnly().handshakeTimeout(ms(300)).build()));
    EventRecorder events = new EventRecorder();
    IpcClient client = newClient(server.endpoint(), plain(), events);
    client.connect().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    events.next("client", "connect");

    Throwable failure = (Throwable) events.next("client", "error").data();
    assertThat(failure)
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageStartingWith(
            "the server at "
                + server.endpoint()
                + " speaks TLS (it sent a TLS alert record: 15 03");
    assertHandshakeFailedOnServer(
        server,
        "did not finish within handshakeTimeout (300 ms); the client sent no TLS handshake: it"
            + " may be a plain TCP client");
  }

  @Test
  void plainServerFailsATlsClientHelloAndTheClientSaysWhy() throws Exception {
    EventRecorder onServer = new EventRecorder();
    IpcServer server = closeLater(IpcServer.create(local(), plain().build()));
    onServer.record(server, "server");
    server.start();
    onServer.next("server", "start");
    EventRecorder events = new EventRecorder();
    IpcClient client =
        newClient(server.endpoint(), config(trustingCa().build()).maxRetries(0), events);

    Throwable failure = failureOf(client.connect());
    assertThat(failure)
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("the connection closed before any TLS answer: the server may be")
        .hasMessageContaining("remove tls, or connect to its TLS port");
    onServer.next("server", "connect"); // a plain server's socket opens at accept
    Throwable refused = (Throwable) onServer.next("server", "error").data();
    assertThat(refused)
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageStartingWith("the client at /127.0.0.1:")
        .hasMessageContaining(" speaks TLS (it sent a TLS handshake record: 16 03 0")
        .hasMessageEndingWith(
            server.endpoint()
                + " is a plain TCP server: configure tls(...) on the server, or connect without"
                + " tls");
  }

  @Test
  void tlsClientNamesThePlainBytesAServerSent() throws Exception {
    ScriptedPeer.Listener listener = closeLater(ScriptedPeer.listen(local()));
    IpcClient client =
        newClient(
            listener.endpoint(), config(trustingCa().build()).maxRetries(5), new EventRecorder());
    client.connect();
    ScriptedPeer plainServer = closeLater(listener.accept());
    plainServer.send(FRAME); // a plain node-ipc server that greets its clients

    Throwable failure = failureOf(client.connect());
    assertThat(failure)
        .isInstanceOf(IpcProtocolException.class)
        .hasMessage(
            "server "
                + listener.endpoint()
                + " does not speak TLS (it sent 7b 22 74 79 70 65 22 3a (\"{\"type\":\"), which is"
                + " no TLS record) but this side expects TLS; remove tls, or connect to the"
                + " server's TLS port");
    assertThat(((IpcProtocolException) failure).code())
        .isEqualTo(IpcProtocolException.TLS_MISMATCH);
  }

  @Test
  void tlsClientSaysNoTlsAnswerWhenASilentServerOutlastsConnectTimeout() throws Exception {
    ScriptedPeer.Listener listener = closeLater(ScriptedPeer.listen(local()));
    IpcConfig.Builder config =
        config(trustingCa().handshakeTimeout(ms(20_000)).build())
            .connectTimeout(ms(300))
            .maxRetries(0);
    IpcClient client = newClient(listener.endpoint(), config, new EventRecorder());
    client.connect();
    closeLater(listener.accept()); // a plain server: it waits for its client to speak

    Throwable failure = failureOf(client.connect());
    assertThat(failure)
        .hasMessage(
            "cannot connect to "
                + listener.endpoint()
                + ": no answer within connectTimeout (300 ms); the server sent no TLS answer: it"
                + " may be a plain TCP server, which waits for the client to speak first; remove"
                + " tls, or connect to its TLS port");
  }

  @Test
  void rawPlainServerPassesTlsBytesOnUnaltered() throws Exception {
    EventRecorder onServer = new EventRecorder();
    IpcServer server = closeLater(IpcServer.create(local(), plain().rawBuffer(true).build()));
    onServer.record(server, "server");
    server.start();
    onServer.next("server", "start");
    ScriptedPeer peer = closeLater(ScriptedPeer.connect(server.endpoint()));
    onServer.next("server", "connect");

    byte[] hello = {0x16, 0x03, 0x01, 0x00, 0x01, 0x01};
    peer.send(hello);
    assertThat((byte[]) onServer.next("server", "data").data()).isEqualTo(hello);
  }
}
