package io.aihub.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A real local HTTP endpoint that records what it receives and answers the status it is told. */
final class Receiver implements AutoCloseable {

    record Received(String body, String signature, String contentType) {
    }

    final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final AtomicInteger status = new AtomicInteger(200);
    private final HttpServer server;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int answer = status.get();
            if (answer / 100 == 2) {
                received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-AIHub-Signature"),
                        exchange.getRequestHeaders().getFirst("Content-Type")));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
