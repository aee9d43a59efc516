package io.jipc.jackson;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves values between jipc's value model (null, Boolean, String, Number, List, Map with String
 * keys) and Jackson's token streams, keeping every number the Java object it was: a {@code Double}
 * stays a {@code Double} (NaN and -0 included, which jipc-core then writes as {@code
 * JSON.stringify} does), a {@code BigDecimal} stays a {@code BigDecimal}, a {@code Long} a {@code
 * Long}. That is why jipc-core's writer, not Jackson's, decides the bytes: a typed value and the
 * plain value built from it by hand go on the wire identically.
 *
 * <p>Stateless; depth is bounded by {@link #MAX_DEPTH} both ways.
 */
final class PlainValues {
  /** The deepest nesting either walk follows, Jackson's own default nesting limit. */
  static final int MAX_DEPTH = 1000;

  private PlainValues() {}

  /**
   * Reads the value at the parser's current token (the first token already read) into the value
   * model; Jackson's binary values become base64 strings, as Jackson writes them as JSON.
   */
  static Object read(JsonParser p, Base64Variant base64) throws IOException {
    return read(p, base64, 0);
  }

  private static Object read(JsonParser p, Base64Variant base64, int depth) throws IOException {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT:
        {
          checkDepth(depth);
          Map<String, Object> map = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            map.put(key, read(p, base64, depth + 1));
          }
          return map;
        }
      case START_ARRAY:
        {
          checkDepth(depth);
          List<Object> list = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(read(p, base64, depth + 1));
          }
          return list;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getNumberValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_EMBEDDED_OBJECT:
        return embedded(p.getEmbeddedObject(), base64);
      default:
        throw new IllegalArgumentException("unexpected token " + token + " in a serialized value");
    }
  }

  private static Object embedded(Object value, Base64Variant base64) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return base64.encode(bytes);
    }
    throw new IllegalArgumentException(
        "cannot send a serialized "
            + value.getClass().getName()
            + " (raw JSON or an embedded object): jipc writes values, not JSON text");
  }

  /** Writes a value of the value model (or any object Jackson can serialize) as tokens. */
  static void write(Object value, JsonGenerator g) throws IOException {
    write(value, g, 0);
  }

  private static void write(Object value, JsonGenerator g, int depth) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Number n) {
      writeNumber(n, g);
    } else if (value instanceof Map<?, ?> map) {
      checkDepth(depth);
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "a map key must be a String, not " + describe(entry.getKey()));
        }
        g.writeFieldName(key);
        write(entry.getValue(), g, depth + 1);
      }
      g.writeEndObject();
    } else if (value instanceof Iterable<?> list) {
      checkDepth(depth);
      g.writeStartArray();
      for (Object item : list) {
        write(item, g, depth + 1);
      }
      g.writeEndArray();
    } else if (value instanceof Object[] array) {
      write(Arrays.asList(array), g, depth);
    } else {
      g.writeObject(value); // a primitive array, a Character, an enum: Jackson's own serializers
    }
  }

  private static void writeNumber(Number n, JsonGenerator g) throws IOException {
    if (n instanceof Long l) {
      g.writeNumber(l);
    } else if (n instanceof Integer i) {
      g.writeNumber(i);
    } else if (n instanceof Double d) {
      g.writeNumber(d);
    } else if (n instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (n instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (n instanceof Float f) {
      g.writeNumber(f);
    } else if (n instanceof Short s) {
      g.writeNumber(s);
    } else if (n instanceof Byte b) {
      g.writeNumber(b);
    } else {
      g.writeNumber(new BigDecimal(n.toString()));
    }
  }

  private static String describe(Object key) {
    return key == null ? "null" : key.getClass().getName() + " " + key;
  }

  private static void checkDepth(int depth) {
    if (depth >= MAX_DEPTH) {
      throw new IllegalArgumentException(
          "value nests deeper than " + MAX_DEPTH + " levels; does it contain itself?");
    }
  }
}
