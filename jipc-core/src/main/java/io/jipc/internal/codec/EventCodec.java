package io.jipc.internal.codec;

import io.jipc.IpcProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Converts between events and node-ipc's envelope, the JSON text of {@code {"type":…,"data":…}}:
 *
 * <pre>
 * {"type":"app.message","data":"hello"}     exactly what JSON.stringify({type, data}) prints:
 *  ^^^^^^^ first   ^^^^^^ second              no whitespace, type first
 * </pre>
 *
 * <p>Decoding accepts any JSON object with a string {@code type}; other members are ignored, a
 * missing {@code data} is null, duplicates resolve to the last one. The common shape is read by a
 * fast path that never builds the envelope map. Stateless and thread-safe.
 */
public final class EventCodec {
  /** The data node-ipc sends when {@code emit} is called without data: an empty object. */
  public static final Object EMPTY_DATA = Map.of();

  private static final byte[] TYPE_PREFIX = ascii("{\"type\":");
  private static final byte[] DATA_MEMBER = ascii(",\"data\":");
  private static final byte[] CLOSE = ascii("}");

  private EventCodec() {}

  /**
   * Writes the envelope of one event, without a delimiter.
   *
   * @throws IllegalArgumentException if data cannot be written as JSON
   * @throws ByteSink.OverflowException if the sink's limit is reached
   */
  public static void encode(String type, Object data, ByteSink out, int maxDepth) {
    out.write(TYPE_PREFIX, 0, TYPE_PREFIX.length);
    JsonWriter.writeString(type, out);
    out.write(DATA_MEMBER, 0, DATA_MEMBER.length);
    JsonWriter.writeValue(data, out, maxDepth);
    out.write('}');
  }

  /**
   * Reads the event in one frame.
   *
   * @param source names the peer in error messages
   * @throws IpcProtocolException {@code ERR_IPC_INVALID_JSON} for malformed JSON, {@code
   *     ERR_IPC_INVALID_MESSAGE} for JSON that is not an object, {@code ERR_IPC_INVALID_EVENT} when
   *     {@code type} is missing or not a string
   */
  public static DecodedEvent decode(byte[] buf, int off, int len, int maxDepth, String source)
      throws IpcProtocolException {
    return decode(buf, off, len, maxDepth, source, null);
  }

  /**
   * Reads the event in one frame, taking repeated type names from {@code names} (may be null).
   *
   * @see #decode(byte[], int, int, int, String)
   */
  public static DecodedEvent decode(
      byte[] buf, int off, int len, int maxDepth, String source, TypeNames names)
      throws IpcProtocolException {
    return decode(buf, off, len, maxDepth, source, names, false);
  }

  /**
   * Reads the event in one frame as {@link #decode(byte[], int, int, int, String, TypeNames)} does;
   * with {@code controls}, the data of {@link ControlFrames} requests and answers in their usual
   * shape arrives as a {@link ControlFrames.Request} or {@link ControlFrames.Answer} instead of a
   * map (the reader of a stream connection, which consumes them itself).
   */
  public static DecodedEvent decode(
      byte[] buf, int off, int len, int maxDepth, String source, TypeNames names, boolean controls)
      throws IpcProtocolException {
    DecodedEvent fast = decodeCommonShape(buf, off, len, maxDepth, names, controls);
    return fast != null ? fast : decodeAnyShape(buf, off, len, maxDepth, source);
  }

  /** Reads {"type":"…","data":…} with nothing else; null for any other shape or any error. */
  private static DecodedEvent decodeCommonShape(
      byte[] buf, int off, int len, int maxDepth, TypeNames names, boolean controls) {
    JsonReader reader = new JsonReader(buf, off, off + len, maxDepth);
    if (names != null) {
      reader.keys(names);
    }
    if (!reader.consume(TYPE_PREFIX)) {
      return null;
    }
    try {
      int quote = reader.position();
      if (quote >= off + len || buf[quote] != '"') {
        return null;
      }
      String type = reader.readName(names);
      Object data = null;
      if (reader.consume(DATA_MEMBER)) {
        if (controls && ControlFrames.isControl(type)) {
          data = ControlFrames.readData(type, reader, names);
        }
        if (data == null) {
          data = reader.readValue();
        }
        reader.skipWhitespace();
      }
      if (!reader.consume(CLOSE)) {
        return null;
      }
      reader.expectEnd();
      return new DecodedEvent(type, data);
    } catch (JsonException e) {
      return null;
    }
  }

  private static DecodedEvent decodeAnyShape(
      byte[] buf, int off, int len, int maxDepth, String source) throws IpcProtocolException {
    Object message;
    try {
      // The envelope is a level of its own: data may nest maxDepth deep, as on the fast path.
      message = JsonReader.parse(buf, off, len, maxDepth + 1);
    } catch (JsonException e) {
      throw new IpcProtocolException(
          IpcProtocolException.INVALID_JSON,
          "message from " + source + " is not valid JSON (" + len + " bytes): " + e.getMessage());
    }
    if (!(message instanceof Map<?, ?> envelope)) {
      throw new IpcProtocolException(
          IpcProtocolException.INVALID_MESSAGE,
          "message from " + source + " must be a JSON object, not " + kind(message));
    }
    if (!(envelope.get("type") instanceof String type)) {
      throw new IpcProtocolException(
          IpcProtocolException.INVALID_EVENT,
          "message from "
              + source
              + " has no string \"type\" (found "
              + kind(envelope.get("type"))
              + ")");
    }
    return new DecodedEvent(type, envelope.get("data"));
  }

  private static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Number) {
      return "a number";
    }
    return value instanceof Map ? "an object" : "an array";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
