package io.jipc.internal;

import io.jipc.IpcProtocolException;
import io.jipc.IpcRemoteException;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import io.jipc.internal.codec.ByteSink;
import io.jipc.internal.codec.ControlFrames;
import io.jipc.internal.codec.EventRules;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The request handlers of one endpoint, one per request type, and the answering of the requests
 * that arrive on its connections ({@link ControlFrames}): the request's type passes the profile's
 * event-name rules, its handler runs on the connection's {@link Lane} as event handlers do, and the
 * answer (or the error) goes back with the request's id. A request that cannot be answered as asked
 * is answered with an error; the connection stays open. Thread-safe.
 */
final class Responders {
  private final Map<String, IpcServer.RequestHandler> byType = new ConcurrentHashMap<>();
  private final EndpointCore core;
  private final EventRules rules;
  private final int maxFrameBytes;
  private String accepted; // The last request type that passed the rules.

  /** Creates the request handlers of {@code core}'s endpoint. */
  Responders(EndpointCore core) {
    this.core = core;
    this.rules = EventRules.of(core.config);
    this.maxFrameBytes = core.config.limits().maxMessageSize();
  }

  /** Sets the handler of {@code type}, replacing any earlier one. */
  void put(String type, IpcServer.RequestHandler handler) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    byType.put(type, handler);
  }

  /**
   * Answers a {@code jipc.request} frame's data that arrived on {@code connection}, as {@code
   * socket} for its handler; loop only.
   */
  void answer(Connection connection, IpcSocket socket, Object request, int bytes) {
    Object id;
    Object type;
    Object data;
    if (request instanceof ControlFrames.Request usual) {
      id = usual.id();
      type = usual.type();
      data = usual.data();
    } else {
      Map<?, ?> fields = request instanceof Map<?, ?> map ? map : Map.of();
      id = fields.get("id");
      type = fields.get("type");
      data = fields.get("data");
    }
    if (id == null || !(type instanceof String name)) {
      malformed(connection, socket, id);
      return;
    }
    if (!name.equals(accepted)) {
      try {
        rules.check(name, "request from " + connection.label());
      } catch (IpcProtocolException e) {
        refuse(connection, id, e.code(), e.getMessage());
        return;
      }
      accepted = name; // types are often the same: a stale read only costs a check
    }
    IpcServer.RequestHandler handler = byType.get(name);
    if (handler == null) {
      refuse(
          connection,
          id,
          IpcRemoteException.NO_HANDLER,
          "no request handler for \"" + name + "\" on " + core.owner);
      return;
    }
    connection.lane().serve(name, () -> run(connection, socket, id, name, handler, data), bytes);
  }

  private void malformed(Connection connection, IpcSocket socket, Object id) {
    String what =
        "a request from "
            + connection.label()
            + " is not an object with an id and a string type"
            + (id == null ? "; without an id it cannot be answered" : "");
    if (id != null) {
      refuse(connection, id, IpcRemoteException.INVALID_REQUEST, what);
    } else {
      connection
          .lane()
          .error(new IpcProtocolException(IpcRemoteException.INVALID_REQUEST, what), socket);
    }
  }

  /** Runs the handler on the lane and sends what it answers. */
  private void run(
      Connection connection,
      IpcSocket socket,
      Object id,
      String type,
      IpcServer.RequestHandler handler,
      Object data) {
    Object answer;
    try {
      answer = handler.answer(data, socket);
    } catch (Throwable e) { // contained as event handlers are: reported, and answered
      failed(connection, socket, id, type, e);
      return;
    }
    if (answer instanceof CompletionStage<?> stage) {
      stage.whenComplete(
          (value, e) -> {
            if (e != null) {
              connection.lane().run(() -> failed(connection, socket, id, type, e));
            } else {
              send(connection, socket, id, type, value);
            }
          });
    } else {
      send(connection, socket, id, type, answer);
    }
  }

  private void failed(
      Connection connection, IpcSocket socket, Object id, String type, Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof IpcRemoteException chosen) {
      refuse(connection, id, chosen.code(), chosen.remoteMessage());
      return;
    }
    core.handlers.error(new HandlerException(core.owner, "request " + type, cause), socket);
    String message = cause.getMessage();
    refuse(
        connection,
        id,
        IpcRemoteException.HANDLER_FAILED,
        "the request handler for \""
            + type
            + "\" on "
            + core.owner
            + " failed"
            + (message == null ? "" : ": " + message));
  }

  private static Throwable unwrap(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Sends an answer; one that cannot be written, or is too large, is answered as an error. */
  private void send(Connection connection, IpcSocket socket, Object id, String type, Object value) {
    ByteSink frame;
    try {
      frame = connection.encoder().encodeAnswer(id, value);
    } catch (IllegalArgumentException e) {
      String code =
          e.getCause() instanceof IpcProtocolException p
                  && IpcProtocolException.FRAME_TOO_LARGE.equals(p.code())
              ? IpcRemoteException.REPLY_TOO_LARGE
              : IpcRemoteException.HANDLER_FAILED;
      answerFailed(connection, socket, id, type, code, e.getMessage());
      return;
    }
    if (frame.size() > maxFrameBytes + connection.encoder().delimiterLength()) {
      answerFailed(
          connection,
          socket,
          id,
          type,
          IpcRemoteException.REPLY_TOO_LARGE,
          "the answer of "
              + (frame.size() - connection.encoder().delimiterLength())
              + " bytes exceeds maxMessageSize ("
              + maxFrameBytes
              + " bytes)");
      return;
    }
    connection.offer(frame); // false: closing, and the asking side hears of that
  }

  private void answerFailed(
      Connection connection, IpcSocket socket, Object id, String type, String code, String why) {
    String message =
        "the answer to request \"" + type + "\" on " + core.owner + " was not sent: " + why;
    connection.lane().error(new IOException(message), socket);
    refuse(connection, id, code, message);
  }

  /** Sends an error answer; one that cannot be sent (the profile refuses it) is reported. */
  private static void refuse(Connection connection, Object id, String code, String message) {
    try {
      connection.offer(connection.encoder().encodeError(id, code, message));
    } catch (IllegalArgumentException e) {
      connection.lane().error(e, null);
    }
  }
}
