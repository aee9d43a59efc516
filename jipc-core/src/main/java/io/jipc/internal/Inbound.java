package io.jipc.internal;

import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import io.jipc.internal.codec.DecodedEvent;
import io.jipc.internal.codec.EventCodec;
import io.jipc.internal.codec.EventRules;
import io.jipc.internal.codec.FrameReader;
import io.jipc.internal.codec.TypeNames;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;

/**
 * The read side of one connection: raw chunks, or frames decoded into events that pass the
 * profile's rules; plus the {@code messageTimeout} watchdog for an incomplete frame, whose clock
 * restarts whenever a frame completes. Used by the connection's reader thread; the watchdog runs on
 * the shared timer and only ever fails the connection.
 */
final class Inbound {
  private final Connection connection;
  private final Connection.Receiver receiver;
  private final boolean raw;
  private final FrameReader frames;
  private final FrameReader.Sink sink = this::frame;
  private final EventRules rules;
  private final int maxDepth;
  private final String label;
  private final String receivedFrom;
  private final TypeNames names = new TypeNames();
  private String accepted; // The last type that passed the rules.
  private final long timeoutNanos;
  // System.nanoTime() when the current partial frame began; 0 when there is none.
  private volatile long partialSince;
  private boolean completedInRead;
  private volatile ScheduledFuture<?> watchdog;
  private volatile boolean watching;

  Inbound(Connection connection, IpcConfig config, String label, Connection.Receiver receiver) {
    this.connection = connection;
    this.receiver = receiver;
    this.label = label;
    this.receivedFrom = "received from " + label;
    this.raw = config.profile() == Profile.RAW;
    this.frames =
        raw
            ? null
            : new FrameReader(
                config.delimiter().getBytes(StandardCharsets.UTF_8),
                config.limits().maxMessageSize(),
                label);
    this.rules = EventRules.of(config);
    this.maxDepth = config.limits().maxJsonDepth();
    // The message timeout belongs to the profiles that check, guarded and assured.
    this.timeoutNanos = rules.checks() ? config.limits().messageTimeout().toNanos() : 0;
  }

  /** Handles {@code length} bytes just read into {@code buffer}. */
  void accept(byte[] buffer, int length) throws IpcProtocolException {
    if (raw) {
      receiver.raw(connection, Arrays.copyOf(buffer, length));
      return;
    }
    completedInRead = false;
    frames.feed(buffer, 0, length, sink);
    if (timeoutNanos > 0) {
      if (!frames.hasPartial()) {
        partialSince = 0;
      } else if (completedInRead || partialSince == 0) {
        partialSince = System.nanoTime() | 1;
      }
    }
  }

  private void frame(byte[] buf, int off, int len) throws IpcProtocolException {
    completedInRead = true;
    if (!connection.isOpen()) {
      return; // closed locally by a handler of an earlier frame: the rest of the read is dropped
    }
    DecodedEvent event = EventCodec.decode(buf, off, len, maxDepth, label, names);
    String type = event.type();
    if (type != accepted) {
      rules.check(type, receivedFrom);
      accepted = type; // names hands out one instance per name, so identity means "checked"
    }
    receiver.event(connection, type, event.data());
  }

  void startWatchdog() {
    if (timeoutNanos > 0) {
      watching = true;
      watchdog = Timer.schedule(this::checkTimeout, timeoutNanos);
    }
  }

  void stopWatchdog() {
    watching = false;
    ScheduledFuture<?> scheduled = watchdog;
    if (scheduled != null) {
      scheduled.cancel(false);
    }
  }

  private void checkTimeout() {
    if (!watching) {
      return;
    }
    long since = partialSince;
    long waited = since == 0 ? 0 : System.nanoTime() - since;
    if (since != 0 && waited >= timeoutNanos) {
      connection.fail(
          new IpcProtocolException(
              IpcProtocolException.MESSAGE_TIMEOUT,
              "incomplete message from "
                  + label
                  + " exceeded messageTimeout ("
                  + timeoutNanos / 1_000_000
                  + " ms)"));
      return;
    }
    watchdog = Timer.schedule(this::checkTimeout, timeoutNanos - waited);
  }
}
