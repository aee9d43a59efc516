package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The raw profile moves bytes unchanged; sync clients keep one request in flight. */
class RawAndSyncContractTest extends StreamContract {

  static byte[] everyByte() {
    byte[] bytes = new byte[256 * 4];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  /** Reads {@code data} events of {@code source} until {@code count} bytes arrived. */
  static byte[] collect(EventRecorder events, String source, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < count) {
      EventRecorder.Event event = events.next(source, "data");
      assertThat(event.data()).isInstanceOf(byte[].class);
      out.writeBytes((byte[]) event.data());
    }
    assertThat(out.size()).isEqualTo(count);
    return out.toByteArray();
  }

  @Test
  void rawBytesCrossBothWaysUnchanged() throws Exception {
    IpcServer server = startServer(config().rawBuffer(true));
    Client client = connectClient(server, config().rawBuffer(true));
    byte[] bytes = everyByte();
    assertThat(client.ipc().emit(bytes)).isTrue();
    byte[] atServer = collect(serverEvents, "server", bytes.length);
    assertThat(atServer).isEqualTo(bytes);
    assertThat(client.socket().emit(bytes)).isTrue();
    assertThat(collect(client.events(), "client", bytes.length)).isEqualTo(bytes);
    assertThat(server.emit(client.socket(), new byte[] {0x0c, (byte) 0xff})).isTrue();
    assertThat(server.broadcast(new byte[] {(byte) 0x80})).isEqualTo(1);
    assertThat(collect(client.events(), "client", 3)).containsExactly(0x0c, 0xff, 0x80);
  }

  @Test
  void rawDataEventCarriesTheSocket() throws Exception {
    IpcServer server = startServer(config().parser("raw"));
    Client client = connectClient(server, config().parser("raw"));
    client.ipc().emit(new byte[] {1, 2, 3});
    EventRecorder.Event data = serverEvents.next("server", "data");
    assertThat(data.socket().id()).isEqualTo(client.socket().id());
    assertThat((byte[]) data.data()).isNotEmpty();
  }

  /** A string written in the raw profile and the bytes its encoding gives. */
  record Encoded(String encoding, String text, String hex) {
    @Override
    public String toString() {
      return encoding + " \"" + text + "\"";
    }
  }

  static List<Encoded> encodings() {
    return List.of(
        new Encoded("utf8", "é🌍\f", "c3a9f09f8c8d0c"),
        new Encoded("hex", "00ff0c80", "00ff0c80"),
        new Encoded("base64", "AP8MgA==", "00ff0c80"),
        new Encoded("latin1", "\u00ff\u0080\u000cA", "ff800c41"),
        new Encoded("utf16le", "é🌍", "e9003cd80ddf"),
        new Encoded("ucs2", "A", "4100"),
        new Encoded("ascii", "Az", "417a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void writeEncodesStringsWithTheConfiguredEncoding(Encoded row) throws Exception {
    IpcServer server = startServer(config().rawBuffer(true).encoding(row.encoding()));
    Client client = connectClient(server, config().rawBuffer(true).encoding(row.encoding()));
    byte[] expected = HexFormat.of().parseHex(row.hex());
    assertThat(client.ipc().write(row.text())).isTrue();
    assertThat(collect(serverEvents, "server", expected.length)).isEqualTo(expected);
    assertThat(client.socket().write(row.text())).isTrue();
    assertThat(collect(client.events(), "client", expected.length)).isEqualTo(expected);
  }

  @Test
  void rawAndFramedCallsAreRefusedInTheWrongProfile() throws Exception {
    IpcServer raw = startServer(config().rawBuffer(true));
    Client rawClient = connectClient(raw, config().rawBuffer(true));
    assertThatThrownBy(() -> rawClient.ipc().emit("type", 1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> rawClient.socket().emit("type"))
        .isInstanceOf(IllegalStateException.class);
    IpcServer framed = startServer(config());
    Client framedClient = connectClient(framed, config());
    assertThatThrownBy(() -> framedClient.ipc().emit(new byte[] {1}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> framedClient.ipc().write("x"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> framedClient.socket().emit(new byte[] {1}))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void syncClientSendsTheNextEmitOnlyAfterAnEventArrives() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config().sync(true));
    assertThat(client.ipc().emit("req", 1)).isTrue();
    assertThat(client.ipc().emit("req", 2)).isTrue();
    assertThat(client.ipc().emit("req", 3)).isTrue();
    assertThat(serverEvents.next("server", "req").data()).isEqualTo(1L);
    serverEvents.assertNoEventWithin(QUIET);
    client.socket().emit("ack", 1);
    assertThat(serverEvents.next("server", "req").data()).isEqualTo(2L);
    client.events().next("client", "ack");
    client.socket().emit("ack", 2);
    assertThat(serverEvents.next("server", "req").data()).isEqualTo(3L);
    client.events().next("client", "ack");
    serverEvents.assertExhausted();
  }
}
