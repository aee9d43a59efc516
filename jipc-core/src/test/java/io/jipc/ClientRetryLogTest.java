package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.LogRecorder;
import io.jipc.testing.TempEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that cannot reach its server says why: the first failed attempt of an outage is a
 * warning (seen by default) with the reason and the retry interval, the outage's later attempts are
 * debug lines with their reasons, and an outage after a connection warns again.
 */
class ClientRetryLogTest {
  private static final Duration WAIT = EventRecorder.TIMEOUT;
  private final TempEndpoints endpoints = new TempEndpoints();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    endpoints.close();
  }

  private IpcConfig.Builder config() {
    return IpcConfig.builder().socketRoot(endpoints.dir()).retry(Duration.ofMillis(50));
  }

  private IpcClient client(Endpoint endpoint, IpcConfig config, EventRecorder events) {
    IpcClient client = IpcClient.create(endpoint, config);
    open.add(client);
    events.record(client, "client");
    return client;
  }

  /** Returns the message of the next failed attempt, consuming its error and disconnect events. */
  private static String nextFailure(EventRecorder events) {
    String reason = ((Throwable) events.next("client", "error").data()).getMessage();
    events.next("client", "disconnect");
    return reason;
  }

  @Test
  void firstFailedAttemptWarnsWithReasonAndRetryLaterAttemptsAreDebugLines() throws Exception {
    Endpoint dead = endpoints.unix();
    try (LogRecorder log = new LogRecorder(dead.toString())) {
      EventRecorder events = new EventRecorder();
      client(dead, config().maxRetries(2).build(), events).connect();
      List<String> reasons = List.of(nextFailure(events), nextFailure(events), nextFailure(events));
      events.next("client", "destroy");

      assertThat(reasons.get(0)).startsWith("cannot connect to " + dead);
      LogRecord first = log.next(WAIT);
      assertThat(first.getLevel()).isEqualTo(Level.WARNING);
      assertThat(first.getMessage())
          .isEqualTo(
              reasons.get(0)
                  + "; retrying every 50 ms (maxRetries 2);"
                  + " further failed attempts are logged at DEBUG until it connects");
      LogRecord second = log.next(WAIT);
      assertThat(second.getLevel()).isEqualTo(Level.FINE); // System.Logger's DEBUG
      assertThat(second.getMessage())
          .isEqualTo(reasons.get(1) + " (attempt 2 of this outage); retrying in 50 ms");
      LogRecord third = log.next(WAIT);
      assertThat(third.getLevel()).isEqualTo(Level.FINE);
      assertThat(third.getMessage())
          .isEqualTo(reasons.get(2) + " (attempt 3 of this outage); not retrying");
    }
  }

  @Test
  void aClientThatNeverRetriesWarnsThatItIsNotRetrying() throws Exception {
    Endpoint dead = endpoints.unix();
    try (LogRecorder log = new LogRecorder(dead.toString())) {
      EventRecorder events = new EventRecorder();
      client(dead, config().maxRetries(0).build(), events).connect();
      String reason = nextFailure(events);
      events.next("client", "destroy");

      LogRecord only = log.next(WAIT);
      assertThat(only.getLevel()).isEqualTo(Level.WARNING);
      assertThat(only.getMessage()).isEqualTo(reason + "; not retrying");
    }
  }

  @Test
  void aConfiguredLoggerGetsTheReasonOfEveryFailedAttempt() {
    Endpoint dead = endpoints.unix();
    List<String> lines = new CopyOnWriteArrayList<>();
    EventRecorder events = new EventRecorder();
    client(dead, config().maxRetries(1).logger(lines::add).build(), events).connect();
    String firstReason = nextFailure(events);
    String secondReason = nextFailure(events);
    events.next("client", "destroy");

    assertThat(lines)
        .startsWith(
            firstReason
                + "; retrying every 50 ms (maxRetries 1);"
                + " further failed attempts are logged at DEBUG until it connects",
            secondReason + " (attempt 2 of this outage); not retrying");
  }

  @Test
  void anOutageAfterAConnectionWarnsAgain() throws Exception {
    Endpoint endpoint = endpoints.unix();
    try (LogRecorder log = new LogRecorder(endpoint.toString())) {
      IpcServer server = IpcServer.create(endpoint, config().build());
      server.start();
      EventRecorder events = new EventRecorder();
      IpcClient client = client(endpoint, config().build(), events);
      client.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      events.next("client", "connect");
      server.close();
      LogRecord firstOutage = log.skipTo(Level.WARNING, WAIT);
      assertThat(firstOutage.getMessage()).startsWith("cannot connect to " + endpoint);
      LogRecord quieter = log.next(WAIT);
      assertThat(quieter.getLevel()).isEqualTo(Level.FINE);
      assertThat(quieter.getMessage()).contains("(attempt 2 of this outage)");

      IpcServer again = IpcServer.create(endpoint, config().build());
      again.start();
      events.skipTo("client", "connect");
      assertThat(client.isConnected()).isTrue();
      again.close();

      LogRecord secondOutage = log.skipTo(Level.WARNING, WAIT);
      assertThat(secondOutage.getMessage())
          .startsWith("cannot connect to " + endpoint)
          .contains("retrying every 50 ms;");
    }
  }
}
