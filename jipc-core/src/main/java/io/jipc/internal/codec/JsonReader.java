package io.jipc.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A strict JSON reader (RFC 8259) over UTF-8 bytes that accepts exactly what JavaScript's {@code
 * JSON.parse} accepts after Node decodes the bytes, and builds the payload model.
 *
 * <p>The model: {@code null}, {@link Boolean}, {@link String}, numbers as {@link Long} (no fraction
 * and no exponent, fits a {@code long}; {@code -0} is {@code 0L}), {@link Double} (when it prints
 * back as the same decimal value) or {@link java.math.BigDecimal} (otherwise, see {@link
 * JsonNumbers}), arrays as unmodifiable {@code List<Object>} (may hold nulls), objects as
 * unmodifiable {@code Map<String, Object>} ({@link JsonObject}) in JavaScript's member order
 * ({@link KeyOrder}); a duplicate member keeps its first position and takes its last value.
 *
 * <p>Node decodes bytes before parsing, so invalid UTF-8 inside a string becomes U+FFFD (one per
 * maximal invalid subsequence, as the WHATWG decoder does) instead of failing; a non-ASCII byte
 * outside a string is an error, as no non-ASCII character is JSON outside a string. Unicode escapes
 * may produce lone surrogates, as in JavaScript.
 *
 * <p>Nesting is handled with an explicit stack, so {@code maxDepth} (the number of open arrays and
 * objects allowed at once) bounds memory, never the thread's stack. Errors are {@link
 * JsonException}s whose offsets count from {@code off}.
 *
 * <p>Besides {@link #parse}, the cursor primitives ({@link #position()}, {@link #consume}, {@link
 * #readString()}, …) let a caller read a known envelope without building a map for it. A reader
 * reuses scratch space across the values it reads and keeps references into them until it is
 * dropped, so use one reader per input. Not thread-safe: a reader belongs to one thread.
 */
public final class JsonReader {
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private final byte[] buf;
  private final int start;
  private final int end;
  private final int maxDepth;
  private int pos;
  private StringDecoder strings;
  private ContainerStack containers;
  private TypeNames keys; // Repeated object keys come from here when set.

  /**
   * Creates a reader over {@code buf[off, end)}, positioned at {@code off}.
   *
   * @param maxDepth how many arrays and objects may be open at once; 0 allows only scalars
   * @throws IndexOutOfBoundsException if the range is not inside {@code buf}
   * @throws IllegalArgumentException if {@code maxDepth} is negative
   */
  public JsonReader(byte[] buf, int off, int end, int maxDepth) {
    Objects.checkFromToIndex(off, end, buf.length);
    if (maxDepth < 0) {
      throw new IllegalArgumentException("maxDepth must be >= 0: " + maxDepth);
    }
    this.buf = buf;
    this.start = off;
    this.end = end;
    this.maxDepth = maxDepth;
    this.pos = off;
  }

  /**
   * Parses {@code buf[off, off + len)} as exactly one JSON value, optionally surrounded by JSON
   * whitespace (space, tab, line feed, carriage return).
   *
   * @throws JsonException if the bytes are anything else, or nest deeper than {@code maxDepth}
   */
  public static Object parse(byte[] buf, int off, int len, int maxDepth) throws JsonException {
    Objects.checkFromIndexSize(off, len, buf.length);
    JsonReader reader = new JsonReader(buf, off, off + len, maxDepth);
    Object value = reader.readValue();
    reader.expectEnd();
    return value;
  }

  /**
   * Parses {@code text} as exactly one JSON value, as {@link #parse(byte[], int, int, int)} does
   * with its UTF-8 bytes: for JSON typed by a person or read from a file. Error offsets count those
   * bytes, which for ASCII text are its characters.
   *
   * @throws JsonException if the text is anything else, or nests deeper than {@code maxDepth}
   */
  public static Object parse(String text, int maxDepth) throws JsonException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return parse(utf8, 0, utf8.length, maxDepth);
  }

  /** Reads the value after any whitespace, leaving the position just after it. */
  public Object readValue() throws JsonException {
    skipWhitespace();
    if (pos < end && (buf[pos] == '[' || buf[pos] == '{')) {
      if (maxDepth == 0) {
        throw tooDeep();
      }
      if (containers == null) {
        containers = new ContainerStack(this);
      }
      return containers.read();
    }
    return readScalar();
  }

  /** Reads a string, a number, {@code true}, {@code false} or {@code null} at the position. */
  Object readScalar() throws JsonException {
    if (pos >= end) {
      throw unexpected(pos, "a value");
    }
    byte b = buf[pos];
    switch (b) {
      case '"':
        return readString();
      case 't':
        return literal(TRUE, Boolean.TRUE);
      case 'f':
        return literal(FALSE, Boolean.FALSE);
      case 'n':
        return literal(NULL, null);
      default:
        if (b == '-' || (b >= '0' && b <= '9')) {
          return readNumber();
        }
        throw unexpected(pos, "a value");
    }
  }

  /**
   * Takes object keys that are plain printable ASCII from {@code names}, so a key that repeats
   * frame after frame ({@code "id"}, {@code "data"}) is one {@link String}, not a new one each
   * time.
   */
  void keys(TypeNames names) {
    this.keys = names;
  }

  /** Reads an object key: as {@link #readString()}, from the key table when one is set. */
  String readKey() throws JsonException {
    return readName(keys);
  }

  /**
   * Reads a string as {@link #readString()} does, taking it from {@code names} (when not null) if
   * it is plain printable ASCII: for names that repeat, such as event types.
   */
  String readName(TypeNames names) throws JsonException {
    if (names != null && pos < end && buf[pos] == '"') {
      int close = plainStringEnd(buf, pos + 1, end);
      if (close >= 0) {
        String name = names.name(buf, pos + 1, close);
        pos = close + 1;
        return name;
      }
    }
    return readString();
  }

  /** Returns the index of the closing quote of a plain printable-ASCII string, or -1. */
  static int plainStringEnd(byte[] buf, int from, int end) {
    for (int i = from; i < end; i++) {
      byte c = buf[i];
      if (c == '"') {
        return i;
      }
      if (c < 0x20 || c == '\\') {
        return -1;
      }
    }
    return -1;
  }

  /**
   * Reads the string that starts at the position (which must hold {@code "}), leaving the position
   * just after its closing quote.
   */
  public String readString() throws JsonException {
    if (pos >= end || buf[pos] != '"') {
      throw unexpected(pos, "'\"'");
    }
    byte[] b = buf;
    int first = pos + 1;
    // Plain ASCII without escapes is by far the most common string; copy it in one go.
    for (int i = first; i < end; i++) {
      byte c = b[i];
      if (c == '"') {
        pos = i + 1;
        return new String(b, first, i - first, StandardCharsets.ISO_8859_1);
      }
      if (c < 0x20 || c == '\\') {
        break;
      }
    }
    if (strings == null) {
      strings = new StringDecoder(this);
    }
    return strings.decode(first);
  }

  private Object readNumber() throws JsonException {
    int first = pos;
    int i = first;
    if (buf[i] == '-') {
      i++;
    }
    int digitsStart = i;
    if (i < end && buf[i] == '0') {
      i++;
    } else {
      i = digits(i, "a digit");
    }
    int digitsEnd = i;
    boolean integral = true;
    if (i < end && buf[i] == '.') {
      i = digits(i + 1, "a digit after '.'");
      integral = false;
    }
    if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
      i++;
      if (i < end && (buf[i] == '+' || buf[i] == '-')) {
        i++;
      }
      i = digits(i, "a digit in the exponent");
      integral = false;
    }
    pos = i;
    int count = digitsEnd - digitsStart;
    if (integral && count <= 18) {
      long value = 0;
      for (int j = digitsStart; j < digitsEnd; j++) {
        value = value * 10 + (buf[j] - '0');
      }
      return buf[first] == '-' ? -value : value;
    }
    if (integral && count == 19) {
      Long value = nineteenDigits(digitsStart, buf[first] == '-');
      if (value != null) {
        return value;
      }
    }
    return JsonNumbers.value(buf, first, i);
  }

  /** Returns the 19-digit integer at {@code from} if it fits a {@code long}, else null. */
  private Long nineteenDigits(int from, boolean negative) {
    long value = 0; // below 10^19 < 2^64, so it fits as unsigned
    for (int j = from; j < from + 19; j++) {
      value = value * 10 + (buf[j] - '0');
    }
    if (Long.compareUnsigned(value, Long.MAX_VALUE) <= 0) {
      return negative ? -value : value;
    }
    return negative && value == Long.MIN_VALUE ? Long.MIN_VALUE : null;
  }

  /** Skips one or more digits at {@code i}; returns the index after them. */
  private int digits(int i, String expected) throws JsonException {
    if (i >= end || buf[i] < '0' || buf[i] > '9') {
      throw unexpected(i, expected);
    }
    do {
      i++;
    } while (i < end && buf[i] >= '0' && buf[i] <= '9');
    return i;
  }

  private Object literal(byte[] word, Boolean value) throws JsonException {
    for (int j = 0; j < word.length; j++) {
      if (pos + j >= end || buf[pos + j] != word[j]) {
        String expected = "'" + new String(word, StandardCharsets.US_ASCII) + "'";
        throw unexpected(pos + j, expected);
      }
    }
    pos += word.length;
    return value;
  }

  /** Moves the position past any JSON whitespace: space, tab, line feed, carriage return. */
  public void skipWhitespace() {
    int i = pos;
    while (i < end) {
      byte b = buf[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        break;
      }
      i++;
    }
    pos = i;
  }

  /** Returns the position, an index into the array given to the constructor. */
  public int position() {
    return pos;
  }

  /**
   * Moves the position.
   *
   * @throws IndexOutOfBoundsException if {@code position} is outside {@code [off, end]}
   */
  public void position(int position) {
    if (position < start || position > end) {
      throw new IndexOutOfBoundsException(
          "position " + position + " outside [" + start + ", " + end + "]");
    }
    pos = position;
  }

  /**
   * If the bytes at the position equal {@code literal}, moves past them and returns true; otherwise
   * returns false and leaves the position alone.
   */
  public boolean consume(byte[] literal) {
    int n = literal.length;
    if (n > end - pos) {
      return false;
    }
    for (int j = 0; j < n; j++) {
      if (buf[pos + j] != literal[j]) {
        return false;
      }
    }
    pos += n;
    return true;
  }

  /**
   * Skips whitespace and checks that the input ends there.
   *
   * @throws JsonException if anything else follows
   */
  public void expectEnd() throws JsonException {
    skipWhitespace();
    if (pos < end) {
      throw unexpected(pos, "the end of the input");
    }
  }

  byte[] buffer() {
    return buf;
  }

  int end() {
    return end;
  }

  int maxDepth() {
    return maxDepth;
  }

  void advanceTo(int position) {
    pos = position;
  }

  /** Returns an error for the byte at {@code at} (or the end of input there). */
  JsonException unexpected(int at, String expected) {
    int offset = at - start;
    if (at >= end) {
      return new JsonException(
          "unexpected end of input at offset " + offset + ", expected " + expected, offset);
    }
    return new JsonException(
        "unexpected byte 0x"
            + Character.forDigit((buf[at] >> 4) & 0xF, 16)
            + Character.forDigit(buf[at] & 0xF, 16)
            + " at offset "
            + offset
            + ", expected "
            + expected,
        offset);
  }

  /** Returns an error for content that is well-formed bytes but not allowed JSON at {@code at}. */
  JsonException invalid(int at, String what) {
    int offset = at - start;
    return new JsonException(what + " at offset " + offset, offset);
  }

  JsonException tooDeep() {
    return invalid(pos, "nesting deeper than maxDepth (" + maxDepth + ")");
  }
}
