package io.jipc.internal.codec;

/**
 * One event read from a frame.
 *
 * @param type the event type, as sent
 * @param data the payload; null when the frame had no {@code data} member
 */
public record DecodedEvent(String type, Object data) {}
