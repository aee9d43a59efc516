package io.jipc;

import static io.jipc.IpcProtocolException.EVENT_NOT_ALLOWED;
import static io.jipc.IpcProtocolException.EVENT_TOO_LARGE;
import static io.jipc.IpcProtocolException.INVALID_EVENT;
import static io.jipc.IpcProtocolException.INVALID_JSON;
import static io.jipc.IpcProtocolException.INVALID_MESSAGE;
import static io.jipc.IpcProtocolException.RESERVED_EVENT;
import static io.jipc.Profile.ASSURED;
import static io.jipc.Profile.FAST;
import static io.jipc.Profile.GUARDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad-input row of PROTOCOL.md §2, per profile: a rejected frame fires {@code error} with its
 * code and closes only its connection; a dispatched one reaches handlers like any event.
 */
class BadInputContractTest extends StreamContract {
  static final List<String> RESERVED =
      List.of(
          "start",
          "connect",
          "disconnect",
          "destroy",
          "close",
          "socket.disconnected",
          "error",
          "data");
  static final List<String> PROTOTYPE =
      List.of(
          "constructor",
          "__defineGetter__",
          "__defineSetter__",
          "hasOwnProperty",
          "__lookupGetter__",
          "__lookupSetter__",
          "isPrototypeOf",
          "propertyIsEnumerable",
          "toString",
          "valueOf",
          "__proto__",
          "toLocaleString");

  /** A payload that no error message may echo. */
  static final String SECRET = "s3cr3t-payload";

  /**
   * One input frame (delimiter included) and its outcome: rejected with {@code code}, or dispatched
   * as {@code type} (data {@code "wire"}) when {@code code} is null.
   */
  record Row(
      String name,
      Profile profile,
      UnaryOperator<IpcConfig.Builder> options,
      String frame,
      String code,
      String type) {
    @Override
    public String toString() {
      return profile.nodeName() + ": " + name + (code == null ? " dispatched" : " -> " + code);
    }
  }

  static Row rejects(Profile profile, String name, String frame, String code) {
    return new Row(name, profile, UnaryOperator.identity(), frame, code, null);
  }

  static Row dispatches(Profile profile, String type) {
    return new Row(
        "type " + shortName(type), profile, UnaryOperator.identity(), event(type), null, type);
  }

  static String event(String type) {
    return "{\"type\":\"" + type + "\",\"data\":\"wire\"}\f";
  }

  static String secretEvent(String type) {
    return "{\"type\":\"" + type + "\",\"data\":\"" + SECRET + "\"}\f";
  }

  private static String shortName(String type) {
    return type.length() > 20 ? type.length() + " units" : '"' + type + '"';
  }

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Profile p : List.of(FAST, GUARDED)) {
      rows.add(rejects(p, "not JSON", "{not json\f", INVALID_JSON));
      rows.add(rejects(p, "empty frame", "\f", INVALID_JSON));
      rows.add(rejects(p, "truncated JSON", "{\"type\":\"x\",\"data\":\f", INVALID_JSON));
      rows.add(rejects(p, "JSON array", "[\"" + SECRET + "\"]\f", INVALID_MESSAGE));
      // node-ipc 14's GuardedParser.validateType: a type that is not a string is INVALID_EVENT.
      rows.add(rejects(p, "type missing", "{\"data\":\"" + SECRET + "\"}\f", INVALID_EVENT));
      rows.add(rejects(p, "type a number", "{\"type\":5,\"data\":1}\f", INVALID_EVENT));
      rows.add(rejects(p, "type null", "{\"type\":null,\"data\":1}\f", INVALID_EVENT));
    }
    rows.add(rejects(FAST, "JSON string", "\"" + SECRET + "\"\f", INVALID_MESSAGE));
    rows.add(rejects(FAST, "JSON number", "42\f", INVALID_MESSAGE));
    rows.add(rejects(FAST, "JSON null", "null\f", INVALID_MESSAGE));
    rows.add(rejects(GUARDED, "whitespace frame", "  \f", INVALID_JSON));
    rows.add(rejects(GUARDED, "type an array", "{\"type\":[\"a\"],\"data\":1}\f", INVALID_EVENT));
    rows.add(rejects(ASSURED, "not JSON", "{not json\f", INVALID_JSON));
    rows.add(rejects(ASSURED, "type missing", "{\"data\":1}\f", INVALID_EVENT));

    rows.add(dispatches(FAST, ""));
    rows.add(rejects(GUARDED, "type \"\"", secretEvent(""), INVALID_EVENT));
    rows.add(dispatches(FAST, "x".repeat(257)));
    rows.add(rejects(GUARDED, "type of 257 units", secretEvent("x".repeat(257)), EVENT_TOO_LARGE));
    rows.add(dispatches(GUARDED, "x".repeat(256)));
    rows.add(rejects(GUARDED, "type of 129 emoji", secretEvent("🌍".repeat(129)), EVENT_TOO_LARGE));
    rows.add(dispatches(GUARDED, "🌍".repeat(128)));
    rows.add(
        new Row(
            "type over maxEventNameLength 8",
            GUARDED,
            b -> b.maxEventNameLength(8),
            secretEvent("ninechars"),
            EVENT_TOO_LARGE,
            null));
    rows.add(
        new Row(
            "type at maxEventNameLength 8",
            GUARDED,
            b -> b.maxEventNameLength(8),
            event("eightchr"),
            null,
            "eightchr"));

    for (String name : RESERVED) {
      rows.add(rejects(GUARDED, "reserved \"" + name + "\"", secretEvent(name), RESERVED_EVENT));
    }
    for (String name : List.of("connect", "disconnect", "error")) {
      rows.add(dispatches(FAST, name));
    }
    for (String name : List.of("connect", "destroy")) {
      rows.add(
          new Row(
              "allowReservedEvents \"" + name + "\"",
              GUARDED,
              b -> b.allowReservedEvents(true),
              event(name),
              null,
              name));
    }
    rows.add(
        new Row(
            "reserved \"connect\" even if allowed",
            ASSURED,
            b -> b.allowReservedEvents(true).allowedEvents("ping", "pong", "connect"),
            secretEvent("connect"),
            RESERVED_EVENT,
            null));

    for (String name : PROTOTYPE) {
      rows.add(rejects(GUARDED, "prototype \"" + name + "\"", secretEvent(name), INVALID_EVENT));
    }
    rows.add(dispatches(FAST, "constructor"));
    rows.add(dispatches(FAST, "__proto__"));

    rows.add(
        rejects(ASSURED, "unlisted type", secretEvent("secretEventName42"), EVENT_NOT_ALLOWED));
    rows.add(dispatches(ASSURED, "pong"));
    rows.add(dispatches(GUARDED, "secretEventName42"));
    rows.add(
        new Row(
            "extra members ignored",
            GUARDED,
            UnaryOperator.identity(),
            "{\"id\":7,\"type\":\"extra\",\"data\":\"wire\",\"more\":[1]}\f",
            null,
            "extra"));
    rows.add(
        new Row(
            "duplicate members: last wins",
            GUARDED,
            UnaryOperator.identity(),
            "{\"type\":\"first\",\"data\":1,\"type\":\"last\",\"data\":\"wire\"}\f",
            null,
            "last"));
    rows.add(
        new Row(
            "surrounding whitespace",
            FAST,
            UnaryOperator.identity(),
            " \r\n\t{ \"type\" : \"ws\" , \"data\" : \"wire\" } \n\f",
            null,
            "ws"));
    rows.removeIf(row -> !runsOnThisTransport(row.profile()));
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void receiverHandlesBadInputAsDocumented(Row row) throws Exception {
    IpcServer server = startServer(options(row));
    List<Object> handled = new CopyOnWriteArrayList<>();
    if (row.type() != null) {
      // Lifecycle events of the same name carry null data; the wire event carries "wire".
      server.on(
          row.type(),
          (data, socket) -> {
            if (data != null) {
              handled.add(data);
            }
          });
    }
    Client bystander = connectClient(server, options(row));
    Peer peer = connectPeer(server);
    peer.raw().send(ping("before") + row.frame() + ping("after"));
    assertThat(serverEvents.next("server", "ping").data()).isEqualTo("before");
    if (row.code() != null) {
      IpcProtocolException error = assertClosedWith(peer.socket(), row.code());
      assertThat(error.getMessage()).doesNotContain(SECRET).doesNotContain("secretEventName42");
      assertThat(peer.raw().readToEof(ms(5000))).isEmpty();
      assertThat(peer.socket().isOpen()).isFalse();
    } else {
      EventRecorder.Event event = serverEvents.next("server", row.type());
      assertThat(event.data()).isEqualTo("wire");
      assertThat(event.socket().id()).isEqualTo(peer.socket().id());
      assertThat(serverEvents.next("server", "ping").data()).isEqualTo("after");
      assertThat(handled).containsExactly("wire");
      assertThat(peer.socket().isOpen()).isTrue();
    }
    assertStillWorks(bystander);
    serverEvents.assertExhausted();
  }

  private IpcConfig.Builder options(Row row) {
    IpcConfig.Builder builder = config(row.profile());
    if (row.profile() == ASSURED) {
      builder.allowedEvents("ping", "pong");
    }
    return row.options().apply(builder);
  }

  private static String ping(String data) {
    return "{\"type\":\"ping\",\"data\":\"" + data + "\"}\f";
  }
}
