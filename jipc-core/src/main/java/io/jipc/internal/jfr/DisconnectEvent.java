package io.jipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A connection that had connected closed, cleanly or with a failure, with what it carried. */
@Name("io.jipc.Disconnect")
@Label("Disconnect")
@Category("jipc")
@Description("A connected connection closed; failure is empty for a clean close")
@StackTrace(false)
final class DisconnectEvent extends jdk.jfr.Event {
  @Label("Connection")
  String connection;

  @Label("Failure")
  @Description("Why it closed, or null for a clean close")
  String failure;

  @Label("Code")
  @Description("The failure's ERR_IPC_* code, if it has one")
  String code;

  @Label("Frames In")
  long framesIn;

  @Label("Bytes In")
  @DataAmount
  long bytesIn;

  @Label("Frames Out")
  long framesOut;

  @Label("Bytes Out")
  @DataAmount
  long bytesOut;

  static void record(
      String connection,
      Throwable failure,
      String code,
      long framesIn,
      long bytesIn,
      long framesOut,
      long bytesOut) {
    DisconnectEvent event = new DisconnectEvent();
    if (event.isEnabled()) {
      event.connection = connection;
      event.failure = failure == null ? null : failure.toString();
      event.code = code;
      event.framesIn = framesIn;
      event.bytesIn = bytesIn;
      event.framesOut = framesOut;
      event.bytesOut = bytesOut;
      event.commit();
    }
  }
}
