package io.jipc.jackson;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jipc.IpcClient;
import io.jipc.IpcServer;
import io.jipc.IpcSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Typed payloads: records and POJOs in and out of jipc events, mapped by a Jackson {@link
 * ObjectMapper}. One instance serves any number of servers, sockets and clients:
 *
 * <pre>{@code
 * JsonMapping json = JsonMapping.defaults();
 * json.on(server, "order", Order.class, (order, socket) -> json.emit(socket, "receipt", receipt));
 * json.emit(client, "order", new Order("tea", 2));
 * json.request(client, "quote", new Order("tea", 2), Quote.class).thenAccept(q -> ...);
 * }</pre>
 *
 * <p>With the facade, pass its endpoints: {@code json.on(ipc.server(), ...)}, {@code
 * json.emit(ipc.of("world"), ...)}.
 *
 * <h2>The bytes on the wire</h2>
 *
 * <p>A value is turned into jipc's plain value model (Map, List, String, Number, Boolean, null) by
 * Jackson's serializers, which decide the field names and which fields there are ({@code
 * JsonProperty}, {@code JsonIgnore}, naming strategies and the rest apply), and jipc-core writes
 * that value as it writes any payload, exactly as {@code JSON.stringify} does: a typed emit sends
 * the same bytes as a plain emit of the {@code Map} built from the value by hand, numbers included
 * (NaN and infinities are {@code null}, {@code -0.0} is {@code 0}, a {@code Long} and a {@code
 * BigDecimal} keep every digit, a {@code float} is written as the double it is). Two values Jackson
 * writes as no plain value does: a {@code byte[]} becomes the base64 string of Jackson's JSON, and
 * a {@code JsonRawValue} field is refused with an {@link IllegalArgumentException}. Data keeps what
 * JSON keeps: a {@code BigDecimal}'s trailing zeros ({@code 7.00}) do not survive the trip.
 * Received data goes the other way: from jipc's decoded value through Jackson's deserializers into
 * the requested type.
 *
 * <h2>Failures</h2>
 *
 * <p>Data that does not map to the handler's type (wrong shape, a missing required field, a number
 * out of range) does not reach the handler: a {@link PayloadMappingException} naming the event
 * type, the target type and Jackson's path is thrown in its place, so jipc reports it to the
 * endpoint's {@code error} handlers as the cause of a handler failure, and the connection stays
 * open for the next event. A typed request's answer that does not map fails that request's future
 * with a {@link PayloadMappingException}. A value Jackson cannot serialize makes {@code emit} and
 * {@code request} throw {@link IllegalArgumentException}, as a plain emit of an unwritable value
 * does.
 *
 * <p>Thread-safe and immutable, provided the mapper is not reconfigured once given here. Handlers
 * run where jipc runs them (see {@code docs/THREADING.md}); mapping runs on that thread too, for
 * received data, and on the caller's thread for sent data.
 */
public final class JsonMapping {
  private final ObjectMapper mapper;

  private JsonMapping(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** Returns a mapping with a new {@link #defaultMapper()}. */
  public static JsonMapping defaults() {
    return new JsonMapping(defaultMapper());
  }

  /**
   * Returns a mapping with {@code mapper}; start from {@link #defaultMapper()} to keep its
   * settings.
   */
  public static JsonMapping of(ObjectMapper mapper) {
    return new JsonMapping(mapper);
  }

  /**
   * Returns a new mapper with the defaults of {@link #defaults()}: records and POJOs as Jackson
   * maps them; {@code java.time} types through Jackson's JSR-310 module as ISO-8601 strings ({@code
   * "2026-12-04T23:16:14Z"}, {@code "PT1.5S"}), not timestamps; unknown properties ignored, so a
   * peer may add fields; and a number with a fraction refused for an integer field ({@code 1.5} for
   * an {@code int} fails instead of becoming {@code 1}).
   */
  public static ObjectMapper defaultMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
  }

  /** Returns the mapper this mapping uses. */
  public ObjectMapper mapper() {
    return mapper;
  }

  // ---- server

  /**
   * Registers a handler for events of {@code type} on {@code server}, receiving their data as
   * {@code payloadType} and the socket it came from. Data that does not map is reported to the
   * server's {@code error} handlers (see the class comment) and the handler is not called.
   */
  public <T> void on(
      IpcServer server, String type, Class<T> payloadType, SocketHandler<? super T> handler) {
    Objects.requireNonNull(handler, "handler");
    String where = "server " + server.endpoint();
    server.on(type, (data, socket) -> handler.handle(map(type, data, payloadType, where), socket));
  }

  /**
   * Answers requests of {@code type} from any socket of {@code server}: the request's data arrives
   * as {@code requestType}, and the handler's answer is sent as {@link #emit} sends data. Data that
   * does not map is reported to the server's {@code error} handlers and the asking side gets an
   * {@code ERR_IPC_HANDLER_FAILED} answer naming the mapping failure. Otherwise as {@link
   * IpcServer#onRequest}.
   */
  public <T> void onRequest(
      IpcServer server,
      String type,
      Class<T> requestType,
      SocketRequestHandler<? super T> handler) {
    Objects.requireNonNull(handler, "handler");
    String where = "server " + server.endpoint();
    server.onRequest(
        type,
        (data, socket) ->
            answer(type, handler.answer(map(type, data, requestType, where), socket)));
  }

  /**
   * Sends {@code value} to every open socket of {@code server}, mapped once.
   *
   * @return how many sockets it was queued on, as {@link IpcServer#broadcast(String, Object)}
   * @throws IllegalArgumentException if Jackson cannot serialize {@code value}, or as {@link
   *     IpcServer#broadcast(String, Object)}
   */
  public int broadcast(IpcServer server, String type, Object value) {
    return server.broadcast(type, toData(type, value));
  }

  // ---- socket

  /**
   * Sends {@code value} as the data of one event to {@code socket}.
   *
   * @return as {@link IpcSocket#emit(String, Object)}: false if the socket is closing or closed
   * @throws IllegalArgumentException if Jackson cannot serialize {@code value}, or as {@link
   *     IpcSocket#emit(String, Object)}
   */
  public boolean emit(IpcSocket socket, String type, Object value) {
    return socket.emit(type, toData(type, value));
  }

  /**
   * Asks the peer of {@code socket}, waiting at most {@code requestTimeout}: see {@link
   * #request(IpcSocket, String, Object, Class, Duration)}.
   */
  public <R> CompletableFuture<R> request(
      IpcSocket socket, String type, Object value, Class<R> answerType) {
    String where = "socket " + socket.id();
    return typed(socket.request(type, toData(type, value)), type, answerType, where);
  }

  /**
   * Asks the peer of {@code socket} with {@code value} as the request's data, as {@link
   * IpcSocket#request(String, Object, Duration)} does, and maps the answer to {@code answerType}.
   * The future fails as that one's does, and with a {@link PayloadMappingException} when the answer
   * does not map; only this request fails then.
   *
   * @throws IllegalArgumentException if Jackson cannot serialize {@code value}, or as {@link
   *     IpcSocket#request(String, Object, Duration)}
   */
  public <R> CompletableFuture<R> request(
      IpcSocket socket, String type, Object value, Class<R> answerType, Duration timeout) {
    String where = "socket " + socket.id();
    return typed(socket.request(type, toData(type, value), timeout), type, answerType, where);
  }

  // ---- client

  /**
   * Registers a handler for events of {@code type} on {@code client}, receiving their data as
   * {@code payloadType}. Data that does not map is reported to the client's {@code error} handlers
   * (see the class comment) and the handler is not called.
   */
  public <T> void on(
      IpcClient client, String type, Class<T> payloadType, Handler<? super T> handler) {
    Objects.requireNonNull(handler, "handler");
    String where = "client of " + client.endpoint();
    client.on(type, data -> handler.handle(map(type, data, payloadType, where)));
  }

  /**
   * Answers the server's requests of {@code type} on {@code client}: as {@link
   * #onRequest(IpcServer, String, Class, SocketRequestHandler)}, reporting to the client's {@code
   * error} handlers.
   */
  public <T> void onRequest(
      IpcClient client, String type, Class<T> requestType, RequestHandler<? super T> handler) {
    Objects.requireNonNull(handler, "handler");
    String where = "client of " + client.endpoint();
    client.onRequest(
        type, data -> answer(type, handler.answer(map(type, data, requestType, where))));
  }

  /**
   * Sends {@code value} as the data of one event to the server of {@code client}.
   *
   * @return as {@link IpcClient#emit(String, Object)}: false if not connected
   * @throws IllegalArgumentException if Jackson cannot serialize {@code value}, or as {@link
   *     IpcClient#emit(String, Object)}
   */
  public boolean emit(IpcClient client, String type, Object value) {
    return client.emit(type, toData(type, value));
  }

  /**
   * Asks the server of {@code client}, waiting at most {@code requestTimeout}: see {@link
   * #request(IpcClient, String, Object, Class, Duration)}.
   */
  public <R> CompletableFuture<R> request(
      IpcClient client, String type, Object value, Class<R> answerType) {
    String where = "client of " + client.endpoint();
    return typed(client.request(type, toData(type, value)), type, answerType, where);
  }

  /**
   * Asks the server of {@code client} with {@code value} as the request's data, as {@link
   * IpcClient#request(String, Object, Duration)} does, and maps the answer to {@code answerType}.
   * The future fails as that one's does, and with a {@link PayloadMappingException} when the answer
   * does not map; only this request fails then.
   *
   * @throws IllegalArgumentException if Jackson cannot serialize {@code value}, or as {@link
   *     IpcClient#request(String, Object, Duration)}
   */
  public <R> CompletableFuture<R> request(
      IpcClient client, String type, Object value, Class<R> answerType, Duration timeout) {
    String where = "client of " + client.endpoint();
    return typed(client.request(type, toData(type, value), timeout), type, answerType, where);
  }

  // ---- values

  /**
   * Returns {@code value} in jipc's plain value model, as a typed emit sends it: a {@code Map} for
   * a record or POJO (fields in Jackson's order), a {@code List} for a collection or array, and
   * Strings, Numbers, Booleans and nulls as Jackson's serializers give them, each number the Java
   * object it was. Useful to mix typed values into plain payloads.
   *
   * @throws IllegalArgumentException if Jackson cannot serialize {@code value}
   */
  public Object toData(Object value) {
    return toData(null, value);
  }

  /**
   * Returns {@code data}, a value of jipc's plain value model (such as a handler's {@code data}),
   * as a {@code targetType}.
   *
   * @throws PayloadMappingException if it does not map
   */
  public <T> T fromData(Object data, Class<T> targetType) {
    return map(null, data, targetType, null);
  }

  private Object toData(String type, Object value) {
    TokenBuffer buffer = new TokenBuffer(mapper, false);
    try {
      mapper.writeValue(buffer, value);
      try (JsonParser p = buffer.asParser()) {
        p.nextToken();
        return PlainValues.read(p, mapper.getSerializationConfig().getBase64Variant());
      }
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "cannot serialize "
              + (value == null ? "null" : value.getClass().getName())
              + (type == null ? "" : " as the data of \"" + type + "\"")
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a TokenBuffer does no I/O
    }
  }

  private <T> T map(String type, Object data, Class<T> targetType, String where) {
    Objects.requireNonNull(targetType, "targetType");
    TokenBuffer buffer = new TokenBuffer(mapper, false);
    try {
      PlainValues.write(data, buffer);
      try (JsonParser p = buffer.asParser()) {
        return mapper.readValue(p, targetType);
      }
    } catch (JacksonException e) {
      throw mismatch(type, targetType, where, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a TokenBuffer does no I/O
    }
  }

  private static PayloadMappingException mismatch(
      String type, Class<?> targetType, String where, JacksonException e) {
    String path = e instanceof JsonMappingException m ? m.getPathReference() : "";
    String message =
        (type == null ? "data" : "the data of \"" + type + "\"")
            + (where == null ? "" : " on " + where)
            + " does not map to "
            + targetType.getName()
            + (path.isEmpty() ? "" : " at " + path)
            + ": "
            + e.getOriginalMessage();
    return new PayloadMappingException(type, targetType, path, message, e);
  }

  private Object answer(String type, Object answer) {
    if (answer instanceof CompletionStage<?> stage) {
      return stage.thenApply(value -> toData(type, value));
    }
    return toData(type, answer);
  }

  private <R> CompletableFuture<R> typed(
      CompletableFuture<Object> answer, String type, Class<R> answerType, String where) {
    Objects.requireNonNull(answerType, "answerType");
    return answer.thenApply(data -> map(type, data, answerType, where));
  }

  /** Receives one typed event on a client. */
  @FunctionalInterface
  public interface Handler<T> {
    /**
     * Handles one event, on the client's handler thread.
     *
     * @param payload the event's data as the requested type; null when the data was null
     * @throws Exception to report a failure to the client's {@code error} handlers
     */
    void handle(T payload) throws Exception;
  }

  /** Receives one typed event on a server, with the socket it came from. */
  @FunctionalInterface
  public interface SocketHandler<T> {
    /**
     * Handles one event, on the socket's handler thread.
     *
     * @param payload the event's data as the requested type; null when the data was null
     * @param socket the socket the event came from
     * @throws Exception to report a failure to the server's {@code error} handlers
     */
    void handle(T payload, IpcSocket socket) throws Exception;
  }

  /** Answers one kind of typed request on a client. */
  @FunctionalInterface
  public interface RequestHandler<T> {
    /**
     * Returns the answer: a value mapped as {@link JsonMapping#emit} maps data, or a {@link
     * CompletionStage} of one. Throwing works as for {@link IpcClient.RequestHandler#answer}.
     *
     * @param request the request's data as the requested type
     */
    Object answer(T request) throws Exception;
  }

  /** Answers one kind of typed request on a server. */
  @FunctionalInterface
  public interface SocketRequestHandler<T> {
    /**
     * Returns the answer: a value mapped as {@link JsonMapping#emit} maps data, or a {@link
     * CompletionStage} of one. Throwing works as for {@link IpcServer.RequestHandler#answer}.
     *
     * @param request the request's data as the requested type
     * @param socket the socket that asked
     */
    Object answer(T request, IpcSocket socket) throws Exception;
  }
}
