package io.jipc.internal;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * Stateless and thread-safe.
 */
final class ControlFrames {
  static final String REQUEST = "jipc.request";
  static final String REPLY = "jipc.reply";
  static final String PING = "jipc.ping";
  static final String PONG = "jipc.pong";

  private ControlFrames() {}

  /** Returns true for the four types jipc consumes itself. */
  static boolean isControl(String type) {
    return type.startsWith("jipc.")
        && (type.equals(REPLY) || type.equals(REQUEST) || type.equals(PING) || type.equals(PONG));
  }

  /** Returns the data of a request frame. */
  static Map<String, Object> request(long id, String type, Object data) {
    Map<String, Object> request = new LinkedHashMap<>(4);
    request.put("id", id);
    request.put("type", type);
    request.put("data", data);
    return request;
  }

  /** Returns the data of an answer frame. */
  static Map<String, Object> answer(Object id, Object data) {
    Map<String, Object> reply = new LinkedHashMap<>(4);
    reply.put("id", id);
    reply.put("data", data);
    return reply;
  }

  /** Returns the data of an error answer frame. */
  static Map<String, Object> error(Object id, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>(4);
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> reply = new LinkedHashMap<>(4);
    reply.put("id", id);
    reply.put("error", error);
    return reply;
  }
}
