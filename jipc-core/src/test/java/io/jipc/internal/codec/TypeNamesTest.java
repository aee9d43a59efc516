package io.jipc.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeNamesTest {
  private static byte[] frame(String type) {
    return ("{\"type\":\"" + type + "\",\"data\":1}").getBytes(StandardCharsets.UTF_8);
  }

  private static String decodeType(byte[] frame, TypeNames names) throws Exception {
    return EventCodec.decode(frame, 0, frame.length, 10, "test", names).type();
  }

  @Test
  void repeatedTypeDecodesToTheSameInstance() throws Exception {
    TypeNames names = new TypeNames();
    String first = decodeType(frame("ping"), names);
    String second = decodeType(frame("ping"), names);
    assertThat(second).isEqualTo("ping").isSameAs(first);
  }

  @Test
  void manyDistinctNamesStayCorrectWhenSlotsCollide() throws Exception {
    TypeNames names = new TypeNames();
    Map<String, String> seen = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 500; i++) {
        String type = "event." + i;
        String decoded = decodeType(frame(type), names);
        assertThat(decoded).isEqualTo(type);
        seen.put(type, decoded);
      }
    }
    assertThat(seen).hasSize(500);
  }

  @Test
  void escapedAndNonAsciiTypesBypassTheCacheAndDecodeExactly() throws Exception {
    TypeNames names = new TypeNames();
    assertThat(decodeType(frame("a\\\"b"), names)).isEqualTo("a\"b");
    assertThat(decodeType(frame("é🌍"), names)).isEqualTo("é🌍");
    assertThat(decodeType(frame(""), names)).isEmpty();
  }
}
