package io.jipc.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.testing.EventRecorder;
import io.jipc.testing.TempEndpoints;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A typed emit sends exactly the bytes of a plain emit of the Map built from the value by hand:
 * each case is emitted both ways on one socket to a raw client, which compares the two frames.
 */
class TypedBytesTest {
  private static final JsonMapping JSON = JsonMapping.defaults();
  private static final byte[] END =
      "{\"type\":\"end\",\"data\":{}}\f".getBytes(StandardCharsets.UTF_8);

  /** Doubles at JSON.stringify's edges. */
  public record Doubles(
      double big, double negativeZero, double nan, double infinity, double tiny, double tenth) {}

  /** Integers beyond a double's 53 bits, and decimals that keep their digits. */
  public record Exact(
      long max, long min, long past53, BigDecimal price, BigDecimal scaled, BigInteger huge) {}

  /** The narrower numbers, a char and an enum. */
  public record Narrow(float f, short s, byte b, char c, Receipt.Status status) {}

  /** Keys that JavaScript orders first, whatever order Jackson writes them in. */
  public record IntegerKeys(
      @JsonProperty("b") String b, @JsonProperty("10") int ten, @JsonProperty("2") int two) {}

  /** Strings JSON.stringify escapes in its own way. */
  public record Texts(String separators, String loneSurrogate, String controls, String emoji) {}

  /** A POJO with getters, a renamed property, an ignored one and a null. */
  public static final class Pojo {
    private final String name = "tea";
    private final int secret = 7;

    public String getName() {
      return name;
    }

    @JsonProperty("n")
    public int getCount() {
      return 3;
    }

    @JsonIgnore
    public int getSecret() {
      return secret;
    }

    public String getNothing() {
      return null;
    }
  }

  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** Each typed value and the plain value a user would build for it by hand. */
  private static List<Object[]> cases() {
    Instant at = Instant.parse("2026-12-04T23:16:14.250Z");
    List<Object[]> cases = new ArrayList<>();
    cases.add(
        new Object[] {
          new Order("tea", 2, List.of(new Order.Line("t-1", 350), new Order.Line("t-2", 1)), at),
          map(
              "item",
              "tea",
              "qty",
              2,
              "lines",
              List.of(map("sku", "t-1", "cents", 350L), map("sku", "t-2", "cents", 1L)),
              "at",
              "2026-12-04T23:16:14.250Z")
        });
    cases.add(
        new Object[] {
          new Receipt(
              "tea", 2, new BigDecimal("7.00"), Duration.ofMillis(1500), Receipt.Status.ACCEPTED),
          map(
              "item",
              "tea",
              "qty",
              2,
              "total",
              new BigDecimal("7.00"),
              "took",
              "PT1.5S",
              "status",
              "ACCEPTED")
        });
    cases.add(
        new Object[] {
          new Doubles(1e21, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 0.1),
          map(
              "big",
              1e21,
              "negativeZero",
              -0.0,
              "nan",
              Double.NaN,
              "infinity",
              Double.POSITIVE_INFINITY,
              "tiny",
              Double.MIN_VALUE,
              "tenth",
              0.1)
        });
    cases.add(
        new Object[] {
          new Exact(
              Long.MAX_VALUE,
              Long.MIN_VALUE,
              (1L << 53) + 1,
              new BigDecimal("0.1000000000000000055511151231257827"),
              new BigDecimal("1E+3"),
              new BigInteger("123456789012345678901234567890")),
          map(
              "max",
              Long.MAX_VALUE,
              "min",
              Long.MIN_VALUE,
              "past53",
              (1L << 53) + 1,
              "price",
              new BigDecimal("0.1000000000000000055511151231257827"),
              "scaled",
              new BigDecimal("1E+3"),
              "huge",
              new BigInteger("123456789012345678901234567890"))
        });
    cases.add(
        new Object[] {
          new Narrow(0.1f, (short) -3, (byte) 7, 'é', Receipt.Status.REFUSED),
          map("f", 0.1f, "s", (short) -3, "b", (byte) 7, "c", "é", "status", "REFUSED")
        });
    cases.add(new Object[] {new IntegerKeys("x", 10, 2), map("b", "x", "10", 10, "2", 2)});
    cases.add(
        new Object[] {
          new Texts("a\u2028b\u2029c", "x\uD800y", "\u0000\u001f\u007f\"\\", "\uD83D\uDE00"),
          map(
              "separators",
              "a\u2028b\u2029c",
              "loneSurrogate",
              "x\uD800y",
              "controls",
              "\u0000\u001f\u007f\"\\",
              "emoji",
              "\uD83D\uDE00")
        });
    cases.add(new Object[] {new Pojo(), map("name", "tea", "nothing", null, "n", 3)});
    Map<String, Object> sorted = new TreeMap<>(Map.of("b", 1, "a", List.of(1, 2.5, "3")));
    cases.add(new Object[] {sorted, map("a", List.of(1, 2.5, "3"), "b", 1)});
    cases.add(new Object[] {new int[] {1, -2, 3}, List.of(1, -2, 3)});
    cases.add(new Object[] {List.of(LocalDate.of(2026, 12, 4)), List.of("2026-12-04")});
    cases.add(new Object[] {"text", "text"});
    cases.add(new Object[] {42L, 42L});
    cases.add(new Object[] {null, null});
    cases.add(new Object[] {new byte[] {1, 2, 3}, "AQID"}); // Jackson's base64, as its JSON has it
    return cases;
  }

  @Test
  void typedEmitSendsTheBytesOfThePlainEmitOfTheSameMap() throws Exception {
    List<Object[]> cases = cases();
    try (TempEndpoints endpoints = new TempEndpoints();
        IpcServer server =
            IpcServer.create(endpoints.unix(), IpcConfig.builder().silent(true).build())) {
      EventRecorder serverEvents = new EventRecorder().record(server, "server");
      server.start();
      IpcConfig rawConfig = IpcConfig.builder().silent(true).rawBuffer(true).build();
      try (IpcClient raw = IpcClient.create(server.endpoint(), rawConfig)) {
        EventRecorder rawEvents = new EventRecorder().record(raw, "raw");
        raw.connect().get(10, TimeUnit.SECONDS);
        rawEvents.next("raw", "connect");
        serverEvents.skipTo("server", "connect");
        IpcSocket socket = server.sockets().get(0);
        for (Object[] c : cases) {
          assertThat(JSON.emit(socket, "v", c[0])).isTrue();
          assertThat(socket.emit("v", c[1])).isTrue();
        }
        assertThat(socket.emit("end")).isTrue();
        List<String> frames = framesUntilEnd(rawEvents);
        assertThat(frames).hasSize(2 * cases.size());
        for (int i = 0; i < cases.size(); i++) {
          assertThat(frames.get(2 * i))
              .as("typed frame of case %d (%s)", i, describe(cases.get(i)[0]))
              .isEqualTo(frames.get(2 * i + 1));
        }
        // A few by their expected text, so the comparison above cannot pass on two equal wrongs.
        assertThat(frames.get(4))
            .isEqualTo(
                "{\"type\":\"v\",\"data\":{\"big\":1e+21,\"negativeZero\":0,\"nan\":null,"
                    + "\"infinity\":null,\"tiny\":5e-324,\"tenth\":0.1}}");
        assertThat(frames.get(6))
            .startsWith("{\"type\":\"v\",\"data\":{\"max\":9223372036854775807,");
        assertThat(frames.get(10))
            .isEqualTo("{\"type\":\"v\",\"data\":{\"2\":2,\"10\":10,\"b\":\"x\"}}");
      }
    }
  }

  private static String describe(Object value) {
    return value instanceof int[] a ? Arrays.toString(a) : String.valueOf(value);
  }

  /** Reads the raw client's bytes up to the end frame and splits them into frames. */
  private static List<String> framesUntilEnd(EventRecorder events) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (!endsWith(bytes.toByteArray())) {
      bytes.writeBytes((byte[]) events.next("raw", "data").data());
    }
    String text =
        new String(bytes.toByteArray(), 0, bytes.size() - END.length, StandardCharsets.UTF_8);
    List<String> frames = new ArrayList<>(Arrays.asList(text.split("\f", -1)));
    frames.remove(frames.size() - 1);
    return frames;
  }

  private static boolean endsWith(byte[] bytes) {
    return bytes.length >= END.length
        && Arrays.equals(bytes, bytes.length - END.length, bytes.length, END, 0, END.length);
  }
}
