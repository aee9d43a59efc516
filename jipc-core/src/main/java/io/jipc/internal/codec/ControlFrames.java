package io.jipc.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * jipc's own frames, ordinary node-ipc events in the {@code jipc.} namespace, so a plain node-ipc
 * peer can take part with a few lines of its own code:
 *
 * <pre>
 *   request   {"type":"jipc.request","data":{"id":7,"type":"price","data":{"item":"tea"}}}
 *   answer    {"type":"jipc.reply","data":{"id":7,"data":{"price":3}}}
 *   error     {"type":"jipc.reply","data":{"id":7,"error":{"code":"ERR_IPC_NO_HANDLER","message":"…"}}}
 *   ping      {"type":"jipc.ping","data":{}}
 *   pong      {"type":"jipc.pong","data":&lt;the ping's data&gt;}
 * </pre>
 *
 * <p>An id is chosen by the side that asks, unique among its waiting requests on that connection;
 * the answering side echoes it unchanged, whatever JSON value it is. A reply with an {@code error}
 * member is an error answer, whatever else it holds; otherwise its {@code data} (null when absent)
 * is the answer. These four types are consumed by jipc and never reach {@code on} handlers.
 *
 * <p>The envelopes are written here directly, member by member, exactly as {@code JSON.stringify}
 * writes the objects above (their members are in insertion order, none integer-like). Stateless and
 * thread-safe.
 */
public final class ControlFrames {
  /** The type of a request frame. */
  public static final String REQUEST = "jipc.request";

  /** The type of an answer or error answer frame. */
  public static final String REPLY = "jipc.reply";

  /** The type of a heartbeat's ping, answered by a {@link #PONG}. */
  public static final String PING = "jipc.ping";

  /** The type of the answer to a {@link #PING}, carrying the ping's data. */
  public static final String PONG = "jipc.pong";

  private static final byte[] REQUEST_HEAD = ascii("{\"type\":\"jipc.request\",\"data\":{\"id\":");
  private static final byte[] REPLY_HEAD = ascii("{\"type\":\"jipc.reply\",\"data\":{\"id\":");
  private static final byte[] TYPE_MEMBER = ascii(",\"type\":");
  private static final byte[] DATA_MEMBER = ascii(",\"data\":");
  private static final byte[] ERROR_CODE = ascii(",\"error\":{\"code\":");
  private static final byte[] MESSAGE_MEMBER = ascii(",\"message\":");
  private static final byte[] END = ascii("}}");
  private static final byte[] ID_MEMBER = ascii("{\"id\":");
  private static final byte[] CLOSE = ascii("}");
  private static final Object OTHER_SHAPE = new Object();

  /** A request's data as {@link #readRequest} reads it: the shape jipc and node-ipc write. */
  public record Request(Object id, String type, Object data) {}

  /** An answer's data as {@link #readAnswer} reads it: the shape jipc and node-ipc write. */
  public record Answer(Object id, Object data) {}

  private ControlFrames() {}

  /** Returns true for the four types jipc consumes itself. */
  public static boolean isControl(String type) {
    return type.startsWith("jipc.")
        && (type.equals(REPLY) || type.equals(REQUEST) || type.equals(PING) || type.equals(PONG));
  }

  /**
   * Writes a request's envelope, without a delimiter; {@code data} nests one level deeper than an
   * event's, so it may be one level less deep.
   *
   * @throws IllegalArgumentException if data cannot be written as JSON
   * @throws ByteSink.OverflowException if the sink's limit is reached
   */
  public static void request(long id, String type, Object data, ByteSink out, int maxDepth) {
    out.write(REQUEST_HEAD, 0, REQUEST_HEAD.length);
    JsonWriter.writeLong(id, out);
    out.write(TYPE_MEMBER, 0, TYPE_MEMBER.length);
    JsonWriter.writeString(type, out);
    out.write(DATA_MEMBER, 0, DATA_MEMBER.length);
    JsonWriter.writeValue(data, out, maxDepth - 1);
    out.write(END, 0, END.length);
  }

  /**
   * Writes an answer's envelope, without a delimiter; {@code id} is the request's, any JSON value.
   *
   * @throws IllegalArgumentException if the answer cannot be written as JSON
   * @throws ByteSink.OverflowException if the sink's limit is reached
   */
  public static void answer(Object id, Object answer, ByteSink out, int maxDepth) {
    out.write(REPLY_HEAD, 0, REPLY_HEAD.length);
    JsonWriter.writeValue(id, out, maxDepth - 1);
    out.write(DATA_MEMBER, 0, DATA_MEMBER.length);
    JsonWriter.writeValue(answer, out, maxDepth - 1);
    out.write(END, 0, END.length);
  }

  /**
   * Writes an error answer's envelope, without a delimiter.
   *
   * @throws ByteSink.OverflowException if the sink's limit is reached
   */
  public static void error(Object id, String code, String message, ByteSink out, int maxDepth) {
    out.write(REPLY_HEAD, 0, REPLY_HEAD.length);
    JsonWriter.writeValue(id, out, maxDepth - 1);
    out.write(ERROR_CODE, 0, ERROR_CODE.length);
    JsonWriter.writeString(code, out);
    out.write(MESSAGE_MEMBER, 0, MESSAGE_MEMBER.length);
    JsonWriter.writeString(message, out);
    out.write('}');
    out.write(END, 0, END.length);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads the data of a control frame of {@code type} in its usual shape as a record ({@link
   * Request}, {@link Answer}); null, with the position unchanged, for pings, pongs and any other
   * shape, which the caller then reads as a plain value.
   */
  static Object readData(String type, JsonReader reader, TypeNames names) throws JsonException {
    return switch (type) {
      case REPLY -> readAnswer(reader);
      case REQUEST -> readRequest(reader, names);
      default -> null;
    };
  }

  /**
   * Reads a request's data written as jipc writes it, {@code {"id":…,"type":"…","data":…}}, and
   * returns it without building a map; returns null, with the position unchanged, for any other
   * shape (which the caller then reads as a plain value). A plain ASCII type comes from {@code
   * names}.
   *
   * @throws JsonException if the type is not a string (the caller then reads the frame as a whole)
   */
  static Request readRequest(JsonReader reader, TypeNames names) throws JsonException {
    int start = reader.position();
    if (!reader.consume(ID_MEMBER)) {
      return null;
    }
    Object id = reader.readValue();
    if (!reader.consume(TYPE_MEMBER)) {
      reader.position(start);
      return null;
    }
    String type = reader.readName(names);
    Object data = dataAndEnd(reader);
    if (data == OTHER_SHAPE) {
      reader.position(start);
      return null;
    }
    return new Request(id, type, data);
  }

  /**
   * Reads an answer's data written as jipc writes it, {@code {"id":…,"data":…}}, without building a
   * map; returns null, with the position unchanged, for any other shape (an error answer, say).
   */
  static Answer readAnswer(JsonReader reader) throws JsonException {
    int start = reader.position();
    if (!reader.consume(ID_MEMBER)) {
      return null;
    }
    Object id = reader.readValue();
    Object data = dataAndEnd(reader);
    if (data == OTHER_SHAPE) {
      reader.position(start);
      return null;
    }
    return new Answer(id, data);
  }

  /** Reads {@code ,"data":<value>}} and returns the value, or {@link #OTHER_SHAPE}. */
  private static Object dataAndEnd(JsonReader reader) throws JsonException {
    if (!reader.consume(DATA_MEMBER)) {
      return OTHER_SHAPE;
    }
    Object data = reader.readValue();
    return reader.consume(CLOSE) ? data : OTHER_SHAPE;
  }
}
