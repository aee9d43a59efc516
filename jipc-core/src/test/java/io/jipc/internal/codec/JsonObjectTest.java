package io.jipc.internal.codec;

import static io.jipc.internal.codec.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonObjectTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 8, 9, 100})
  void behavesAsAnOrderedImmutableMapAtEverySize(int size) throws Exception {
    StringBuilder text = new StringBuilder("{");
    Map<String, Object> expected = new LinkedHashMap<>();
    for (int i = size - 1; i >= 0; i--) {
      text.append("\"k").append(i).append("\":").append(i).append(',');
      text.append('"').append(i).append("\":").append(-i).append(',');
      expected.put("k" + i, (long) i);
    }
    text.append("\"k0\":\"last\"}");
    expected.put("k0", "last");
    for (int i = 0; i < size; i++) {
      expected.remove(String.valueOf(i));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) parse(text.toString());

    assertThat(map).hasSize(2 * size);
    List<String> keys = new ArrayList<>(map.keySet());
    for (int i = 0; i < size; i++) {
      assertThat(keys.get(i)).isEqualTo(String.valueOf(i));
      assertThat(map.get(String.valueOf(i))).isEqualTo((long) -i);
    }
    assertThat(keys.subList(size, 2 * size)).containsExactlyElementsOf(expected.keySet());
    assertThat(map.get("k0")).isEqualTo("last");
    assertThat(map.get("missing")).isNull();
    assertThat(map.get(7)).isNull();
    assertThat(map.containsKey("k" + (size - 1))).isTrue();
    assertThat(map.containsKey(null)).isFalse();
    Map<String, Object> copy = new LinkedHashMap<>(map);
    assertThat(map).isEqualTo(copy);
    assertThat(map.hashCode()).isEqualTo(copy.hashCode());
    assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.keySet().remove("k0"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void keysCraftedToCollideDoNotMakeParsingQuadratic() throws Exception {
    // "Aa" and "BB" have the same String.hashCode, so every key below collides with all others.
    List<String> keys = List.of("");
    for (int round = 0; round < 16; round++) {
      List<String> longer = new ArrayList<>();
      for (String k : keys) {
        longer.add(k + "Aa");
        longer.add(k + "BB");
      }
      keys = longer;
    }
    StringBuilder text = new StringBuilder("{");
    for (String k : keys) {
      text.append('"').append(k).append("\":1,");
    }
    text.append("\"").append(keys.get(0)).append("\":2}");

    Map<?, ?> map = (Map<?, ?>) parse(text.toString());

    assertThat(map).hasSize(keys.size());
    assertThat(map.get(keys.get(0))).isEqualTo(2L);
    assertThat(map.get(keys.get(keys.size() - 1))).isEqualTo(1L);
  }
}
