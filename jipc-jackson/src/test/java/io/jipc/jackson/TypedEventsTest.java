package io.jipc.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jipc.Ipc;
import io.jipc.IpcClient;
import io.jipc.IpcConfig;
import io.jipc.IpcRemoteException;
import io.jipc.IpcServer;
import io.jipc.testing.EventRecorder;
import io.jipc.testing.TempEndpoints;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Typed events and requests over a Unix socket: delivery, mapping failures, the facade. */
class TypedEventsTest {
  private static final JsonMapping JSON = JsonMapping.defaults();
  private static final IpcConfig QUIET = IpcConfig.builder().silent(true).build();
  private static final Order ORDER =
      new Order(
          "tea", 2, List.of(new Order.Line("t-1", 350)), Instant.parse("2026-12-04T10:00:00Z"));
  private static final Receipt RECEIPT =
      new Receipt("tea", 2, new BigDecimal("7.5"), Duration.ofMillis(5), Receipt.Status.ACCEPTED);

  @Test
  void testsRunOnTheModulePath() {
    assertThat(JsonMapping.class.getModule().getName()).isEqualTo("io.jipc.jackson");
    assertThat(TypedEventsTest.class.getModule().getName()).isEqualTo("io.jipc.jackson");
  }

  @Test
  void recordsTravelBothWaysAndArriveEqual() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    try (TempEndpoints dir = new TempEndpoints();
        IpcServer server = IpcServer.create(dir.unix(), QUIET)) {
      JSON.on(
          server,
          "order",
          Order.class,
          (order, socket) -> {
            got.add(order);
            JSON.emit(socket, "receipt", RECEIPT);
          });
      server.start();
      try (IpcClient client = IpcClient.create(server.endpoint(), QUIET)) {
        JSON.on(client, "receipt", Receipt.class, got::add);
        client.connect().get(10, TimeUnit.SECONDS);
        assertThat(JSON.emit(client, "order", ORDER)).isTrue();
        assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo(ORDER);
        assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo(RECEIPT);
      }
    }
  }

  @Test
  void dataThatDoesNotMapIsAnErrorNamingTypeClassAndPathAndLaterEventsArrive() throws Exception {
    BlockingQueue<Order> orders = new LinkedBlockingQueue<>();
    try (TempEndpoints dir = new TempEndpoints();
        IpcServer server = IpcServer.create(dir.unix(), QUIET)) {
      EventRecorder events = new EventRecorder();
      server.on(
          "error",
          (data, socket) -> events.add(new EventRecorder.Event("server", "error", data, socket)));
      server.on(
          "socket.disconnected",
          (data, socket) -> events.add(new EventRecorder.Event("server", "gone", data, socket)));
      JSON.on(server, "order", Order.class, (order, socket) -> orders.add(order));
      server.start();
      try (IpcClient client = IpcClient.create(server.endpoint(), QUIET)) {
        client.connect().get(10, TimeUnit.SECONDS);
        client.emit("order", Map.of("item", "tea", "qty", "many")); // wrong shape
        client.emit("order", Map.of("item", "tea")); // a required field missing
        client.emit("order", Map.of("item", "tea", "qty", 3_000_000_000L)); // out of int's range
        client.emit("order", Map.of("item", "tea", "qty", 1.5)); // a fraction for an int
        client.emit(
            "order", Map.of("item", "tea", "qty", 1, "lines", List.of(Map.of("cents", "x"))));
        client.emit("order", Map.of("item", "tea", "qty", 2, "extra", "ignored"));

        assertMismatch(events, "[\"qty\"]");
        assertMismatch(events, "");
        assertMismatch(events, "[\"qty\"]");
        assertMismatch(events, "[\"qty\"]");
        PayloadMappingException nested = assertMismatch(events, "[\"cents\"]");
        assertThat(nested.path()).contains("[\"lines\"]").contains("[0]");
        assertThat(orders.poll(10, TimeUnit.SECONDS)).isEqualTo(new Order("tea", 2, null, null));
        assertThat(client.isConnected()).isTrue();
        events.assertExhausted();
        assertThat(orders).isEmpty();
      }
    }
  }

  private static PayloadMappingException assertMismatch(EventRecorder events, String path) {
    Throwable error = (Throwable) events.next("server", "error").data();
    Throwable cause = error;
    while (cause != null && !(cause instanceof PayloadMappingException)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("cause of %s", error).isInstanceOf(PayloadMappingException.class);
    PayloadMappingException mismatch = (PayloadMappingException) cause;
    assertThat(mismatch.eventType()).isEqualTo("order");
    assertThat(mismatch.targetType()).isEqualTo(Order.class);
    assertThat(mismatch.path()).endsWith(path);
    assertThat(mismatch.getMessage())
        .contains("\"order\"")
        .contains(Order.class.getName())
        .contains(mismatch.path())
        .contains("on server /");
    assertThat(error.getMessage()).contains("\"order\"");
    return mismatch;
  }

  @Test
  void aClientsTypedHandlerReportsMismatchesToTheClientsErrorHandlers() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    try (TempEndpoints dir = new TempEndpoints();
        IpcServer server = IpcServer.create(dir.unix(), QUIET)) {
      server.on(
          "connect",
          (data, socket) -> {
            socket.emit("receipt", List.of(1, 2));
            JSON.emit(socket, "receipt", RECEIPT);
          });
      server.start();
      try (IpcClient client = IpcClient.create(server.endpoint(), QUIET)) {
        client.on("error", data -> got.add(data));
        JSON.on(client, "receipt", Receipt.class, got::add);
        client.connect().get(10, TimeUnit.SECONDS);
        Throwable error = (Throwable) got.poll(10, TimeUnit.SECONDS);
        assertThat(error.getCause()).isInstanceOf(PayloadMappingException.class);
        assertThat(error.getCause().getMessage())
            .contains("\"receipt\"")
            .contains(Receipt.class.getName())
            .contains("on client of " + dir.dir());
        assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo(RECEIPT);
      }
    }
  }

  @Test
  void typedRequestsAreAnsweredTypedBothWays() throws Exception {
    try (TempEndpoints dir = new TempEndpoints();
        IpcServer server = IpcServer.create(dir.unix(), QUIET)) {
      JSON.onRequest(
          server,
          "quote",
          Order.class,
          (order, socket) ->
              new Receipt(
                  order.item(),
                  order.qty(),
                  new BigDecimal("3.75").multiply(BigDecimal.valueOf(order.qty())),
                  Duration.ZERO,
                  Receipt.Status.ACCEPTED));
      server.start();
      try (IpcClient client = IpcClient.create(server.endpoint(), QUIET)) {
        JSON.onRequest(
            client,
            "confirm",
            Receipt.class,
            receipt ->
                java.util.concurrent.CompletableFuture.completedFuture(
                    receipt.status() == Receipt.Status.ACCEPTED));
        client.connect().get(10, TimeUnit.SECONDS);
        Receipt answer =
            JSON.request(client, "quote", ORDER, Receipt.class).get(10, TimeUnit.SECONDS);
        assertThat(answer)
            .isEqualTo(
                new Receipt(
                    "tea", 2, new BigDecimal("7.5"), Duration.ZERO, Receipt.Status.ACCEPTED));
        Boolean confirmed =
            JSON.request(
                    server.sockets().get(0),
                    "confirm",
                    answer,
                    Boolean.class,
                    Duration.ofSeconds(10))
                .get(10, TimeUnit.SECONDS);
        assertThat(confirmed).isTrue();
      }
    }
  }

  @Test
  void anAnswerThatDoesNotMapFailsOnlyThatRequest() throws Exception {
    try (TempEndpoints dir = new TempEndpoints();
        IpcServer server = IpcServer.create(dir.unix(), QUIET)) {
      server.onRequest(
          "quote",
          (data, socket) -> "bad".equals(data) ? List.of("no") : Map.of("item", data, "qty", 1));
      server.start();
      try (IpcClient client = IpcClient.create(server.endpoint(), QUIET)) {
        EventRecorder events = new EventRecorder().record(client, "client");
        client.connect().get(10, TimeUnit.SECONDS);
        events.next("client", "connect");
        var bad = JSON.request(client, "quote", "bad", Receipt.class);
        var good = JSON.request(client, "quote", "tea", Receipt.class);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(PayloadMappingException.class)
            .hasMessageContaining("\"quote\"")
            .hasMessageContaining(Receipt.class.getName());
        assertThat(good.get(10, TimeUnit.SECONDS).item()).isEqualTo("tea");
        assertThat(client.isConnected()).isTrue();
        events.assertExhausted();
      }
    }
  }

  @Test
  void aRequestWhoseDataDoesNotMapIsAnsweredWithAnErrorAndReported() throws Exception {
    BlockingQueue<Object> errors = new LinkedBlockingQueue<>();
    try (TempEndpoints dir = new TempEndpoints();
        IpcServer server = IpcServer.create(dir.unix(), QUIET)) {
      server.on("error", (data, socket) -> errors.add(data));
      JSON.onRequest(server, "quote", Order.class, (order, socket) -> RECEIPT);
      server.start();
      try (IpcClient client = IpcClient.create(server.endpoint(), QUIET)) {
        client.connect().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(
                () -> client.request("quote", Map.of("qty", 1)).get(10, TimeUnit.SECONDS))
            .cause()
            .isInstanceOfSatisfying(
                IpcRemoteException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(IpcRemoteException.HANDLER_FAILED);
                  assertThat(e.remoteMessage())
                      .contains(Order.class.getName())
                      .contains("\"quote\"");
                });
        Throwable reported = (Throwable) errors.poll(10, TimeUnit.SECONDS);
        assertThat(reported.getCause()).isInstanceOf(PayloadMappingException.class);
        assertThat(JSON.request(client, "quote", ORDER, Receipt.class).get(10, TimeUnit.SECONDS))
            .isEqualTo(RECEIPT);
      }
    }
  }

  @Test
  void theFacadesServerAndClientsTakeTypedHandlers() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    try (TempEndpoints dir = new TempEndpoints()) {
      Ipc ipc = new Ipc();
      ipc.config().id("world").silent(true).socketRoot(dir.dir());
      ipc.serve(
          () ->
              JSON.on(
                  ipc.server(),
                  "order",
                  Order.class,
                  (order, socket) -> JSON.emit(socket, "receipt", RECEIPT)));
      ipc.server().start();
      try {
        ipc.connectTo(
            "world",
            () -> {
              IpcClient world = ipc.of("world");
              world.on("connect", () -> JSON.emit(world, "order", ORDER));
              JSON.on(world, "receipt", Receipt.class, got::add);
            });
        assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo(RECEIPT);
      } finally {
        ipc.disconnect("world");
        ipc.server().close();
      }
    }
  }

  @Test
  void aValueJacksonCannotSerializeIsRefusedBeforeAnythingIsSent() {
    Object unserializable = new Object();
    assertThatThrownBy(() -> JSON.toData(unserializable))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
    assertThat(JSON.fromData(Map.of("item", "tea", "qty", 2), Order.class))
        .isEqualTo(new Order("tea", 2, null, null));
  }
}
