package io.jipc.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.jackson.JsonMapping;
import io.jipc.testing.EventRecorder;
import io.jipc.testing.NodeRuntime;
import io.jipc.testing.TempEndpoints;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The encoder corpus: Node generates at least 10,000 seeded random JSON values and prints each
 * twice, as tokens that rebuild it without any JSON parser and as {@code JSON.stringify({type: 'v',
 * data})}. Java rebuilds every value from its tokens (objects in the insertion order Node used, so
 * integer-like keys must be moved to the front by jipc), then, through the public API over a Unix
 * socket: a jipc server emits them all to a raw jipc client, which must read exactly Node's frames
 * byte for byte; and the raw client writes Node's frames to the server, whose handlers must see
 * values equal to the rebuilt ones. Extends, and does not repeat, jipc-core's JsonNodeInteropTest
 * (which decodes Node's output and re-encodes it).
 */
@ExtendWith(InteropResults.class)
class EncoderCorpusTest {
  private static final long SEED = Long.getLong("jipc.corpusSeed", 20_260_601L);
  private static final int COUNT = Integer.getInteger("jipc.corpusCount", 12_000);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final byte[] END =
      "{\"type\":\"end\",\"data\":{}}\f".getBytes(StandardCharsets.UTF_8);

  /** The values rebuilt from Node's tokens, and Node's frames for them, delimiters included. */
  private record Corpus(List<Object> values, List<byte[]> tokens, List<byte[]> frames) {
    byte[] stream() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] frame : frames) {
        out.writeBytes(frame);
        out.write('\f');
      }
      return out.toByteArray();
    }
  }

  @Test
  void javaEncodesAsJsonStringifyAndDecodesBackToTheSameValues() throws Exception {
    InteropResults.check(
        "encoder corpus: %d seeded random values (seed %d): jipc's frames = JSON.stringify's byte for byte; jipc reads each back equal"
            .formatted(COUNT, SEED));
    Corpus corpus = generate();
    byte[] stream = corpus.stream();
    try (TempEndpoints endpoints = new TempEndpoints();
        IpcServer server =
            IpcServer.create(endpoints.unix(), IpcConfig.builder().silent(true).build())) {
      EventRecorder serverEvents = new EventRecorder().record(server, "server");
      server.start();
      IpcConfig rawConfig = IpcConfig.builder().silent(true).rawBuffer(true).build();
      try (IpcClient raw = IpcClient.create(server.endpoint(), rawConfig)) {
        EventRecorder rawEvents = new EventRecorder().record(raw, "raw");
        raw.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        rawEvents.next("raw", "connect");
        serverEvents.skipTo("server", "connect");
        IpcSocket socket = server.sockets().get(0);

        for (Object value : corpus.values()) {
          assertThat(socket.emit("v", value)).isTrue();
        }
        assertThat(socket.emit("end")).isTrue();
        assertSameFrames(receiveUntilEnd(rawEvents), corpus);

        assertThat(raw.emit(stream)).isTrue();
        for (int i = 0; i < COUNT; i++) {
          Object expected = CorpusTokens.jsonImage(corpus.values().get(i));
          Object data = serverEvents.next("server", "v").data();
          assertThat(Values.same(data, expected))
              .as("value %d (seed %d): decoded %s, expected %s", i, SEED, data, expected)
              .isTrue();
        }
      }
    }
  }

  @Test
  void typedEmitOfTheCorpusWritesJsonStringifysBytes() throws Exception {
    InteropResults.check(
        "encoder corpus through jipc-jackson: %d values (seed %d) mapped by Jackson, frames = JSON.stringify's byte for byte"
            .formatted(COUNT, SEED));
    Corpus corpus = generate();
    JsonMapping json = JsonMapping.defaults();
    try (TempEndpoints endpoints = new TempEndpoints();
        IpcServer server =
            IpcServer.create(endpoints.unix(), IpcConfig.builder().silent(true).build())) {
      EventRecorder serverEvents = new EventRecorder().record(server, "server");
      server.start();
      IpcConfig rawConfig = IpcConfig.builder().silent(true).rawBuffer(true).build();
      try (IpcClient raw = IpcClient.create(server.endpoint(), rawConfig)) {
        EventRecorder rawEvents = new EventRecorder().record(raw, "raw");
        raw.connect().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        rawEvents.next("raw", "connect");
        serverEvents.skipTo("server", "connect");
        IpcSocket socket = server.sockets().get(0);
        for (Object value : corpus.values()) {
          assertThat(json.emit(socket, "v", value)).isTrue();
        }
        assertThat(socket.emit("end")).isTrue();
        assertSameFrames(receiveUntilEnd(rawEvents), corpus);
      }
    }
  }

  /** Runs corpus.mjs and rebuilds its values, checking that the corpus covers what it should. */
  private static Corpus generate() throws Exception {
    List<String> args = List.of(Long.toString(SEED), Integer.toString(COUNT));
    List<byte[]> lines = lines(NodeRuntime.get().run("corpus.mjs", args, new byte[0], TIMEOUT));
    assertThat(lines).hasSize(2 * COUNT);
    List<Object> values = new ArrayList<>();
    List<byte[]> tokens = new ArrayList<>();
    List<byte[]> frames = new ArrayList<>();
    CorpusTokens.Stats stats = new CorpusTokens.Stats();
    for (int i = 0; i < COUNT; i++) {
      tokens.add(lines.get(2 * i));
      frames.add(lines.get(2 * i + 1));
      values.add(CorpusTokens.parse(new String(tokens.get(i), StandardCharsets.US_ASCII), stats));
    }
    assertThat(stats.loneSurrogates).as("strings with a lone surrogate").isGreaterThan(500);
    assertThat(stats.reordered).as("objects the encoder must reorder").isGreaterThan(500);
    assertThat(stats.nonFinite).as("NaN and infinities").isGreaterThan(20);
    return new Corpus(values, tokens, frames);
  }

  /** Collects what the raw client reads up to and without the closing frame {@link #END}. */
  private static byte[] receiveUntilEnd(EventRecorder events) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (!endsWith(bytes.toByteArray(), END)) {
      bytes.writeBytes((byte[]) events.next("raw", "data").data());
    }
    return Arrays.copyOf(bytes.toByteArray(), bytes.size() - END.length);
  }

  private static boolean endsWith(byte[] bytes, byte[] end) {
    return bytes.length >= end.length
        && Arrays.equals(bytes, bytes.length - end.length, bytes.length, end, 0, end.length);
  }

  /** Compares the whole stream; on a difference, names the first frame that differs. */
  private static void assertSameFrames(byte[] actual, Corpus corpus) {
    if (Arrays.equals(actual, corpus.stream())) {
      return;
    }
    List<byte[]> got = split(actual);
    for (int i = 0; i < Math.min(got.size(), COUNT); i++) {
      assertThat(HexFormat.of().formatHex(got.get(i)))
          .as(
              "frame %d of seed %d, tokens %s",
              i, SEED, new String(corpus.tokens().get(i), StandardCharsets.US_ASCII))
          .isEqualTo(HexFormat.of().formatHex(corpus.frames().get(i)));
    }
    assertThat(actual).isEqualTo(corpus.stream());
  }

  private static List<byte[]> split(byte[] frames) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < frames.length; i++) {
      if (frames[i] == '\f') {
        out.add(Arrays.copyOfRange(frames, start, i));
        start = i + 1;
      }
    }
    return out;
  }

  /** Splits on '\n', dropping the final empty piece. */
  static List<byte[]> lines(byte[] out) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == '\n') {
        lines.add(Arrays.copyOfRange(out, start, i));
        start = i + 1;
      }
    }
    return lines;
  }
}
