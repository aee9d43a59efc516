package io.jipc.internal.codec;

import static io.jipc.internal.codec.Json.parse;
import static io.jipc.internal.codec.Json.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {
  @Test
  void readsLiteralsAndContainers() throws Exception {
    assertThat(parse("true")).isEqualTo(true);
    assertThat(parse("false")).isEqualTo(false);
    assertThat(parse("null")).isNull();
    assertThat(parse(" \t\r\n[ 1 , \"a\" , null , [ ] , { } ] \n"))
        .isEqualTo(Arrays.asList(1L, "a", null, List.of(), Map.of()));
    assertThat(parse("{\"a\":{\"b\":[true,{\"c\":false}]}}"))
        .isEqualTo(Map.of("a", Map.of("b", List.of(true, Map.of("c", false)))));
  }

  @Test
  void containersAreUnmodifiable() throws Exception {
    List<?> list = (List<?>) parse("[1,[2]]");
    Map<?, ?> map = (Map<?, ?>) parse("{\"a\":1,\"1\":2}");

    assertThatThrownBy(() -> list.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) list.get(1)).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> empty = (List<Object>) parse("[]");
    @SuppressWarnings("unchecked")
    Map<String, Object> emptyMap = (Map<String, Object>) parse("{}");
    assertThatThrownBy(() -> empty.add(1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> emptyMap.put("a", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void ordersIndexKeysFirstAscendingThenOthersInInsertionOrder() throws Exception {
    Map<?, ?> map =
        (Map<?, ?>)
            parse(
                "{\"b\":1,\"10\":2,\"a\":3,\"2\":4,\"01\":5,\"4294967295\":6,"
                    + "\"4294967294\":7,\"-1\":8,\"0\":9,\"1.0\":10}");

    assertThat(new ArrayList<Object>(map.keySet()))
        .containsExactly("0", "2", "10", "4294967294", "b", "a", "01", "4294967295", "-1", "1.0");
  }

  @Test
  void duplicateMemberKeepsItsFirstPositionAndTakesTheLastValue() throws Exception {
    Map<?, ?> map = (Map<?, ?>) parse("{\"x\":1,\"y\":2,\"x\":3,\"5\":4,\"5\":null}");

    assertThat(new ArrayList<Object>(map.keySet())).containsExactly("5", "x", "y");
    assertThat(map.get("x")).isEqualTo(3L);
    assertThat(map.containsKey("5")).isTrue();
    assertThat(map.get("5")).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "``|unexpected end of input at offset 0, expected a value",
        "`  `|unexpected end of input at offset 2, expected a value",
        "}|unexpected byte 0x7d at offset 0, expected a value",
        "[1,]|unexpected byte 0x5d at offset 3, expected a value",
        "{\"a\":1,}|unexpected byte 0x7d at offset 7, expected a string key",
        "{\"a\" 1}|unexpected byte 0x31 at offset 5, expected ':'",
        "{'a':1}|unexpected byte 0x27 at offset 1, expected a string key",
        "[1 2]|unexpected byte 0x32 at offset 3, expected ',' or ']'",
        "{\"a\":1 \"b\":2}|unexpected byte 0x22 at offset 7, expected ',' or '}'",
        "[1|unexpected end of input at offset 2, expected ',' or ']'",
        "tru|unexpected end of input at offset 3, expected 'true'",
        "nul1|unexpected byte 0x31 at offset 3, expected 'null'",
        "True|unexpected byte 0x54 at offset 0, expected a value",
        "NaN|unexpected byte 0x4e at offset 0, expected a value",
        "Infinity|unexpected byte 0x49 at offset 0, expected a value",
        "1 2|unexpected byte 0x32 at offset 2, expected the end of the input",
        "[] /* c */|unexpected byte 0x2f at offset 3, expected the end of the input",
        "// c 1|unexpected byte 0x2f at offset 0, expected a value",
      })
  void rejectsWhatJsonParseRejectsSayingWhereAndWhat(String text, String message) {
    assertThatThrownBy(() -> parse(text)).isInstanceOf(JsonException.class).hasMessage(message);
  }

  @Test
  void rejectsNonAsciiOutsideStringsIncludingAByteOrderMark() {
    assertThatThrownBy(() -> parse("\uFEFF{}"))
        .isInstanceOfSatisfying(JsonException.class, e -> assertThat(e.offset()).isZero())
        .hasMessage("unexpected byte 0xef at offset 0, expected a value");
    assertThatThrownBy(() -> parse("[1,\u00a0 2]")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> parse(new byte[] {'[', (byte) 0xff, ']'}))
        .isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> parse("\f1")).isInstanceOf(JsonException.class);
    assertThatThrownBy(() -> parse("1\u000b")).isInstanceOf(JsonException.class);
  }

  @Test
  void errorOffsetsCountFromTheStartOfTheRange() {
    byte[] buf = utf8("xxxx[1,,]yy");
    assertThatThrownBy(() -> JsonReader.parse(buf, 4, 5, 10))
        .isInstanceOfSatisfying(JsonException.class, e -> assertThat(e.offset()).isEqualTo(3))
        .hasMessage("unexpected byte 0x2c at offset 3, expected a value");
  }

  @Test
  void messagesNeverQuoteTheInput() {
    String secret = "s3cr3t-token-value";
    assertThatThrownBy(() -> parse("{\"" + secret + "\" " + secret + "}"))
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> parse("[\"" + secret + "\n\"]")).hasMessageNotContaining("s3cr3t");
  }

  @Test
  void maxDepthZeroAllowsOnlyScalars() throws Exception {
    byte[] empty = utf8(" []");

    assertThat(JsonReader.parse(utf8("\"a\""), 0, 3, 0)).isEqualTo("a");
    assertThatThrownBy(() -> JsonReader.parse(empty, 0, empty.length, 0))
        .isInstanceOf(JsonException.class)
        .hasMessage("nesting deeper than maxDepth (0) at offset 1");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 10, 1000})
  void acceptsNestingUpToMaxDepthAndRejectsOneMore(int maxDepth) throws Exception {
    byte[] ok = utf8("[".repeat(maxDepth) + "]".repeat(maxDepth));
    byte[] mixed = utf8("{\"a\":[".repeat(maxDepth / 2) + "1" + "]}".repeat(maxDepth / 2));
    byte[] deeper = utf8("[".repeat(maxDepth + 1) + "]".repeat(maxDepth + 1));

    assertThat(JsonReader.parse(ok, 0, ok.length, maxDepth)).isNotNull();
    assertThat(JsonReader.parse(mixed, 0, mixed.length, maxDepth)).isNotNull();
    assertThatThrownBy(() -> JsonReader.parse(deeper, 0, deeper.length, maxDepth))
        .isInstanceOf(JsonException.class)
        .hasMessage("nesting deeper than maxDepth (" + maxDepth + ") at offset " + maxDepth);
  }

  @Test
  void deepNestingNeedsNoThreadStack() throws Exception {
    byte[] deep = utf8("[{\"a\":".repeat(500) + "1" + "}]".repeat(500));
    byte[] tooDeep = utf8("[".repeat(100_000));
    AtomicReference<Object> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(JsonReader.parse(deep, 0, deep.length, 1000));
                JsonReader.parse(tooDeep, 0, tooDeep.length, 1000);
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "small-stack",
            256 * 1024);
    thread.start();
    thread.join();

    assertThat(result.get()).isInstanceOf(List.class);
    assertThat(failure.get()).isInstanceOf(JsonException.class).hasMessageContaining("maxDepth");
  }

  @Test
  void cursorPrimitivesReadAnEnvelopeWithoutAMap() throws Exception {
    byte[] frame = utf8(" {\"type\":\"app.message\",\"data\":{\"text\":\"hello\"}} ");
    JsonReader reader = new JsonReader(frame, 0, frame.length, 10);

    reader.skipWhitespace();
    assertThat(reader.position()).isEqualTo(1);
    assertThat(reader.consume(utf8("{\"data\":"))).isFalse();
    assertThat(reader.position()).isEqualTo(1);
    assertThat(reader.consume(utf8("{\"type\":"))).isTrue();
    assertThat(reader.readString()).isEqualTo("app.message");
    assertThat(reader.consume(utf8(",\"data\":"))).isTrue();
    assertThat(reader.readValue()).isEqualTo(Map.of("text", "hello"));
    assertThat(reader.consume(utf8("}"))).isTrue();
    reader.expectEnd();
    assertThat(reader.consume(utf8("}"))).isFalse();
  }

  @Test
  void cursorChecksItsArguments() {
    byte[] buf = utf8("[1] x");
    JsonReader reader = new JsonReader(buf, 1, 3, 10);

    assertThatThrownBy(() -> reader.position(0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> reader.position(4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(reader::readString)
        .isInstanceOf(JsonException.class)
        .hasMessage("unexpected byte 0x31 at offset 0, expected '\"'");
    assertThatThrownBy(() -> new JsonReader(buf, 2, 9, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new JsonReader(buf, 0, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsOnlyItsRange() throws Exception {
    byte[] buf = utf8("[1,2][3]");
    JsonReader reader = new JsonReader(buf, 5, 8, 10);

    assertThat(reader.readValue()).isEqualTo(List.of(3L));
    reader.expectEnd();
    assertThat(JsonReader.parse(buf, 0, 5, 10)).isEqualTo(List.of(1L, 2L));
    assertThatThrownBy(() -> JsonReader.parse(buf, 0, 4, 10)).isInstanceOf(JsonException.class);
  }

  @Test
  void parsesTextAsItsUtf8BytesAndNamesTheByteOffsetOfAnError() throws Exception {
    assertThat(JsonReader.parse(" {\"é\":[1,\"ü\"]} ", 2)).isEqualTo(Map.of("é", List.of(1L, "ü")));

    assertThatThrownBy(() -> JsonReader.parse("{\"é\":[1,]}", 2))
        .isInstanceOf(JsonException.class)
        .hasMessage("unexpected byte 0x5d at offset 9, expected a value");
    assertThatThrownBy(() -> JsonReader.parse("[[1]]", 1))
        .hasMessage("nesting deeper than maxDepth (1) at offset 1");
  }
}
