package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;

import io.jipc.testing.EventRecorder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What a UDP endpoint makes of datagrams: per-sender reassembly, several frames per datagram, raw
 * datagrams, and bad input that resets only its sender.
 */
class UdpInboundTest extends UdpContract {

  @Test
  void framesAreReassembledPerSender() throws Exception {
    UdpEndpoint server = startServer(config());
    DatagramPeer a = peer(server);
    DatagramPeer b = peer(server);
    a.send("{\"type\":\"fromA\",\"da");
    b.sendFrame("fromB", "2");
    assertThat(nextFrom(b, "fromB").data()).isEqualTo(2L);
    a.send("ta\":1}\f");
    assertThat(nextFrom(a, "fromA").data()).isEqualTo(1L);
    serverEvents.assertExhausted();
  }

  @Test
  void oneDatagramMayHoldSeveralFramesAndBeginTheNext() throws Exception {
    UdpEndpoint server = startServer(config());
    DatagramPeer peer = peer(server);
    peer.send("{\"type\":\"one\",\"data\":1}\f{\"type\":\"two\",\"data\":2}\f{\"type\":\"thr");
    assertThat(nextFrom(peer, "one").data()).isEqualTo(1L);
    assertThat(nextFrom(peer, "two").data()).isEqualTo(2L);
    peer.send("ee\",\"data\":3}\f");
    assertThat(nextFrom(peer, "three").data()).isEqualTo(3L);
  }

  @Test
  void aBadDatagramResetsOnlyItsSender() throws Exception {
    UdpEndpoint server = startServer(config());
    DatagramPeer a = peer(server);
    DatagramPeer b = peer(server);
    b.send("{\"type\":\"fromB\",\"da");
    a.send("oops\f{\"type\":\"fromA\",\"da");
    IpcProtocolException error =
        protocolError(nextFrom(a, "error"), IpcProtocolException.INVALID_JSON);
    assertThat(error.getMessage()).contains(a.id());
    // The rest of the bad datagram was dropped with A's state: this tail is no frame on its own.
    a.send("ta\":1}\f");
    protocolError(nextFrom(a, "error"), IpcProtocolException.INVALID_JSON);
    b.send("ta\":2}\f");
    assertThat(nextFrom(b, "fromB").data()).isEqualTo(2L);
    a.sendFrame("fromA", "3");
    assertThat(nextFrom(a, "fromA").data()).isEqualTo(3L);
    assertThat(server.sockets()).hasSize(2);
  }

  @Test
  void aReservedNameIsRefusedAndTheSenderGoesOn() throws Exception {
    UdpEndpoint server = startServer(config());
    DatagramPeer peer = peer(server);
    peer.send("{\"type\":\"before\",\"data\":0}\f{\"type\":\"start\",\"data\":1}\f");
    nextFrom(peer, "before");
    protocolError(nextFrom(peer, "error"), IpcProtocolException.RESERVED_EVENT);
    peer.sendFrame("after", "2");
    assertThat(nextFrom(peer, "after").data()).isEqualTo(2L);
  }

  @Test
  void jsonThatIsNoEventIsRefused() throws Exception {
    UdpEndpoint server = startServer(config());
    DatagramPeer peer = peer(server);
    peer.send("[1,2]\f");
    protocolError(nextFrom(peer, "error"), IpcProtocolException.INVALID_MESSAGE);
    peer.send("{\"data\":1}\f");
    protocolError(nextFrom(peer, "error"), IpcProtocolException.INVALID_EVENT);
    peer.sendFrame("fine", "null");
    assertThat(nextFrom(peer, "fine").data()).isNull();
  }

  @Test
  void anOversizeFrameFailsAsBytesArriveAndResetsTheSender() throws Exception {
    UdpEndpoint server = startServer(config().maxMessageSize(64));
    DatagramPeer peer = peer(server);
    peer.send("{\"type\":\"big\",\"data\":\"");
    peer.send("x".repeat(100));
    IpcProtocolException error =
        protocolError(nextFrom(peer, "error"), IpcProtocolException.FRAME_TOO_LARGE);
    assertThat(error.getMessage()).contains("maxMessageSize (64 bytes)").contains(peer.id());
    peer.sendFrame("small", "1");
    assertThat(nextFrom(peer, "small").data()).isEqualTo(1L);
  }

  @Test
  void aSendersPartialFrameNeverOutgrowsOneDatagramWhateverMaxMessageSize() throws Exception {
    UdpEndpoint server = startServer(config().maxMessageSize(8 * 1024 * 1024));
    DatagramPeer peer = peer(server);
    peer.send("{\"type\":\"big\",\"data\":\"");
    peer.send("x".repeat(40_000));
    peer.send("x".repeat(40_000));
    IpcProtocolException error =
        protocolError(nextFrom(peer, "error"), IpcProtocolException.FRAME_TOO_LARGE);
    assertThat(error.getMessage()).contains("65527");
    peer.sendFrame("small", "1");
    assertThat(nextFrom(peer, "small").data()).isEqualTo(1L);
  }

  @Test
  void theFastProfileDeliversReservedNamesLikeNodeIpc() throws Exception {
    UdpEndpoint server = startServer(config().profile(Profile.FAST));
    DatagramPeer peer = peer(server);
    peer.sendFrame("close", "1");
    assertThat(nextFrom(peer, "close").data()).isEqualTo(1L);
  }

  @Test
  void rawDatagramsAreOneDataEventEach() throws Exception {
    UdpEndpoint server = startServer(config().rawBuffer(true));
    DatagramPeer peer = peer(server);
    byte[] first = {1, 2, 3, 0x0C, 4, (byte) 0xFF};
    peer.send(first);
    peer.send("{\"type\":\"not\",\"parsed\"");
    EventRecorder.Event data = nextFrom(peer, "data");
    assertThat((byte[]) data.data()).containsExactly(first);
    assertThat(new String((byte[]) nextFrom(peer, "data").data(), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"not\",\"parsed\"");
    IpcSocket socket = data.socket();
    assertThat(server.emit(peer.address(), new byte[] {9, 8})).isTrue();
    assertThat(peer.receive()).containsExactly(9, 8);
    assertThat(socket.write("hé")).isTrue();
    assertThat(peer.receive()).containsExactly('h', 0xC3, 0xA9);
    assertThat(server.broadcast(new byte[] {7})).isEqualTo(1);
    assertThat(peer.receive()).containsExactly(7);
  }

  @Test
  void identifyPeerNamesTheSocketByItsDataId() throws Exception {
    UdpEndpoint server = startServer(config().identifyPeer(true));
    DatagramPeer peer = peer(server);
    peer.sendFrame("hello", "{\"id\":\"alpha\"}");
    assertThat(nextFrom(peer, "hello").socket().id()).isEqualTo("alpha");
    assertThat(server.sockets()).extracting(IpcSocket::id).containsExactly("alpha");
    peer.sendFrame("after", "{}");
    assertThat(nextFrom(peer, "after").socket().id()).isEqualTo("alpha");
  }
}
