package io.jipc;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an endpoint or one socket has done so far, read by {@link IpcServer#stats()}, {@link
 * IpcSocket#stats()} and {@link IpcClient#stats()}: connections, frames and bytes each way, bytes
 * queued now, errors by code, and the requests this side sent.
 *
 * <p><b>Scope.</b> A server's stats cover every socket it ever accepted: the open ones, and the
 * closed ones, whose counts are folded into the server's when they close. A UDP server's cover its
 * datagrams and peers. A client's cover all its connections, across reconnects. A socket's cover
 * that socket alone.
 *
 * <p><b>Consistency.</b> Every count but {@link #queuedBytes()}, {@link Connections#open()} and
 * {@link Requests#pending()} is monotonic: a later snapshot of the same endpoint or socket never
 * shows less. A snapshot is not atomic across counts: each count is exact for some moment during
 * the call, but two counts of one snapshot may come from slightly different moments (a frame may be
 * counted in {@code in} while the event it caused is not yet counted in {@code out}). Received
 * frames and bytes are published once per read, after the frames that read carried have been handed
 * to their handlers: a handler that reads {@code stats()} sees the reads before its own. Frames
 * sent are counted when they are queued, bytes sent when the operating system takes them. The
 * counts are written by the threads that do the work (a connection's loop, or the thread that
 * queues a frame, under the queue's lock) and read without stopping them, so reading stats costs
 * the reader a walk over the open sockets (and a short hold of each one's queue lock), and the I/O
 * path a few stores per read and one increment per queued frame.
 *
 * @param connections connections now and in total
 * @param in frames and bytes received
 * @param out frames and bytes sent
 * @param queuedBytes bytes queued to be written and not yet handed to the operating system, now
 * @param errors errors reported to the {@code error} handlers (or logged when there are none)
 * @param requests requests this side sent with {@code request(...)}
 */
public record IpcStats(
    Connections connections,
    Traffic in,
    Traffic out,
    long queuedBytes,
    Errors errors,
    Requests requests) {

  /** Checks that no part is null; see the class comment for what each count means. */
  public IpcStats {
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(errors, "errors");
    Objects.requireNonNull(requests, "requests");
  }

  /**
   * Connections of a server, a client or a socket.
   *
   * @param open connected now: past any TLS handshake ({@code connect} fired) and not closing; for
   *     a UDP server, the live peers; for a socket, 1 or 0
   * @param total connections that were ever connected, open ones included; for a UDP server, the
   *     peers it ever admitted; for a socket, 1 once it connected
   * @param reconnects for a client, the connections after its first one; 0 for servers and sockets
   */
  public record Connections(long open, long total, long reconnects) {}

  /**
   * Traffic one way. Bytes are those of the stream (after TLS decryption, before TLS encryption),
   * delimiters included.
   *
   * @param frames incoming: frames read, jipc's own (pings, replies) included, or raw chunks (raw
   *     profile), or datagrams (UDP); outgoing: frames queued by {@code emit}, {@code broadcast},
   *     {@code request} and jipc itself, or datagrams the operating system took (UDP)
   * @param bytes incoming: bytes read; outgoing: bytes handed to the operating system
   */
  public record Traffic(long frames, long bytes) {}

  /**
   * Errors reported, each counted once, when it is handed to the {@code error} handlers. Errors
   * that come in floods and are reported at most once a second (refused connections, replies that
   * match no request) count once per report, as the handlers see them.
   *
   * @param total every error, with or without a code (an {@link java.io.IOException}, a handler's
   *     failure)
   * @param byCode the errors that carry an {@code ERR_IPC_*} code ({@link
   *     IpcProtocolException#code()}, {@link IpcRemoteException#code()}), by code; codes never seen
   *     are absent; an immutable map in code order
   */
  public record Errors(long total, Map<String, Long> byCode) {
    /** Copies {@code byCode}; see {@link Errors}. */
    public Errors {
      byCode = Collections.unmodifiableMap(new TreeMap<>(byCode));
    }

    /** Returns how many errors with {@code code} were reported; 0 for a code never seen. */
    public long count(String code) {
      return byCode.getOrDefault(code, 0L);
    }
  }

  /**
   * Requests this side sent ({@link IpcSocket#request}, {@link IpcClient#request}); each ends as
   * exactly one of answered, failed or timed out.
   *
   * @param pending sent and waiting for a reply, now
   * @param answered answered with a value
   * @param failed answered with an error ({@link IpcRemoteException}), refused before they were
   *     sent, or failed because the connection ended
   * @param timedOut got no reply within their timeout
   */
  public record Requests(long pending, long answered, long failed, long timedOut) {}
}
