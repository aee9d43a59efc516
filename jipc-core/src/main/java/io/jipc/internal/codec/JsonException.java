package io.jipc.internal.codec;

/**
 * Input is not JSON that JavaScript's {@code JSON.parse} would accept, or it nests deeper than
 * allowed.
 *
 * <p>The message says what was found, where, and what was expected ("unexpected byte 0x7d at offset
 * 12, expected a value"); it never quotes more than one byte of the input, so peer data does not
 * leak into logs. Immutable, hence thread-safe.
 */
public final class JsonException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int offset;

  /**
   * Creates an exception.
   *
   * @param message the complete message, including the offset
   * @param offset where the problem was found, in bytes from the start of the input
   */
  public JsonException(String message, int offset) {
    super(message);
    this.offset = offset;
  }

  /** Returns where the problem was found, in bytes from the start of the input. */
  public int offset() {
    return offset;
  }
}
