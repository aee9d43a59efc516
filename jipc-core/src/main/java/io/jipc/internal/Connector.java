package io.jipc.internal;

import io.jipc.Endpoint;
import io.jipc.IpcProtocolException;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.LoopTimer;
import io.jipc.internal.transport.Conduit;
import io.jipc.internal.transport.Transport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The dialing part of a client's connect attempt, on the client's loop and never blocking it: the
 * targets (a host name is looked up on the {@code jipc-resolver} thread, which exists only while
 * lookups run), then each target in turn with a non-blocking connect that the loop finishes. A Unix
 * socket whose listen backlog is full refuses at once ({@code EAGAIN}); that target is tried again
 * after a short, growing pause, until the attempt's {@code connectTimeout} (kept by the client,
 * which also bounds the TLS handshake) ends it. Loop thread only.
 */
final class Connector {
  /** What one attempt ends with; called once per attempt, on the loop, unless aborted. */
  interface Listener {
    void connected(Conduit conduit);

    void failed(IOException failure);
  }

  private static final long MIN_BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final ThreadPoolExecutor RESOLVER = resolver();

  private final Transport transport;
  private final Endpoint endpoint;
  private final Loop loop;
  private long attempt; // Counts attempts, so that a late lookup result for an old one is dropped.
  private volatile long published; // The current attempt, for the resolver thread.
  private Listener listener; // Null when no attempt is running.
  private List<SocketAddress> targets;
  private int next;
  private SocketChannel channel;
  private LoopTimer busyRetry;
  private long busyPause;
  private IOException last;

  Connector(Transport transport, Endpoint endpoint, Loop loop) {
    this.transport = transport;
    this.endpoint = endpoint;
    this.loop = loop;
  }

  private static ThreadPoolExecutor resolver() {
    return new ThreadPoolExecutor(
        0,
        1,
        5,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        task -> {
          Thread thread = new Thread(task, "jipc-resolver");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Starts one attempt; {@code to} hears how it ends. */
  void dial(Listener to) {
    abort();
    long id = ++attempt;
    published = id;
    listener = to;
    last = null;
    busyPause = 0;
    if (!transport.resolvesNames()) {
      try {
        begin(id, transport.targets());
      } catch (IOException e) {
        end(e);
      }
      return;
    }
    RESOLVER.execute(
        () -> {
          if (id != published) {
            return; // aborted before its turn came: no lookup for nobody
          }
          try {
            List<SocketAddress> found = transport.targets();
            loop.execute(() -> begin(id, found));
          } catch (IOException e) {
            loop.execute(
                () -> {
                  if (id == attempt && listener != null) {
                    end(e);
                  }
                });
          }
        });
  }

  private void begin(long id, List<SocketAddress> found) {
    if (id != attempt || listener == null) {
      return; // aborted while the name was looked up
    }
    targets = found;
    next = 0;
    dialNext();
  }

  private void dialNext() {
    if (next >= targets.size()) {
      end(last);
      return;
    }
    SocketAddress target = targets.get(next);
    try {
      channel = transport.open(target);
      if (channel.connect(target)) {
        connected();
      } else {
        SocketChannel connecting = channel;
        loop.register(connecting, SelectionKey.OP_CONNECT, key -> finishConnect(connecting));
      }
    } catch (IOException e) {
      dialFailed(target, e);
    }
  }

  private void finishConnect(SocketChannel connecting) {
    if (listener == null || connecting != channel) {
      close(connecting); // a stale registration: never leave it ready and unserved
      return;
    }
    try {
      if (channel.finishConnect()) {
        connected();
      }
    } catch (IOException e) {
      dialFailed(targets.get(next), e);
    }
  }

  private void connected() {
    SocketChannel done = channel;
    channel = null;
    Conduit conduit;
    try {
      conduit = transport.conduit(done); // closes the channel itself if it fails
    } catch (IOException e) {
      end(e); // the connect worked, setting it up did not: another address would fail alike
      return;
    }
    Listener to = listener;
    listener = null;
    // The key stays: the connection registers the same channel, which takes it over.
    to.connected(conduit);
  }

  private void dialFailed(SocketAddress target, IOException e) {
    closeChannel();
    last = e;
    if (backlogFull(target, e)) {
      busyPause = Math.min(MAX_BUSY_NANOS, Math.max(MIN_BUSY_NANOS, busyPause * 2));
      busyRetry = loop.schedule(busyPause, this::dialNext);
      return;
    }
    next++;
    dialNext();
  }

  /**
   * A non-blocking connect to a Unix socket whose backlog is full fails with {@code EAGAIN}, which
   * the JDK reports as a plain SocketException; a missing socket file fails the same way, so the
   * file must exist too.
   */
  private static boolean backlogFull(SocketAddress target, IOException e) {
    return e.getClass() == SocketException.class
        && target instanceof UnixDomainSocketAddress unix
        && Files.exists(unix.getPath());
  }

  private void end(IOException failure) {
    Listener to = listener;
    listener = null;
    closeChannel();
    if (to != null) {
      to.failed(describe(failure));
    }
  }

  /** Names the endpoint in the failure, unless the transport's message does already. */
  private IOException describe(IOException failure) {
    if (failure == null) {
      return new ConnectException("cannot connect to " + endpoint + ": no address");
    }
    String message = failure.getMessage();
    if (failure instanceof IpcProtocolException
        || (message != null && message.startsWith("cannot connect to "))) {
      return failure;
    }
    ConnectException described =
        new ConnectException(
            "cannot connect to "
                + endpoint
                + ": "
                + failure.getClass().getSimpleName()
                + ": "
                + message);
    described.initCause(failure);
    return described;
  }

  /** Returns the failure of the last target tried in the running attempt, if any. */
  IOException lastFailure() {
    return last;
  }

  /** Ends a running attempt without telling its listener. Idempotent. */
  void abort() {
    listener = null;
    published = ++attempt;
    closeChannel();
  }

  private void closeChannel() {
    if (busyRetry != null) {
      busyRetry.cancel();
      busyRetry = null;
    }
    if (channel != null) {
      close(channel);
      channel = null;
    }
  }

  private static void close(SocketChannel unwanted) {
    try {
      unwanted.close();
    } catch (IOException e) {
      // The channel is unusable either way.
    }
  }
}
