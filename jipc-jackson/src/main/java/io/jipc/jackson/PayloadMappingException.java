package io.jipc.jackson;

/**
 * An event's or a request's data did not map to the type it was asked for: wrong shape, a missing
 * required field, a number out of range. Names the event type, the target type and Jackson's path
 * to the value that failed; the cause is Jackson's exception.
 *
 * <p>A typed handler's mapping failure reaches the endpoint's {@code error} handlers as the cause
 * of the error jipc reports for a failing handler, and the connection stays open; a typed request's
 * answer that does not map fails that request's future with this exception.
 */
public final class PayloadMappingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String eventType;
  private final transient Class<?> targetType;
  private final String path;

  PayloadMappingException(
      String eventType, Class<?> targetType, String path, String message, Throwable cause) {
    super(message, cause);
    this.eventType = eventType;
    this.targetType = targetType;
    this.path = path;
  }

  /**
   * Returns the type of the event or request whose data did not map; null from {@code fromData}.
   */
  public String eventType() {
    return eventType;
  }

  /** Returns the type the data was to become. */
  public Class<?> targetType() {
    return targetType;
  }

  /**
   * Returns Jackson's path to the value that failed, as {@code
   * JsonMappingException.getPathReference()} gives it ({@code com.example.Order["lines"]->
   * java.util.ArrayList[0]->com.example.Line["qty"]}); empty when the data itself, not a value in
   * it, failed.
   */
  public String path() {
    return path;
  }
}
