package io.jipc.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload most of node-ipc's examples send: {@code {"id": sender, "message": text}}. Immutable.
 *
 * @param id the sender's {@code ipc.config.id}
 * @param message the text
 */
public record AppMessage(String id, String message) {

  /**
   * Reads a received payload.
   *
   * @throws IllegalArgumentException if {@code data} is not an object with string {@code id} and
   *     {@code message}
   */
  public static AppMessage from(Object data) {
    if (data instanceof Map<?, ?> map
        && map.get("id") instanceof String id
        && map.get("message") instanceof String message) {
      return new AppMessage(id, message);
    }
    throw new IllegalArgumentException("not an {id, message} payload: " + data);
  }

  /** Returns the payload to emit, keys in node-ipc's order. */
  public Map<String, Object> toData() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", id);
    data.put("message", message);
    return data;
  }
}
