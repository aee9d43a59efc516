package io.jipc;

import static io.jipc.IpcProtocolException.FRAME_TOO_LARGE;
import static io.jipc.IpcProtocolException.MESSAGE_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import io.jipc.testing.ScriptedPeer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code maxMessageSize} and {@code messageTimeout} on received frames: checked as bytes arrive,
 * closing only the offending connection.
 */
class FrameLimitsContractTest extends StreamContract {
  private static final int LIMIT = 64;

  /** The profiles that frame and limit frames, as this transport runs them. */
  static List<Profile> framedProfiles() {
    return profiles(Profile.FAST, Profile.GUARDED, Profile.ASSURED);
  }

  /** The profiles with a message timeout, as this transport runs them. */
  static List<Profile> timedProfiles() {
    return profiles(Profile.GUARDED, Profile.ASSURED);
  }

  private static List<Profile> profiles(Profile... profiles) {
    return Stream.of(profiles).filter(StreamContract::runsOnThisTransport).toList();
  }

  /** A frame of exactly {@code size} bytes, delimiter excluded. */
  static String frameOfSize(String type, int size) {
    String head = "{\"type\":\"" + type + "\",\"data\":\"";
    return head + "x".repeat(size - head.length() - 2) + "\"}";
  }

  @ParameterizedTest
  @EnumSource(names = {"FAST", "GUARDED"})
  void frameOfExactlyMaxMessageSizeIsAccepted(Profile profile) throws Exception {
    IpcServer server = startServer(config(profile).maxMessageSize(LIMIT));
    Peer peer = connectPeer(server);
    String frame = frameOfSize("fits", LIMIT);
    assertThat(frame).hasSize(LIMIT);
    peer.raw().send(frame);
    peer.raw().send("\f");
    assertThat((String) serverEvents.next("server", "fits").data()).hasSize(LIMIT - 25);
    assertThat(peer.socket().isOpen()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("framedProfiles")
  void completeFrameOverMaxMessageSizeIsRejected(Profile profile) throws Exception {
    IpcConfig.Builder options = config(profile).maxMessageSize(LIMIT).allowedEvents("ping", "pong");
    IpcServer server = startServer(options);
    Client bystander = connectClient(server, options);
    Peer peer = connectPeer(server);
    peer.raw().send(frameOfSize("ping", LIMIT + 1) + "\f");
    assertClosedWith(peer.socket(), FRAME_TOO_LARGE);
    assertThat(peer.raw().readToEof(ms(5000))).isEmpty();
    assertStillWorks(bystander);
    serverEvents.assertExhausted();
  }

  @ParameterizedTest
  @EnumSource(names = {"FAST", "GUARDED"})
  void unterminatedRemainderOverMaxMessageSizeIsRejectedBeforeTheDelimiter(Profile profile)
      throws Exception {
    IpcServer server = startServer(config(profile).maxMessageSize(LIMIT));
    Client bystander = connectClient(server, config(profile).maxMessageSize(LIMIT));
    Peer peer = connectPeer(server);
    peer.raw().send("{\"type\":\"ok\",\"data\":1}\f" + frameOfSize("big", LIMIT + 1));
    assertThat(serverEvents.next("server", "ok").data()).isEqualTo(1L);
    IpcProtocolException error = assertClosedWith(peer.socket(), FRAME_TOO_LARGE);
    assertThat(error.getMessage()).contains(String.valueOf(LIMIT));
    assertThat(peer.raw().readToEof(ms(5000))).isEmpty();
    assertStillWorks(bystander);
  }

  @ParameterizedTest
  @EnumSource(names = {"FAST", "GUARDED"})
  void oversizeFrameClosesConnectionBeforeBuffering(Profile profile) throws Exception {
    IpcServer server = startServer(config(profile).maxMessageSize(1024));
    Peer peer = connectPeer(server);
    byte[] megabyte = "x".repeat(1024 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    peer.raw().send("{\"type\":\"big\",\"data\":\"");
    IOException refused = null;
    for (int i = 0; i < 64 && refused == null; i++) {
      try {
        peer.raw().send(megabyte);
      } catch (IOException e) {
        refused = e;
      }
    }
    assertThat(refused).as("the server stopped reading within 64 MiB").isNotNull();
    assertClosedWith(peer.socket(), FRAME_TOO_LARGE);
  }

  @ParameterizedTest
  @EnumSource(names = {"FAST", "GUARDED"})
  void clientRejectsAnOversizeFrameAndGivesUp(Profile profile) throws Exception {
    try (ScriptedPeer.Listener listener = transport.listenPeer(transport.fresh(endpoints))) {
      EventRecorder events = new EventRecorder();
      IpcClient client =
          newClient(listener.endpoint(), config(profile).maxMessageSize(LIMIT), events);
      client.connect();
      ScriptedPeer peer = closeLater(listener.accept());
      events.next("client", "connect");
      peer.send(frameOfSize("big", LIMIT + 1));
      protocolError(events.next("client", "error"), FRAME_TOO_LARGE);
      events.next("client", "disconnect");
      events.next("client", "destroy");
      peer.readToEof(ms(5000));
    }
  }

  @ParameterizedTest
  @MethodSource("timedProfiles")
  void incompleteFrameOlderThanMessageTimeoutClosesTheConnection(Profile profile) throws Exception {
    IpcConfig.Builder options =
        config(profile).messageTimeout(ms(300)).allowedEvents("ping", "pong", "ok");
    IpcServer server = startServer(options);
    Client bystander = connectClient(server, options);
    Peer peer = connectPeer(server);
    long start = System.nanoTime();
    peer.raw().send("{\"type\":\"ok\",\"data\":1}\f{\"type\":\"ok\"");
    serverEvents.next("server", "ok");
    IpcProtocolException error = assertClosedWith(peer.socket(), MESSAGE_TIMEOUT);
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(elapsed).as("ms until the timeout").isBetween(280L, 5000L);
    assertThat(error.getMessage()).isNotBlank();
    assertThat(peer.raw().readToEof(ms(5000))).isEmpty();
    assertStillWorks(bystander);
  }

  @ParameterizedTest
  @EnumSource(names = {"GUARDED"})
  void messageTimeoutClockRestartsWhenAFrameCompletes(Profile profile) throws Exception {
    IpcServer server = startServer(config(profile).messageTimeout(ms(700)));
    Peer peer = connectPeer(server);
    // A partial frame is always pending for 3 x 300 ms (longer than the 700 ms timeout), but none
    // is older than 300 ms; 400 ms of slack per step keeps a loaded machine from failing it.
    peer.raw().send("{\"type\":\"a\",\"data\":1}\f{\"type\":\"b\"");
    serverEvents.next("server", "a");
    serverEvents.assertNoEventWithin(ms(300));
    peer.raw().send(",\"data\":2}\f{\"type\":\"c\"");
    assertThat(serverEvents.next("server", "b").data()).isEqualTo(2L);
    serverEvents.assertNoEventWithin(ms(300));
    peer.raw().send(",\"data\":3}\f{\"type\":");
    assertThat(serverEvents.next("server", "c").data()).isEqualTo(3L);
    serverEvents.assertNoEventWithin(ms(300));
    peer.raw().send("\"d\",\"data\":4}\f");
    assertThat(serverEvents.next("server", "d").data()).isEqualTo(4L);
    assertThat(peer.socket().isOpen()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(names = {"GUARDED"})
  void idleConnectionWithNoPartialFrameNeverTimesOut(Profile profile) throws Exception {
    IpcServer server = startServer(config(profile).messageTimeout(ms(100)));
    Peer peer = connectPeer(server);
    peer.raw().send("{\"type\":\"a\",\"data\":1}\f");
    serverEvents.next("server", "a");
    serverEvents.assertNoEventWithin(QUIET);
    peer.raw().send("{\"type\":\"b\",\"data\":2}\f");
    assertThat(serverEvents.next("server", "b").data()).isEqualTo(2L);
  }
}
