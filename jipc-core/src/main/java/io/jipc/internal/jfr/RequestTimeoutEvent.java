package io.jipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A request this side sent got no reply within its timeout, and failed. */
@Name("io.jipc.RequestTimeout")
@Label("Request Timeout")
@Category("jipc")
@Description("A request got no reply within its timeout")
@StackTrace(false)
final class RequestTimeoutEvent extends jdk.jfr.Event {
  @Label("Peer")
  String peer;

  @Label("Request Type")
  String requestType;

  @Label("Request Id")
  long requestId;

  @Label("Timeout")
  @Timespan(Timespan.NANOSECONDS)
  long timeout;

  @Label("Waited")
  @Timespan(Timespan.NANOSECONDS)
  long waited;

  static void record(String peer, String type, long id, long timeoutNanos, long waitedNanos) {
    RequestTimeoutEvent event = new RequestTimeoutEvent();
    if (event.isEnabled()) {
      event.peer = peer;
      event.requestType = type;
      event.requestId = id;
      event.timeout = timeoutNanos;
      event.waited = waitedNanos;
      event.commit();
    }
  }
}
