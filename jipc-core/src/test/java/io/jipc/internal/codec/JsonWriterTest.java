package io.jipc.internal.codec;

import static io.jipc.internal.codec.Json.hex;
import static io.jipc.internal.codec.Json.write;
import static io.jipc.internal.codec.Json.writeBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private enum Color {
    RED
  }

  @Test
  void writesTheCanonicalFramesOfTheProtocol() {
    assertThat(write(envelope("app.message", "hello")))
        .isEqualTo("{\"type\":\"app.message\",\"data\":\"hello\"}");
    assertThat(writeBytes(envelope("app.message", "hello"))).hasSize(37);
    assertThat(write(envelope("app.message", Map.of("text", "hello"))))
        .isEqualTo("{\"type\":\"app.message\",\"data\":{\"text\":\"hello\"}}");
    assertThat(write(envelope("x", Map.of()))).isEqualTo("{\"type\":\"x\",\"data\":{}}");
    assertThat(write(envelope("x", false))).endsWith("\"data\":false}");
    assertThat(write(envelope("x", 0L))).endsWith("\"data\":0}");
    assertThat(write(envelope("x", null))).endsWith("\"data\":null}");
    assertThat(hex(writeBytes(envelope("u", "é🌍"))))
        .isEqualTo("7b2274797065223a2275222c2264617461223a22c3a9f09f8c8d227d");
    assertThat(writeBytes("é🌍")).isEqualTo(hex("22 c3 a9 f0 9f 8c 8d 22"));
    assertThat(write(envelope("d", "a\fb"))).isEqualTo("{\"type\":\"d\",\"data\":\"a\\fb\"}");
    assertThat(writeBytes(envelope("d", "a\fb"))).hasSize(26).doesNotContain(0x0c);
  }

  @Test
  void escapesExactlyLikeJsonStringify() {
    assertThat(write("\" \\ / \b \t \n \f \r")).isEqualTo("\"\\\" \\\\ / \\b \\t \\n \\f \\r\"");
    assertThat(write("\u0000\u0001\u001f\u000b")).isEqualTo("\"\\u0000\\u0001\\u001f\\u000b\"");
    assertThat(write("\u007f\u0080\u2028\u2029\uffff"))
        .isEqualTo("\"\u007f\u0080\u2028\u2029\uffff\"");
    assertThat(write("\ud800")).isEqualTo("\"\\ud800\"");
    assertThat(write("a\udfffb\udbff")).isEqualTo("\"a\\udfffb\\udbff\"");
    assertThat(write("\udc00\ud800")).isEqualTo("\"\\udc00\\ud800\"");
    assertThat(write("\ud83c\udf0d")).isEqualTo("\"🌍\"");
    assertThat(writeBytes("\u07ff\u0800")).isEqualTo(hex("22 df bf e0 a0 80 22"));
  }

  @Test
  void writesEveryStringLikeTypeAsAString() {
    assertThat(write(new StringBuilder("a\"b"))).isEqualTo("\"a\\\"b\"");
    assertThat(write('x')).isEqualTo("\"x\"");
    assertThat(write('\n')).isEqualTo("\"\\n\"");
    assertThat(write(Color.RED)).isEqualTo("\"RED\"");
  }

  @Test
  void writesNumbersLikeJavaScript() {
    assertThat(write(Arrays.asList((byte) -1, (short) 300, 7, Long.MIN_VALUE, Long.MAX_VALUE)))
        .isEqualTo("[-1,300,7,-9223372036854775808,9223372036854775807]");
    assertThat(write(List.of(0.1, -0.0, 1e21, 1e-7, 5e-324, Double.NaN, 1.0)))
        .isEqualTo("[0.1,0,1e+21,1e-7,5e-324,null,1]");
    assertThat(write(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1f)))
        .isEqualTo("[null,null,0.10000000149011612]");
    assertThat(write(new BigInteger("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890");
    assertThat(write(new BigDecimal("0.10000000000000000001"))).isEqualTo("0.10000000000000000001");
    assertThat(write(new BigDecimal("1e400"))).isEqualTo("1E+400");
    assertThat(write(new BigDecimal("-1.5e-9"))).isEqualTo("-1.5E-9");
  }

  @Test
  void bigDecimalsAreWrittenAsValidJsonThatReadsBackExactly() throws Exception {
    for (String s : List.of("0E-10", "1E+3", "-0.000", "12.3400", "1e-400", "9.99e999999")) {
      BigDecimal d = new BigDecimal(s);
      Object back = Json.parse(writeBytes(d));
      BigDecimal value = back instanceof BigDecimal b ? b : new BigDecimal(back.toString());
      assertThat(value).as(s).isEqualByComparingTo(d);
    }
  }

  @Test
  void writesMapsInJavaScriptKeyOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("10", 2);
    map.put("a", 3);
    map.put("2", 4);
    map.put("01", 5);
    map.put("4294967295", 6);
    map.put("4294967294", 7);
    map.put("0", 8);

    assertThat(write(map))
        .isEqualTo(
            "{\"0\":8,\"2\":4,\"10\":2,\"4294967294\":7,\"b\":1,\"a\":3,\"01\":5,\"4294967295\":6}");
  }

  @Test
  void writesEveryArrayLikeTypeAsAnArray() {
    assertThat(write(new LinkedHashSet<>(List.of("a", "b")))).isEqualTo("[\"a\",\"b\"]");
    assertThat(write(new Object[] {1, null, new int[] {2, 3}})).isEqualTo("[1,null,[2,3]]");
    assertThat(write(new long[] {-1, 2})).isEqualTo("[-1,2]");
    assertThat(write(new double[] {0.5, Double.NaN})).isEqualTo("[0.5,null]");
    assertThat(write(new float[] {0.5f})).isEqualTo("[0.5]");
    assertThat(write(new byte[] {-128, 127})).isEqualTo("[-128,127]");
    assertThat(write(new short[] {1})).isEqualTo("[1]");
    assertThat(write(new boolean[] {true, false})).isEqualTo("[true,false]");
    assertThat(write(new char[] {'a', '"'})).isEqualTo("[\"a\",\"\\\"\"]");
    assertThat(write(new int[0])).isEqualTo("[]");
    assertThat(write(Arrays.asList(null, List.of(), Map.of()))).isEqualTo("[null,[],{}]");
  }

  @Test
  void rejectsValuesOutsideTheModelNamingTheirClass() {
    assertThatThrownBy(() -> write(List.of(new Object())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
    assertThatThrownBy(() -> write(new AtomicInteger(1)))
        .hasMessageContaining("java.util.concurrent.atomic.AtomicInteger");
    assertThatThrownBy(() -> write(new Object[] {new Object[] {Thread.currentThread()}}))
        .hasMessageContaining("Thread");
    Map<Object, Object> intKeys = new HashMap<>();
    intKeys.put(1, "x");
    assertThatThrownBy(() -> write(intKeys))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Integer");
    Map<Object, Object> nullKey = new HashMap<>();
    nullKey.put(null, "x");
    assertThatThrownBy(() -> write(nullKey)).hasMessageContaining("null");
  }

  @Test
  void rejectsNestingDeeperThanMaxDepthAndCycles() {
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    ByteSink out = new ByteSink(16);

    JsonWriter.writeValue(List.of(List.of(new int[] {1})), out, 3);
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("[[[1]]]");
    assertThatThrownBy(() -> JsonWriter.writeValue(List.of(List.of(new int[] {1})), out, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDepth (2)");
    assertThatThrownBy(() -> JsonWriter.writeValue(Map.of("a", Map.of()), out, 1))
        .hasMessageContaining("maxDepth (1)");
    assertThatThrownBy(() -> JsonWriter.writeValue(List.of(), out, 0))
        .hasMessageContaining("maxDepth (0)");
    assertThatThrownBy(() -> JsonWriter.writeValue(cycle, out, 1000))
        .hasMessageContaining("maxDepth (1000)");
  }

  @Test
  void deepValuesNeedNoThreadStack() throws Exception {
    Object deep = "leaf";
    for (int i = 0; i < 1000; i++) {
      deep = i % 2 == 0 ? List.of(deep) : Map.of("k", deep);
    }
    Object value = deep;
    AtomicReference<Object> result = new AtomicReference<>();
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(writeBytes(value));
              } catch (Throwable t) {
                result.set(t);
              }
            },
            "small-stack",
            256 * 1024);
    thread.start();
    thread.join();

    assertThat(result.get()).isInstanceOf(byte[].class);
    assertThat(Json.parse((byte[]) result.get())).isEqualTo(value);
  }

  @Test
  void stopsAtTheSinkLimitWithoutOverReserving() {
    String text = "aé🌍\n\u0001\ud800".repeat(10);
    int exact = Json.writeBytes(text).length;
    ByteSink fits = new ByteSink(0);
    fits.limit(exact);
    ByteSink tooSmall = new ByteSink(0);
    tooSmall.limit(exact - 1);

    JsonWriter.writeString(text, fits);
    assertThat(fits.size()).isEqualTo(exact);
    assertThatThrownBy(() -> JsonWriter.writeString(text, tooSmall))
        .isInstanceOf(ByteSink.OverflowException.class);
    for (Object v : List.of(Long.MIN_VALUE, 123456789L, 1.2345e-300, List.of(1, 2, 3))) {
      int size = Json.writeBytes(v).length;
      ByteSink sink = new ByteSink(0);
      sink.limit(size);
      JsonWriter.writeValue(v, sink, 10);
      assertThat(sink.size()).isEqualTo(size);
    }
  }

  private static Map<String, Object> envelope(String type, Object data) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("type", type);
    map.put("data", data);
    return map;
  }

  @Test
  void toTextIsTheWrittenBytesAsOneLine() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", "line\nbreak é 🌍 \ud800");
    value.put("1", List.of(2.5, 1e21));

    String text = JsonWriter.toText(value, 2);

    assertThat(text)
        .isEqualTo("{\"1\":[2.5,1e+21],\"b\":\"line\\nbreak é 🌍 \\ud800\"}")
        .doesNotContain("\n");
    assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(writeBytes(value));
    assertThatThrownBy(() -> JsonWriter.toText(List.of(List.of()), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
