/**
 * jipc's API: node-ipc's event IPC for the JVM, over Unix domain sockets, TCP, TLS and UDP, byte
 * for byte compatible with node-ipc 14 and @achrinza/node-ipc 10.
 *
 * <h2>Where to start</h2>
 *
 * <ul>
 *   <li>{@link io.jipc.Ipc}: node-ipc's {@code ipc} object, so node-ipc code translates line by
 *       line ({@code ipc.serve}, {@code ipc.connectTo}, {@code ipc.of(id).on(…)}).
 *   <li>{@link io.jipc.IpcServer} and {@link io.jipc.IpcClient}, made from an {@link
 *       io.jipc.Endpoint} and an immutable {@link io.jipc.IpcConfig}: the Java-shaped API under the
 *       facade. A server's handlers ({@link io.jipc.IpcServer.Handler}) get each {@link
 *       io.jipc.IpcSocket}; both sides {@code emit} events, and {@code request} answers from the
 *       other side's {@code onRequest} handlers. A UDP server is an {@link io.jipc.UdpEndpoint},
 *       which also sends to any address.
 *   <li>{@link io.jipc.Profile}: how strictly frames are checked (the default is {@code GUARDED});
 *       {@link io.jipc.IpcConfig.Limits} bound every buffer and queue.
 * </ul>
 *
 * <h2>Nulls</h2>
 *
 * <p>Arguments must not be null unless their Javadoc says what null means: payload data (JSON
 * {@code null}), optional settings of the config (such as {@code logger}, {@code tls} or {@code
 * handlerExecutor}: none), the facade's paths and hosts (the default) and callbacks (none). A null
 * elsewhere throws {@link java.lang.NullPointerException}. Methods return null only where their
 * Javadoc says so (the config's optional settings); absent things are empty {@link
 * java.util.Optional}s or lists.
 *
 * <h2>Threads</h2>
 *
 * <p>Every type here is thread-safe except {@link io.jipc.IpcConfig.Builder}. Sockets live on a few
 * shared I/O loops; a connection's handlers run one at a time, in wire order, on its loop (or on
 * {@code handlerExecutor}); sending never blocks; blocking calls made on a loop fail fast instead
 * of deadlocking. {@code docs/THREADING.md} is the full contract.
 *
 * <h2>Failures</h2>
 *
 * <p>I/O fails with {@link java.io.IOException}; what a peer did wrong or a limit it passed is an
 * {@link io.jipc.IpcProtocolException} with node-ipc's code, delivered to {@code error} handlers;
 * an error answer to a request is an {@link io.jipc.IpcRemoteException}; programmer errors are the
 * JDK's runtime exceptions. Messages name the endpoint and the numbers, never payloads.
 */
package io.jipc;
