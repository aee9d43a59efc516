package io.jipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Request/response over every stream transport: answers both ways, handler errors, missing
 * handlers, timeouts and late replies, disconnects and close with requests waiting, limits, and
 * thousands of requests in flight.
 */
class RequestContractTest extends StreamContract {
  private static final long WAIT = 10;

  @Test
  void clientRequestIsAnsweredByTheServersHandler() throws Exception {
    IpcServer server = startServer(config());
    server.onRequest(
        "price", (data, socket) -> Map.of("item", ((Map<?, ?>) data).get("item"), "price", 3));
    Client client = connectClient(server, config());
    Object answer =
        client.ipc().request("price", Map.of("item", "tea")).get(WAIT, TimeUnit.SECONDS);
    assertThat(answer).isEqualTo(Map.of("item", "tea", "price", 3L));
    serverEvents.assertExhausted(); // requests and replies never reach on handlers
  }

  @Test
  void serverRequestIsAnsweredByTheClientsHandler() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    client.ipc().onRequest("whoami", data -> "client " + data);
    Object answer = client.socket().request("whoami", 7).get(WAIT, TimeUnit.SECONDS);
    assertThat(answer).isEqualTo("client 7");
    client.events().assertExhausted();
  }

  @Test
  void nullAndEmptyAnswersArriveAsThemselves() throws Exception {
    IpcServer server = startServer(config());
    server.onRequest("nothing", (data, socket) -> null);
    server.onRequest("echo", (data, socket) -> data);
    Client client = connectClient(server, config());
    assertThat(client.ipc().request("nothing", 1).get(WAIT, TimeUnit.SECONDS)).isNull();
    assertThat(client.ipc().request("echo", List.of()).get(WAIT, TimeUnit.SECONDS))
        .isEqualTo(List.of());
  }

  @Test
  void anAnswerFromACompletionStageIsSentWhenItCompletes() throws Exception {
    IpcServer server = startServer(config());
    CompletableFuture<Object> later = new CompletableFuture<>();
    server.onRequest("later", (data, socket) -> later);
    Client client = connectClient(server, config());
    CompletableFuture<Object> answer = client.ipc().request("later", null);
    assertThat(answer).isNotDone();
    later.complete("done"); // completed on the test thread, not the loop
    assertThat(answer.get(WAIT, TimeUnit.SECONDS)).isEqualTo("done");
  }

  @Test
  void aHandlerThatThrowsFailsTheRequestWithItsMessageAndIsReported() throws Exception {
    IpcServer server = startServer(config());
    server.onRequest(
        "boom",
        (data, socket) -> {
          throw new IllegalStateException("out of tea");
        });
    Client client = connectClient(server, config());
    IpcRemoteException failure = remoteFailure(client.ipc().request("boom", 1));
    assertThat(failure.code()).isEqualTo(IpcRemoteException.HANDLER_FAILED);
    assertThat(failure.remoteMessage()).contains("\"boom\"").contains("out of tea");
    assertThat(failure.getMessage()).contains("request \"boom\"").contains("(id 1)");
    Object reported = serverEvents.next("server", "error").data();
    assertThat((Throwable) reported)
        .hasMessageContaining("request boom")
        .hasRootCauseMessage("out of tea");
    assertStillAnswers(server, client);
  }

  @Test
  void aHandlerChoosesTheErrorCodeByThrowingARemoteException() throws Exception {
    IpcServer server = startServer(config());
    server.onRequest(
        "buy",
        (data, socket) ->
            CompletableFuture.failedFuture(new IpcRemoteException("E_SOLD_OUT", "no tea left")));
    Client client = connectClient(server, config());
    IpcRemoteException failure = remoteFailure(client.ipc().request("buy", 1));
    assertThat(failure.code()).isEqualTo("E_SOLD_OUT");
    assertThat(failure.remoteMessage()).isEqualTo("no tea left");
    serverEvents.assertExhausted(); // a chosen error answer is not a failure of the server's
  }

  @Test
  void aRequestWithoutHandlerFailsWithNoHandler() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    IpcRemoteException failure = remoteFailure(client.ipc().request("unknown", 1));
    assertThat(failure.code()).isEqualTo(IpcRemoteException.NO_HANDLER);
    assertThat(failure.remoteMessage()).contains("\"unknown\"");
  }

  @Test
  void aRequestTimesOutNamingTypeIdAndTimeAndItsLateReplyIsReported() throws Exception {
    IpcServer server = startServer(config());
    CompletableFuture<Object> answer = new CompletableFuture<>();
    server.onRequest("slow", (data, socket) -> answer);
    Client client = connectClient(server, config());
    CompletableFuture<Object> request = client.ipc().request("slow", 1, Duration.ofMillis(100));
    assertThatThrownBy(() -> request.get(WAIT, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("request \"slow\"")
        .hasMessageContaining("(id 1)")
        .hasMessageContaining("within 100 ms")
        .hasMessageMatching(".*: \\d+ ms elapsed");
    answer.complete("too late");
    Object late = client.events().next("client", "error").data();
    assertThat(late).isInstanceOf(IpcProtocolException.class);
    assertThat(((IpcProtocolException) late).code()).isEqualTo(IpcProtocolException.UNKNOWN_REPLY);
    assertThat(client.ipc().isConnected()).isTrue();
    assertStillAnswers(server, client);
  }

  @Test
  void aDisconnectFailsEveryWaitingRequestAtOnce() throws Exception {
    IpcServer server = startServer(config());
    server.onRequest("never", (data, socket) -> new CompletableFuture<>());
    Client client = connectClient(server, config().stopRetrying(true));
    List<CompletableFuture<Object>> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiting.add(client.ipc().request("never", i)); // the default timeout is 30 s
    }
    client.ipc().flush().get(WAIT, TimeUnit.SECONDS);
    client.socket().close();
    for (CompletableFuture<Object> request : waiting) {
      assertThatThrownBy(() -> request.get(WAIT, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(IOException.class)
          .hasMessageContaining("request \"never\"")
          .hasMessageContaining("got no reply");
    }
  }

  @Test
  void closeFailsTheWaitingRequests() throws Exception {
    IpcServer server = startServer(config());
    server.onRequest("never", (data, socket) -> new CompletableFuture<>());
    Client client = connectClient(server, config());
    CompletableFuture<Object> request = client.ipc().request("never", 1);
    client.ipc().close();
    assertThat(request).isDone();
    assertThatThrownBy(request::get).cause().isInstanceOf(IOException.class);
    assertThatThrownBy(() -> client.ipc().request("never", 2).get(WAIT, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not connected");
  }

  @Test
  void aRequestBeyondMaxPendingRequestsFailsAtOnceUnsent() throws Exception {
    IpcServer server = startServer(config());
    LinkedBlockingQueue<Object> asked = new LinkedBlockingQueue<>();
    server.onRequest(
        "hold",
        (data, socket) -> {
          asked.add(data);
          return new CompletableFuture<>();
        });
    Client client = connectClient(server, config().maxPendingRequests(2));
    client.ipc().request("hold", 1);
    client.ipc().request("hold", 2);
    CompletableFuture<Object> third = client.ipc().request("hold", 3);
    assertThat(third).isCompletedExceptionally();
    assertThatThrownBy(third::get)
        .cause()
        .isInstanceOf(IpcProtocolException.class)
        .hasMessageContaining("maxPendingRequests (2)");
    assertThat(asked.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(1L);
    assertThat(asked.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(2L);
    client.ipc().flush().get(WAIT, TimeUnit.SECONDS);
    assertThat(asked.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void anAnswerLargerThanMaxMessageSizeFailsTheRequestNotTheConnection() throws Exception {
    IpcServer server = startServer(config().maxMessageSize(1000));
    server.onRequest("big", (data, socket) -> "x".repeat(2000));
    Client client = connectClient(server, config().maxMessageSize(1000));
    IpcRemoteException failure = remoteFailure(client.ipc().request("big", 1));
    assertThat(failure.code()).isEqualTo(IpcRemoteException.REPLY_TOO_LARGE);
    assertThat(failure.remoteMessage()).contains("maxMessageSize (1000 bytes)");
    serverEvents.next("server", "error");
    assertStillAnswers(server, client);
  }

  @Test
  void thousandsOfRequestsInFlightOnOneConnectionEachGetTheirOwnAnswer() throws Exception {
    IpcServer server = startServer(config());
    server.onRequest("double", (data, socket) -> 2 * (Long) data);
    Client client = connectClient(server, config());
    int count = 4000;
    List<CompletableFuture<Object>> answers = new ArrayList<>(count);
    for (long i = 0; i < count; i++) {
      answers.add(client.ipc().request("double", i));
    }
    for (int i = 0; i < count; i++) {
      assertThat(answers.get(i).get(WAIT, TimeUnit.SECONDS)).isEqualTo(2L * i);
    }
  }

  @Test
  void manyConnectionsWithRequestsInFlightEachGetTheirOwnAnswers() throws Exception {
    IpcServer server = startServer(config().maxConnections(50));
    server.onRequest("who", (data, socket) -> socket.id() + ":" + data);
    List<Client> clients = new ArrayList<>();
    for (int c = 0; c < 20; c++) {
      clients.add(connectClient(server, config()));
    }
    List<List<CompletableFuture<Object>>> answers = new ArrayList<>();
    for (Client client : clients) {
      List<CompletableFuture<Object>> mine = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        mine.add(client.ipc().request("who", i));
      }
      answers.add(mine);
    }
    for (int c = 0; c < clients.size(); c++) {
      String id = clients.get(c).socket().id();
      for (int i = 0; i < 200; i++) {
        assertThat(answers.get(c).get(i).get(WAIT, TimeUnit.SECONDS)).isEqualTo(id + ":" + i);
      }
    }
  }

  @Test
  void handlersOnAnExecutorMayAnswerOutOfOrder() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    closeLater(executor::shutdownNow);
    List<CompletableFuture<Object>> held = new ArrayList<>();
    IpcServer server = startServer(config().handlerExecutor(executor));
    server.onRequest(
        "held",
        (data, socket) -> {
          CompletableFuture<Object> answer = new CompletableFuture<>();
          synchronized (held) {
            held.add(answer);
            held.notifyAll();
          }
          return answer.thenApply(v -> "answer " + data);
        });
    Client client = connectClient(server, config());
    List<CompletableFuture<Object>> requests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      requests.add(client.ipc().request("held", i));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
    synchronized (held) {
      while (held.size() < 5 && System.nanoTime() < deadline) {
        held.wait(100);
      }
    }
    assertThat(held).hasSize(5);
    for (int i = 4; i >= 0; i--) {
      held.get(i).complete(null);
      assertThat(requests.get(i).get(WAIT, TimeUnit.SECONDS)).isEqualTo("answer " + i);
    }
  }

  @Test
  void inSyncModeTheReplyReleasesTheNextFrame() throws Exception {
    IpcServer server = startServer(config());
    server.onRequest("first", (data, socket) -> "answered");
    Client client = connectClient(server, config().sync(true));
    CompletableFuture<Object> first = client.ipc().request("first", 1);
    assertThat(client.ipc().emit("after", 2)).isTrue(); // waits in the sync queue for the reply
    assertThat(first.get(WAIT, TimeUnit.SECONDS)).isEqualTo("answered");
    assertThat(serverEvents.next("server", "after").data()).isEqualTo(2L);
  }

  @Test
  void requestTypesFollowTheProfilesEventNameRules() throws Exception {
    IpcServer server = startServer(config());
    Client client = connectClient(server, config());
    assertThatThrownBy(() -> client.ipc().request("connect", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> client.socket().request("__proto__", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Object.prototype");
  }

  @Test
  void aRequestWhileNotConnectedFailsAtOnce() throws Exception {
    IpcClient client = IpcClient.create(transport.dead(endpoints), build(config()));
    closeLater(client);
    CompletableFuture<Object> request = client.request("price", 1);
    assertThat(request).isCompletedExceptionally();
    assertThatThrownBy(request::get).cause().hasMessageContaining("not connected");
  }

  private static IpcRemoteException remoteFailure(CompletableFuture<Object> request) {
    try {
      Object answer = request.get(WAIT, TimeUnit.SECONDS);
      throw new AssertionError("expected an error answer, got " + answer);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(IpcRemoteException.class);
      return (IpcRemoteException) e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertStillAnswers(IpcServer server, Client client) throws Exception {
    server.onRequest("ping?", (data, socket) -> "pong!");
    assertThat(client.ipc().request("ping?", null).get(WAIT, TimeUnit.SECONDS)).isEqualTo("pong!");
  }
}
