package io.jipc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.IpcClient;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records the events of servers and clients in arrival order, so tests wait for events with a
 * timeout instead of sleeping. Attach with {@link #record(IpcServer, String)} (the wildcard {@code
 * "*"} handler sees every event) and read with {@link #next()}. Thread-safe.
 */
public final class EventRecorder {
  /** The default wait for one event. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * One recorded event.
   *
   * @param source the name given when attaching
   * @param type the event type
   * @param data the payload
   * @param socket the server socket, or null
   */
  public record Event(String source, String type, Object data, IpcSocket socket) {
    @Override
    public String toString() {
      return source + ":" + type + "=" + (data instanceof byte[] b ? b.length + " bytes" : data);
    }
  }

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  /** Records every event of {@code server} under {@code source}. */
  public EventRecorder record(IpcServer server, String source) {
    server.on("*", (type, data, socket) -> events.add(new Event(source, type, data, socket)));
    return this;
  }

  /** Records every event of {@code client} under {@code source}. */
  public EventRecorder record(IpcClient client, String source) {
    client.on("*", (type, data) -> events.add(new Event(source, type, data, null)));
    return this;
  }

  /** Adds an event by hand (for handlers that record selectively). */
  public void add(Event event) {
    events.add(event);
  }

  /** Returns the next event, failing the test if none arrives within {@link #TIMEOUT}. */
  public Event next() {
    return next(TIMEOUT);
  }

  /** Returns the next event, failing the test if none arrives within {@code timeout}. */
  public Event next(Duration timeout) {
    try {
      Event event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("no event within " + timeout);
      }
      return event;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for an event", e);
    }
  }

  /** Returns the next event and checks its source and type. */
  public Event next(String source, String type) {
    Event event = next();
    assertThat(event.source() + ":" + event.type())
        .as("next event (data %s)", event.data())
        .isEqualTo(source + ":" + type);
    return event;
  }

  /** Skips events until one of {@code source} and {@code type} arrives, and returns it. */
  public Event skipTo(String source, String type) {
    List<Event> skipped = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no " + source + ":" + type + " within " + TIMEOUT + "; saw " + skipped);
      }
      Event event = next(Duration.ofNanos(left));
      if (event.source().equals(source) && event.type().equals(type)) {
        return event;
      }
      skipped.add(event);
    }
  }

  /** Fails if any event is waiting. */
  public void assertExhausted() {
    assertThat(events).as("unexpected events").isEmpty();
  }

  /**
   * Fails if an event arrives within {@code quiet}; for asserting that something does not happen.
   */
  public void assertNoEventWithin(Duration quiet) {
    try {
      Event event = events.poll(quiet.toNanos(), TimeUnit.NANOSECONDS);
      assertThat(event).as("unexpected event").isNull();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
