package io.jipc;

import static io.jipc.IpcProtocolException.EVENT_NOT_ALLOWED;
import static io.jipc.IpcProtocolException.EVENT_TOO_LARGE;
import static io.jipc.IpcProtocolException.FRAME_TOO_LARGE;
import static io.jipc.IpcProtocolException.INVALID_EVENT;
import static io.jipc.IpcProtocolException.RESERVED_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guarded and assured endpoints refuse a bad event at the {@code emit} call: an {@link
 * IllegalArgumentException} caused by an {@link IpcProtocolException}, and nothing is written.
 */
class SendSideContractTest extends StreamContract {
  private static final String MARKER = "{\"type\":\"marker\",\"data\":{}}";

  /** One refused emit: a type and data under a profile, and the code of the cause. */
  record Refusal(String name, Profile profile, String type, Object data, String code) {
    @Override
    public String toString() {
      return profile.nodeName() + ": " + name;
    }
  }

  static List<Refusal> refusals() {
    List<Refusal> rows = new ArrayList<>();
    for (String reserved : BadInputContractTest.RESERVED) {
      rows.add(new Refusal("reserved " + reserved, Profile.GUARDED, reserved, 1, RESERVED_EVENT));
    }
    rows.add(new Refusal("empty type", Profile.GUARDED, "", 1, INVALID_EVENT));
    rows.add(new Refusal("prototype name", Profile.GUARDED, "__proto__", 1, INVALID_EVENT));
    rows.add(new Refusal("prototype name", Profile.GUARDED, "hasOwnProperty", 1, INVALID_EVENT));
    rows.add(new Refusal("257-unit type", Profile.GUARDED, "t".repeat(257), 1, EVENT_TOO_LARGE));
    rows.add(new Refusal("type over limit 8", Profile.GUARDED, "ninechars", 1, EVENT_TOO_LARGE));
    rows.add(
        new Refusal(
            "frame over 200 bytes", Profile.GUARDED, "ok", "x".repeat(200), FRAME_TOO_LARGE));
    rows.add(new Refusal("unlisted type", Profile.ASSURED, "unlisted", 1, EVENT_NOT_ALLOWED));
    rows.add(new Refusal("reserved type", Profile.ASSURED, "connect", 1, RESERVED_EVENT));
    rows.add(
        new Refusal(
            "frame over 200 bytes", Profile.ASSURED, "marker", "x".repeat(200), FRAME_TOO_LARGE));
    rows.removeIf(row -> !runsOnThisTransport(row.profile()));
    return rows;
  }

  private IpcConfig.Builder options(Refusal row) {
    IpcConfig.Builder builder =
        config(row.profile()).maxMessageSize(200).allowedEvents("marker", "ok", "connect");
    if (row.name().endsWith("limit 8")) {
      builder.maxEventNameLength(8);
    }
    return builder;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void clientRefusesAtEmitAndWritesNothing(Refusal row) throws Exception {
    try (ScriptedPeer.Listener listener = transport.listenPeer(transport.fresh(endpoints))) {
      EventRecorder events = new EventRecorder();
      IpcClient client = newClient(listener.endpoint(), options(row), events);
      client.connect();
      ScriptedPeer peer = closeLater(listener.accept());
      events.next("client", "connect");
      assertRefused(row, () -> client.emit(row.type(), row.data()));
      assertThat(client.emit("marker")).isTrue();
      assertThat(peer.readFrame(ms(5000))).isEqualTo(MARKER);
      assertThat(client.isConnected()).isTrue();
      events.assertExhausted();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void serverRefusesAtEmitAndBroadcastAndWritesNothing(Refusal row) throws Exception {
    IpcServer server = startServer(options(row));
    Peer peer = connectPeer(server);
    assertRefused(row, () -> peer.socket().emit(row.type(), row.data()));
    assertRefused(row, () -> server.emit(peer.socket(), row.type(), row.data()));
    assertRefused(row, () -> server.broadcast(row.type(), row.data()));
    assertThat(peer.socket().emit("marker")).isTrue();
    assertThat(peer.raw().readFrame(ms(5000))).isEqualTo(MARKER);
    assertThat(peer.socket().isOpen()).isTrue();
    serverEvents.assertExhausted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fastNames")
  void fastSendsWhatGuardedRefuses(String type) throws Exception {
    IpcServer server = startServer(config(Profile.FAST).maxMessageSize(64));
    Peer peer = connectPeer(server);
    Object data = "x".repeat(100);
    assertThat(peer.socket().emit(type, data)).isTrue();
    assertThat(peer.raw().readFrame(ms(5000)))
        .isEqualTo("{\"type\":\"" + type + "\",\"data\":\"" + data + "\"}");
  }

  static List<String> fastNames() {
    return List.of("connect", "", "constructor", "t".repeat(300));
  }

  private static void assertRefused(Refusal row, Runnable emit) {
    assertThatThrownBy(emit::run)
        .as("%s", row)
        .isInstanceOf(IllegalArgumentException.class)
        .cause()
        .isInstanceOf(IpcProtocolException.class)
        .extracting(e -> ((IpcProtocolException) e).code())
        .isEqualTo(row.code());
  }
}
