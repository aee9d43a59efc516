package io.jipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A handler has held its I/O loop for the slow-handler limit or more and still ran when the loops'
 * watchdog looked; one event per such holding (the log reports once per event type).
 */
@Name("io.jipc.SlowHandler")
@Label("Slow Handler")
@Category("jipc")
@Description("A handler held its I/O loop 100 ms or more (seen by the watchdog while it still ran)")
@StackTrace(false)
final class SlowHandlerEvent extends jdk.jfr.Event {
  @Label("Endpoint")
  String endpoint;

  @Label("Event Type")
  String eventType;

  @Label("Loop")
  String loop;

  @Label("Held")
  @Description("How long the handler had held the loop when the watchdog saw it")
  @Timespan(Timespan.NANOSECONDS)
  long held;

  @Label("Where")
  @Description("The innermost frames of the loop's stack, innermost first")
  String where;

  static void record(String endpoint, String type, String loop, long heldNanos, String where) {
    SlowHandlerEvent event = new SlowHandlerEvent();
    if (event.isEnabled()) {
      event.endpoint = endpoint;
      event.eventType = type;
      event.loop = loop;
      event.held = heldNanos;
      event.where = where;
      event.commit();
    }
  }
}
