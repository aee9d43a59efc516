package io.jipc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.IpcProtocolException;
import io.jipc.testing.EventRecorder;
import io.jipc.testing.EventRecorder.Event;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The bytes a Node peer writes past its library after the finish handshake, and how the Java side
 * must take them (PROTOCOL.md §2, profile guarded). A complete frame is valid, so jipc dispatches
 * it and the gate's finish guard (the application) rejects it; everything else jipc rejects itself
 * with an {@code error} and closes that connection, and no handler sees it.
 */
enum Fault {
  /** A complete, valid frame after the finish: dispatched intact; the finish guard closes. */
  STRAY("{\"type\":\"stray\",\"data\":1}\f", null),
  /** Half a frame that never completes: closed after {@code messageTimeout}. */
  PARTIAL("{\"type\":\"partial\",\"da", IpcProtocolException.MESSAGE_TIMEOUT),
  /** Not JSON. */
  MALFORMED("{\"type\":\"bad\",}\f", IpcProtocolException.INVALID_JSON),
  /** JSON, but not an object. */
  NON_OBJECT("[\"type\",\"array\"]\f", IpcProtocolException.INVALID_MESSAGE),
  /** A lifecycle name on the wire, which guarded refuses. */
  RESERVED("{\"type\":\"connect\",\"data\":{}}\f", IpcProtocolException.RESERVED_EVENT);

  private final String frame;
  private final String code;

  Fault(String frame, String code) {
    this.frame = frame;
    this.code = code;
  }

  /** Returns the bytes to inject, in hex. */
  String hex() {
    return HexFormat.of().formatHex(frame.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the error code jipc must report, or null when the frame is valid. */
  String code() {
    return code;
  }

  /**
   * Checks the next events of {@code source}: the stray frame, or the error with this fault's code;
   * then the connection's clean end, {@code end} (a server's {@code socket.disconnected}, a
   * client's {@code disconnect}) and the event after it.
   */
  void assertRejected(EventRecorder events, String source, String end) {
    if (code == null) {
      assertThat(events.next(source, "stray").data()).isEqualTo(1L);
    } else {
      Event error = events.next(source, "error");
      assertThat(error.data()).isInstanceOf(IpcProtocolException.class);
      assertThat(((IpcProtocolException) error.data()).code()).as("code").isEqualTo(code);
    }
    Checks.cleanDisconnect(events, source, end);
  }
}
