package io.jipc.internal.udp;

import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.Profile;
import io.jipc.internal.Handlers;
import io.jipc.internal.Log;
import io.jipc.internal.ServerEvents;
import io.jipc.internal.codec.DecodedEvent;
import io.jipc.internal.codec.EventCodec;
import io.jipc.internal.codec.EventRules;
import io.jipc.internal.codec.FrameReader;
import io.jipc.internal.codec.TypeNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The receiving side of a UDP endpoint, run by its one receiver thread, which also runs every
 * handler of the endpoint's peers: waits in a selector, reads each datagram into a 65,536-byte
 * buffer, finds or admits its sender in the {@link PeerTable}, and delivers it.
 *
 * <pre>
 * from A:  {"type":"a","data":1} 0C {"type":"b","da        two frames begin in one datagram;
 * from B:  {"type":"c","data":3} 0C                        B's frame is whole;
 * from A:  ta":2} 0C                                        A's second frame ends here.
 * </pre>
 *
 * <p>Raw profile: each datagram is one {@code data} event. Framed profiles: each sender has its own
 * {@link FrameReader}, so a frame may span datagrams of one sender and a datagram may hold several
 * frames; frames are decoded and checked with the profile's rules as on streams. A bad datagram
 * (malformed JSON, an oversize frame, a refused name) fires {@code error} with that peer and drops
 * its reassembly state, including the rest of that datagram; other senders are not touched, and the
 * endpoint goes on. There is no {@code messageTimeout}: a sender's partial frame lives as long as
 * the sender, which leaves the table after {@code udpPeerTimeout} of silence.
 *
 * <p>Datagrams from new senders while the table is full of live peers are dropped and counted; at
 * most one {@code error} per second reports how many were dropped since the previous report.
 */
final class Receiver implements Runnable {
  private static final int BUFFER_BYTES = 65_536;
  private static final int BATCH = 256;
  private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;
  private static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

  private final DatagramChannel channel;
  private final Selector selector;
  private final PeerTable table;
  private final Handlers handlers;
  private final Log log;
  private final IpcConfig config;
  private final String endpoint;
  private final boolean raw;
  private final byte[] delimiter;
  private final EventRules rules;
  private final TypeNames names = new TypeNames();
  private final FrameReader.Sink sink = this::frame;
  private volatile boolean running = true;
  // The fields below belong to the receiver thread.
  private UdpPeer current; // The sender of the datagram being read.
  private String accepted; // The last type that passed the rules.
  private long dropped;
  private long lastReport;
  private boolean reported;

  Receiver(
      DatagramChannel channel,
      PeerTable table,
      Handlers handlers,
      Log log,
      IpcConfig config,
      String endpoint)
      throws IOException {
    this.channel = channel;
    this.table = table;
    this.handlers = handlers;
    this.log = log;
    this.config = config;
    this.endpoint = endpoint;
    this.raw = config.profile() == Profile.RAW;
    this.delimiter = config.delimiter().getBytes(StandardCharsets.UTF_8);
    this.rules = EventRules.of(config);
    this.selector = Selector.open();
    try {
      channel.register(selector, SelectionKey.OP_READ);
    } catch (IOException | RuntimeException e) {
      selector.close();
      throw e;
    }
  }

  /** Stops the loop: no event is dispatched after the one in progress, if any. */
  void stop() {
    running = false;
    selector.wakeup();
  }

  private void closeSelector() {
    try {
      selector.close();
    } catch (IOException e) {
      log.warn("closing the selector of " + endpoint + " failed", e);
    }
  }

  @Override
  public void run() {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    long backoff = 0;
    try {
      while (running) {
        try {
          selector.select();
          selector.selectedKeys().clear();
          drain(buffer);
          backoff = 0;
        } catch (ClosedChannelException | ClosedSelectorException e) {
          return;
        } catch (IOException e) {
          if (!running) {
            return;
          }
          handlers.error(new IOException("receiving on " + endpoint + " failed", e), null);
          backoff = Math.min(MAX_BACKOFF_NANOS, Math.max(10_000_000L, backoff * 2));
          LockSupport.parkNanos(backoff);
        }
        // A handler may have left the interrupt flag set, which makes every select return at once.
        Thread.interrupted();
      }
    } finally {
      closeSelector(); // also completes the close of the channel, which waits for deregistration
    }
  }

  private void drain(ByteBuffer buffer) throws IOException {
    for (int i = 0; i < BATCH && running; i++) {
      buffer.clear();
      SocketAddress from = channel.receive(buffer);
      if (from == null) {
        return;
      }
      datagram((InetSocketAddress) from, buffer.array(), buffer.position());
    }
  }

  private void datagram(InetSocketAddress from, byte[] buf, int length) {
    long now = System.nanoTime();
    UdpPeer peer = table.heardFrom(from, now);
    if (peer == null) {
      if (running) {
        dropped(from, now);
      }
      return;
    }
    try {
      if (raw) {
        handlers.dispatch("data", Arrays.copyOf(buf, length), peer);
      } else {
        frames(peer, buf, length);
      }
    } catch (RuntimeException | Error e) {
      // Handlers are contained; this is a defect of ours, reported like a bad datagram.
      peer.frames(null);
      handlers.error(e, peer);
    }
  }

  private void frames(UdpPeer peer, byte[] buf, int length) {
    FrameReader reader = peer.frames();
    if (reader == null) {
      // node-ipc and jipc send one frame per datagram, so no honest sender's frame is larger than
      // the largest datagram: capping a sender's partial frame there bounds a spoofed flood at
      // maxUdpPeers times 64 KiB instead of maxUdpPeers times maxMessageSize.
      int limit = Math.min(config.limits().maxMessageSize(), Datagrams.MAX_UDP6_PAYLOAD);
      reader = new FrameReader(delimiter, limit, peer.label());
      peer.frames(reader);
    }
    current = peer;
    try {
      reader.feed(buf, 0, length, sink);
    } catch (IpcProtocolException e) {
      peer.frames(null); // a reader that threw must not be fed again; the next datagram starts anew
      log.debug("bad datagram from " + peer.label() + ": " + e.getMessage());
      handlers.error(e, peer);
    } finally {
      current = null;
    }
  }

  private void frame(byte[] buf, int off, int len) throws IpcProtocolException {
    UdpPeer peer = current;
    if (!running || !peer.inTable()) {
      return; // the endpoint or this peer was closed by a handler of an earlier frame
    }
    DecodedEvent event =
        EventCodec.decode(buf, off, len, config.limits().maxJsonDepth(), peer.label(), names);
    String type = event.type();
    if (type != accepted) {
      rules.check(type, "received from " + peer.label());
      accepted = type; // names hands out one instance per name, so identity means "checked"
    }
    Object data = event.data();
    String claimed = config.identifyPeer() ? ServerEvents.claimedId(data) : null;
    if (claimed != null) {
      peer.claimId(claimed);
    }
    if (config.logPayloads()) {
      log.debug("received event " + type + " " + data + " from " + peer.label());
    }
    handlers.dispatch(type, data, peer);
  }

  private void dropped(InetSocketAddress from, long now) {
    dropped++;
    if (reported && now - lastReport < REPORT_INTERVAL_NANOS) {
      return;
    }
    reported = true;
    lastReport = now;
    long count = dropped;
    dropped = 0;
    handlers.error(
        new IOException(
            endpoint
                + " dropped "
                + count
                + (count == 1 ? " datagram" : " datagrams")
                + " from new senders (the last from "
                + UdpPeer.idOf(from)
                + "): maxUdpPeers ("
                + config.maxUdpPeers()
                + ") senders were heard within udpPeerTimeout ("
                + config.udpPeerTimeout().toMillis()
                + " ms)"),
        null);
  }
}
