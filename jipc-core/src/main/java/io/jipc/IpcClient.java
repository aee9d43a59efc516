package io.jipc;

import io.jipc.internal.RealIpcClient;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A client of one server endpoint, reconnecting by itself: node-ipc's {@code ipc.of[id]}.
 *
 * <h2>Lifecycle and events</h2>
 *
 * <p>{@link #connect()} starts the client; it connects, and after every close waits {@code retry}
 * and connects again until {@code maxRetries} attempts in a row have failed, {@link
 * #stopRetrying()} or {@link #close()} is called, or the server broke the protocol. Handlers
 * receive the event's data:
 *
 * <table>
 *   <caption>Lifecycle events of a client, in the order they fire</caption>
 *   <tr><th>event</th><th>data</th><th>when</th></tr>
 *   <tr><td>{@code connect}</td><td>null</td><td>connected, before any event of it</td></tr>
 *   <tr><td><i>type</i></td><td>the payload</td><td>a frame arrived</td></tr>
 *   <tr><td>{@code data}</td><td>{@code byte[]}</td><td>raw profile: bytes arrived</td></tr>
 *   <tr><td>{@code error}</td><td>the {@link Throwable}</td>
 *       <td>an attempt or the connection failed, or a handler threw</td></tr>
 *   <tr><td>{@code disconnect}</td><td>null</td>
 *       <td>after every close, including a failed attempt</td></tr>
 *   <tr><td>{@code destroy}</td><td>null</td>
 *       <td>once, when the client gives up or is closed; nothing fires after it</td></tr>
 * </table>
 *
 * <h2>Threads</h2>
 *
 * <p>A client lives on one shared I/O loop, which connects, reads, writes, waits between attempts
 * and runs all its handlers (or hands them to {@code handlerExecutor}), one at a time, in this
 * order. Emitting never blocks. All methods are thread-safe. Futures it returns refuse to be waited
 * for ({@code get}, {@code join}) on a loop thread while incomplete, with an {@link
 * IllegalStateException}: chain with {@code thenAccept} instead. See {@code docs/THREADING.md}.
 */
public interface IpcClient extends AutoCloseable {

  /** Returns a client of {@code endpoint} with default config; call {@link #connect()} next. */
  static IpcClient create(Endpoint endpoint) {
    return create(endpoint, IpcConfig.defaults());
  }

  /** Returns a client of {@code endpoint} with {@code config}; call {@link #connect()} next. */
  static IpcClient create(Endpoint endpoint, IpcConfig config) {
    if (endpoint instanceof Endpoint.Udp) {
      throw new IllegalArgumentException(
          "UDP has no clients (node-ipc neither): create an IpcServer on "
              + endpoint
              + " and emit to the other side's address");
    }
    return new RealIpcClient(endpoint, config);
  }

  /** Returns the server endpoint this client connects to. */
  Endpoint endpoint();

  /** Returns this client's config. */
  IpcConfig config();

  /**
   * Starts connecting, once; later calls return the same future. It completes with this client at
   * the first successful connect, right after the {@code connect} handlers ran, or exceptionally
   * (with the last failure) if the client gives up or is closed first. Dependent actions attached
   * with {@code thenRun} and the like run on the client's loop thread (or its {@code
   * handlerExecutor}): keep them short. Its {@code get()} and {@code join()} throw {@link
   * IllegalStateException} on a loop thread while it is incomplete, instead of deadlocking.
   */
  CompletableFuture<IpcClient> connect();

  /** Returns true while connected. */
  boolean isConnected();

  /**
   * Registers a handler for events of {@code type}; {@code "*"} receives every event. The same
   * handler registered twice runs twice.
   *
   * @return this client
   */
  IpcClient on(String type, Handler handler);

  /** Registers a handler that ignores the event's data. */
  IpcClient on(String type, Runnable handler);

  /** Registers a handler that also receives the type; under {@code "*"} it sees every event. */
  IpcClient on(String type, AnyHandler handler);

  /**
   * Removes one registration of {@code handler} (the same object given to {@code on}) for {@code
   * type}; nothing happens when it is not registered.
   *
   * @return this client
   */
  IpcClient off(String type, Handler handler);

  /**
   * Removes one registration of {@code handler} for {@code type}, as {@link #off(String, Handler)}.
   */
  IpcClient off(String type, Runnable handler);

  /**
   * Removes one registration of {@code handler} for {@code type}, as {@link #off(String, Handler)}.
   */
  IpcClient off(String type, AnyHandler handler);

  /**
   * Sends one event to the server. In sync mode it waits in a queue until any event arrives for the
   * one before it.
   *
   * @param type the event type
   * @param data the payload: null, Boolean, Number, String, List, Map with String keys, arrays
   * @return true if queued; false if not connected (nothing is kept for a later connection)
   * @throws IllegalArgumentException if the profile refuses the type or the frame size (the cause
   *     is an {@link IpcProtocolException} with the code) or the payload cannot be written as JSON
   * @throws IllegalStateException in the raw profile
   */
  boolean emit(String type, Object data);

  /** Sends one event whose data is an empty object, as node-ipc does when data is omitted. */
  boolean emit(String type);

  /**
   * Sends raw bytes (raw profile only).
   *
   * @throws IllegalStateException in a framed profile
   */
  boolean emit(byte[] bytes);

  /**
   * Asks the server, waiting at most {@code requestTimeout}: see {@link #request(String, Object,
   * Duration)}.
   */
  CompletableFuture<Object> request(String type, Object data);

  /**
   * Asks the server on the current connection: sends {@code data} as a request of {@code type} and
   * returns a future of the answer its request handler gives, exactly as {@link
   * IpcSocket#request(String, Object, Duration)} does. When not connected the future fails at once
   * with an {@link java.io.IOException}; a request is never kept for a later connection, and a
   * disconnect fails the requests of its connection at once, before the client reconnects. In sync
   * mode a request waits in the sync queue as an emit does, and its reply releases the next frame.
   *
   * @throws IllegalArgumentException as {@link #emit(String, Object)}, or for a bad timeout
   * @throws IllegalStateException in the raw profile
   */
  CompletableFuture<Object> request(String type, Object data, Duration timeout);

  /**
   * Answers the server's requests of {@code type} with {@code handler}, replacing any handler set
   * for it before; requests of a type without a handler are answered with {@link
   * IpcRemoteException#NO_HANDLER}. The handler runs as event handlers do, in order with them.
   *
   * @return this client
   */
  IpcClient onRequest(String type, RequestHandler handler);

  /**
   * Sends a string in the raw profile, encoded with {@code encoding}; node-ipc's raw {@code
   * emit(string)}.
   *
   * @throws IllegalStateException in a framed profile
   */
  boolean write(String text);

  /**
   * Returns a future that completes when every byte queued so far has been handed to the operating
   * system, or exceptionally if the connection closes before it could write them, or there never
   * was one. Called after the connection closed, it completes if that connection wrote everything
   * queued on it (an emit followed by the server's close is flushed) and fails if it dropped bytes.
   */
  CompletableFuture<Void> flush();

  /** Returns the bytes queued on the current connection and not yet written. */
  long pendingBytes();

  /**
   * Returns the server's certificate chain of the current TLS connection, leaf first (verified
   * unless {@code rejectUnauthorized} is false); empty when not connected or not TLS.
   */
  List<X509Certificate> peerCertificates();

  /**
   * Stops reconnecting: a pending retry is cancelled (firing {@code destroy}) and the next close
   * ends the client. node-ipc's {@code stopRetrying = true}.
   */
  void stopRetrying();

  /**
   * Returns what this client has done since it was made, over all its connections: whether it is
   * connected, how many times it connected and reconnected, frames and bytes each way, bytes queued
   * now, its errors by code, and its requests. Safe from any thread, at any point of its life. See
   * {@link IpcStats}.
   */
  IpcStats stats();

  /**
   * Disconnects for good: pending writes are flushed for up to {@code closeTimeout}, the connection
   * closes, {@code disconnect} and {@code destroy} fire, and no reconnect follows. Idempotent;
   * waits (bounded) for the events, except when called from a handler (on a loop or a {@code
   * handlerExecutor} thread), where it starts the close and returns.
   */
  @Override
  void close();

  /** Answers one kind of the server's requests; see {@link IpcClient#onRequest}. */
  @FunctionalInterface
  interface RequestHandler {
    /**
     * Returns the answer to one request: a value as {@code emit} takes for data, or a {@link
     * java.util.concurrent.CompletionStage} of one, answered when it completes. To answer with an
     * error, throw (or complete the stage with) an {@link IpcRemoteException} with your code;
     * anything else thrown answers {@link IpcRemoteException#HANDLER_FAILED} and is reported to
     * this client's {@code error} handlers.
     *
     * @param data the request's payload
     */
    Object answer(Object data) throws Exception;
  }

  /**
   * Receives one event on a client: {@code data} is the event's payload (see {@link IpcClient} for
   * what each lifecycle event passes).
   *
   * <p>All handlers of one client run one at a time, in the order their events happened: on the
   * client's I/O loop thread by default, so a handler that blocks holds up every socket of that
   * loop (run such handlers on {@code handlerExecutor}). A handler that throws is reported as an
   * {@code error} event (or logged, if the error handler throws) and the next events still arrive.
   */
  @FunctionalInterface
  interface Handler {
    /**
     * Handles one event.
     *
     * @param data the payload; immutable when it came from the wire
     * @throws Exception to report a failure; it does not affect the connection
     */
    void handle(Object data) throws Exception;
  }

  /**
   * Receives events on a client together with their type; registered under the wildcard type {@code
   * "*"} it receives every event, lifecycle events included, as node-ipc's {@code '*'} handlers do.
   * Same threading and failure rules as {@link Handler}.
   */
  @FunctionalInterface
  interface AnyHandler {
    /**
     * Handles one event.
     *
     * @param type the event type
     * @param data the payload
     * @throws Exception to report a failure; it does not affect the connection
     */
    void handle(String type, Object data) throws Exception;
  }
}
