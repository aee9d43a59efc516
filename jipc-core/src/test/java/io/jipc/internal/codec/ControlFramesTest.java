package io.jipc.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * jipc's own frames: written byte for byte as {@code JSON.stringify} writes the same objects, and
 * read back without maps when they have the usual shape, as maps (so nothing is lost) otherwise.
 */
class ControlFramesTest {
  private static final int DEPTH = 1000;

  @Test
  void envelopesAreWhatJsonStringifyPrints() {
    assertThat(write(sink -> ControlFrames.request(7, "price", Map.of("item", "tea"), sink, DEPTH)))
        .isEqualTo(
            "{\"type\":\"jipc.request\",\"data\":{\"id\":7,\"type\":\"price\",\"data\":{\"item\":\"tea\"}}}");
    assertThat(write(sink -> ControlFrames.answer(7L, List.of(1, "a\u2028"), sink, DEPTH)))
        .isEqualTo("{\"type\":\"jipc.reply\",\"data\":{\"id\":7,\"data\":[1,\"a\u2028\"]}}");
    assertThat(write(sink -> ControlFrames.answer("x-1", null, sink, DEPTH)))
        .isEqualTo("{\"type\":\"jipc.reply\",\"data\":{\"id\":\"x-1\",\"data\":null}}");
    assertThat(write(sink -> ControlFrames.error(7L, "E_NO", "no \"tea\"\n", sink, DEPTH)))
        .isEqualTo(
            "{\"type\":\"jipc.reply\",\"data\":{\"id\":7,\"error\":{\"code\":\"E_NO\",\"message\":\"no \\\"tea\\\"\\n\"}}}");
  }

  @Test
  void theUsualShapesDecodeToRecordsOnStreamConnections() throws Exception {
    DecodedEvent request =
        decode(
            "{\"type\":\"jipc.request\",\"data\":{\"id\":7,\"type\":\"price\",\"data\":{\"item\":\"tea\"}}}");
    assertThat(request.data())
        .isEqualTo(new ControlFrames.Request(7L, "price", Map.of("item", "tea")));
    DecodedEvent answer = decode("{\"type\":\"jipc.reply\",\"data\":{\"id\":7,\"data\":[1,2]}}");
    assertThat(answer.data()).isEqualTo(new ControlFrames.Answer(7L, List.of(1L, 2L)));
  }

  @Test
  void otherShapesDecodeAsMapsWithEveryMember() throws Exception {
    Object error =
        decode(
                "{\"type\":\"jipc.reply\",\"data\":{\"id\":7,\"error\":{\"code\":\"E\",\"message\":\"m\"}}}")
            .data();
    assertThat(error).isEqualTo(Map.of("id", 7L, "error", Map.of("code", "E", "message", "m")));
    Object reordered =
        decode("{\"type\":\"jipc.request\",\"data\":{\"type\":\"price\",\"id\":7,\"data\":1}}")
            .data();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("type", "price");
    expected.put("id", 7L);
    expected.put("data", 1L);
    assertThat(reordered).isEqualTo(expected);
    Object numericType =
        decode("{\"type\":\"jipc.request\",\"data\":{\"id\":7,\"type\":5,\"data\":1}}").data();
    assertThat(numericType).isEqualTo(Map.of("id", 7L, "type", 5L, "data", 1L));
    Object extra =
        decode("{\"type\":\"jipc.reply\",\"data\":{\"id\":7,\"data\":1,\"more\":true}}").data();
    assertThat(extra).isEqualTo(Map.of("id", 7L, "data", 1L, "more", true));
  }

  @Test
  void withoutControlsTheDataIsAPlainMap() throws Exception {
    byte[] frame =
        "{\"type\":\"jipc.reply\",\"data\":{\"id\":7,\"data\":1}}".getBytes(StandardCharsets.UTF_8);
    Object data = EventCodec.decode(frame, 0, frame.length, DEPTH, "test", new TypeNames()).data();
    assertThat(data).isEqualTo(Map.of("id", 7L, "data", 1L));
  }

  private static DecodedEvent decode(String text) throws Exception {
    byte[] frame = text.getBytes(StandardCharsets.UTF_8);
    return EventCodec.decode(frame, 0, frame.length, DEPTH, "test", new TypeNames(), true);
  }

  private interface Writing {
    void write(ByteSink sink);
  }

  private static String write(Writing writing) {
    ByteSink sink = new ByteSink(64);
    writing.write(sink);
    return new String(sink.toByteArray(), StandardCharsets.UTF_8);
  }
}
