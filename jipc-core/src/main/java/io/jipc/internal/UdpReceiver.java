package io.jipc.internal;

import io.jipc.IpcConfig;
import io.jipc.IpcProtocolException;
import io.jipc.internal.codec.EventReader;
import io.jipc.internal.codec.EventRules;
import io.jipc.internal.loop.Loop;
import io.jipc.internal.loop.Readiness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;

/**
 * The receiving side of a UDP endpoint, run by its loop: reads each ready datagram into the loop's
 * read buffer (65,536 bytes, more than any datagram), finds or admits its sender in the {@link
 * PeerTable}, and delivers it through the sender's {@link EventReader} to the endpoint's lane.
 *
 * <pre>
 * from A:  {"type":"a","data":1} 0C {"type":"b","da        two frames begin in one datagram;
 * from B:  {"type":"c","data":3} 0C                        B's frame is whole;
 * from A:  ta":2} 0C                                        A's second frame ends here.
 * </pre>
 *
 * <p>Raw profile: each datagram is one {@code data} event. Framed profiles: each sender has its own
 * reader, so a frame may span datagrams of one sender and a datagram may hold several frames. A bad
 * datagram (malformed JSON, an oversize frame, a refused name) fires {@code error} with that peer
 * and drops its reassembly state, including the rest of that datagram; other senders are not
 * touched. There is no {@code messageTimeout}: a sender's partial frame lives as long as the
 * sender, which leaves the table after {@code udpPeerTimeout} of silence. A sender's partial frame
 * is capped at the largest datagram, since node-ipc and jipc send one frame per datagram: a spoofed
 * flood costs at most {@code maxUdpPeers} times 64 KiB.
 *
 * <p>Datagrams from new senders while the table is full of live peers are dropped and reported as
 * refusals ({@link ThrottledErrors}: at most one {@code error} per second, with the count). Loop
 * thread only.
 */
final class UdpReceiver implements Readiness {
  private static final int BATCH = 256;
  private static final long MIN_BACKOFF_NANOS = 10_000_000L;
  private static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

  private final DatagramChannel channel;
  private final PeerTable table;
  private final EndpointCore core;
  private final Lane lane;
  private final Loop loop;
  private final String endpoint;
  private final byte[] delimiter;
  private final EventRules rules;
  private final int maxFrameBytes;
  private final Sink sink = new Sink();
  private final Meter received = new Meter(); // Written by the loop alone.
  private final ThrottledErrors refusals;
  private boolean running = true;
  private SelectionKey key;
  private boolean paused;
  private long backoff;

  UdpReceiver(
      DatagramChannel channel,
      PeerTable table,
      EndpointCore core,
      Lane lane,
      Loop loop,
      String endpoint) {
    this.channel = channel;
    this.table = table;
    this.core = core;
    this.lane = lane;
    this.loop = loop;
    this.endpoint = endpoint;
    IpcConfig config = core.config;
    this.delimiter = config.delimiter().getBytes(StandardCharsets.UTF_8);
    this.rules = EventRules.of(config);
    this.maxFrameBytes = Math.min(config.limits().maxMessageSize(), Datagrams.MAX_UDP6_PAYLOAD);
    this.refusals = ThrottledErrors.refusals(core, loop, lane);
  }

  /** Registers for datagrams; loop only. */
  void open() {
    if (!running) {
      return;
    }
    try {
      key = loop.register(channel, SelectionKey.OP_READ, this);
    } catch (ClosedChannelException e) {
      running = false; // closed before it could start
    }
  }

  /** Returns the datagrams and bytes received, admitted senders' or not; any thread. */
  Meter received() {
    return received;
  }

  /** Stops receiving: no event is dispatched after the one in progress, if any; loop only. */
  void stop() {
    running = false;
    refusals.cancel();
    if (key != null) {
      key.cancel();
    }
  }

  @Override
  public void ready(SelectionKey readyKey) {
    ByteBuffer buffer = loop.buffers().in();
    try {
      for (int i = 0; i < BATCH && running && !paused; i++) {
        buffer.clear();
        SocketAddress from = channel.receive(buffer);
        if (from == null) {
          break;
        }
        datagram((InetSocketAddress) from, buffer.array(), buffer.position());
      }
      backoff = 0;
    } catch (ClosedChannelException e) {
      running = false;
    } catch (IOException e) {
      receiveFailed(e);
    }
  }

  private void receiveFailed(IOException e) {
    if (!running) {
      return;
    }
    lane.error(new IOException("receiving on " + endpoint + " failed", e), null);
    backoff = Math.min(MAX_BACKOFF_NANOS, Math.max(MIN_BACKOFF_NANOS, backoff * 2));
    key.interestOps(0);
    loop.schedule(backoff, this::resume);
  }

  private void resume() {
    paused = false;
    if (running && key.isValid()) {
      key.interestOps(SelectionKey.OP_READ);
    }
  }

  private void datagram(InetSocketAddress from, byte[] buf, int length) {
    long now = System.nanoTime();
    received.add(1, length);
    UdpPeer peer = table.heardFrom(from, now);
    if (peer != null) {
      peer.received().add(1, length);
    }
    if (peer == null) {
      if (running) {
        refusals.add(
            "a datagram from "
                + UdpPeer.idOf(from)
                + ": maxUdpPeers ("
                + core.config.udpPeers().maxPeers()
                + ") senders were heard within udpPeerTimeout ("
                + core.config.udpPeers().peerTimeout().toMillis()
                + " ms)");
      }
      return;
    }
    EventReader reader = peer.reader();
    if (reader == null) {
      reader =
          new EventReader(
              core.config.profile(),
              delimiter,
              maxFrameBytes,
              rules,
              core.config.limits().maxJsonDepth(),
              peer.label());
      peer.reader(reader);
    }
    sink.peer = peer;
    try {
      reader.feed(buf, 0, length, sink);
    } catch (IpcProtocolException e) {
      reader.reset(); // the next datagram of this sender starts anew
      core.log.debug("bad datagram from " + peer.label() + ": " + e.getMessage());
      lane.error(e, peer);
    } finally {
      sink.peer = null;
    }
    if (lane.saturated() && !paused) {
      paused = true;
      key.interestOps(0);
      lane.whenDrained(() -> loop.execute(this::resume));
    }
  }

  /** Delivers one sender's events while the endpoint runs and the sender is in the table. */
  private final class Sink implements EventReader.Sink {
    private UdpPeer peer;

    @Override
    public boolean event(String type, Object data, int frameBytes) {
      if (!running || !peer.inTable()) {
        return false; // the endpoint or this peer was closed by a handler of an earlier frame
      }
      String claimed = core.config.identifyPeer() ? Handlers.claimedId(data) : null;
      if (claimed != null) {
        peer.claimId(claimed);
      }
      if (core.config.logging().payloads()) {
        core.log.debug("received event " + type + " " + data + " from " + peer.label());
      }
      lane.dispatch(type, data, peer, frameBytes);
      return true;
    }

    @Override
    public void raw(byte[] bytes) {
      if (running && peer.inTable()) {
        lane.dispatch("data", bytes, peer, bytes.length);
      }
    }
  }
}
