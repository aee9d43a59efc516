package io.jipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** An endpoint reported an {@code IpcProtocolException}: a peer broke the protocol or a limit. */
@Name("io.jipc.ProtocolError")
@Label("Protocol Error")
@Category("jipc")
@Description("An ERR_IPC_* error was reported to the error handlers")
@StackTrace(false)
final class ProtocolErrorEvent extends jdk.jfr.Event {
  @Label("Endpoint")
  String endpoint;

  @Label("Socket")
  @Description("The socket it happened on, or null for an endpoint-wide error")
  String socket;

  @Label("Code")
  String code;

  @Label("Message")
  String message;

  static void record(String endpoint, String socket, String code, String message) {
    ProtocolErrorEvent event = new ProtocolErrorEvent();
    if (event.isEnabled()) {
      event.endpoint = endpoint;
      event.socket = socket;
      event.code = code;
      event.message = message;
      event.commit();
    }
  }
}
