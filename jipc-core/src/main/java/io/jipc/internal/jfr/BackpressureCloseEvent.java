package io.jipc.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A send would have queued more than {@code maxPendingBytes} on one connection, which closes it
 * with {@code ERR_IPC_BACKPRESSURE}. The stack trace is the sender's.
 */
@Name("io.jipc.BackpressureClose")
@Label("Backpressure Close")
@Category("jipc")
@Description("A connection closed because its queue would pass maxPendingBytes")
@StackTrace(true)
final class BackpressureCloseEvent extends jdk.jfr.Event {
  @Label("Connection")
  String connection;

  @Label("Queued Bytes")
  @DataAmount
  long queuedBytes;

  @Label("Offered Bytes")
  @DataAmount
  long offeredBytes;

  @Label("Max Pending Bytes")
  @DataAmount
  long maxPendingBytes;

  static void record(String connection, long queued, long offered, long max) {
    BackpressureCloseEvent event = new BackpressureCloseEvent();
    if (event.isEnabled()) {
      event.connection = connection;
      event.queuedBytes = queued;
      event.offeredBytes = offered;
      event.maxPendingBytes = max;
      event.commit();
    }
  }
}
