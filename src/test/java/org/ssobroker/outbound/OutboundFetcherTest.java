package org.ssobroker.outbound;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fetcher against a raw local server: pinned address, no redirects, deadline over the body, body cap. */
class OutboundFetcherTest {

    /** What the local server answers to one connection. */
    interface Script {
        void answer(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        threads.shutdownNow();
    }

    private int serve(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(() -> {
            while (!server.isClosed()) {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.submit(() -> {
                    try (socket) {
                        requests.add(head(socket.getInputStream()));
                        script.answer(socket.getInputStream(), socket.getOutputStream());
                    }
                    return null;
                });
            }
            return null;
        });
        return server.getLocalPort();
    }

    /** "idp.test" resolves to loopback through the injected resolver only: DNS is never asked. */
    private static OutboundFetcher fetcher(Duration timeout, int maxBytes, int concurrent) {
        OutboundPolicy policy = new OutboundPolicy(true, true, host -> host.equals("idp.test")
                ? List.of(InetAddress.getLoopbackAddress()) : List.of(InetAddress.getByName("169.254.169.254")));
        return new OutboundFetcher(policy, timeout, maxBytes, concurrent);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void connectsToTheCheckedAddressAndSendsTheUrlsHost() throws Exception {
        int port = serve((in, out) -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 11\r\n\r\n{\"ok\":true}"));
        OutboundFetcher.Answer answer = fetcher(Duration.ofSeconds(2), 1000, 4)
                .get("http://idp.test:" + port + "/.well-known/openid-configuration?x=1", "application/json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(requests.get(0)).startsWith("GET /.well-known/openid-configuration?x=1 HTTP/1.1\r\n")
                .contains("Host: idp.test:" + port + "\r\n");
    }

    @Test
    void aChunkedBodyIsReassembled() throws Exception {
        int port = serve((in, out) -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n"));
        assertThat(fetcher(Duration.ofSeconds(2), 1000, 4).get("http://idp.test:" + port + "/", "*/*").body())
                .asString(StandardCharsets.UTF_8).isEqualTo("{\"a\":1}");
    }

    @Test
    void aRedirectIsAnAnswerNeverFollowed() throws Exception {
        int port = serve((in, out) -> write(out, "HTTP/1.1 302 Found\r\nLocation: http://169.254.169.254/latest/"
                + "\r\nContent-Length: 0\r\n\r\n"));
        OutboundFetcher.Answer answer = fetcher(Duration.ofSeconds(2), 1000, 4).get("http://idp.test:" + port + "/jwks",
                "application/json");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).isEqualTo("http://169.254.169.254/latest/");
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aTricklingBodyEndsAtTheDeadline() throws Exception {
        int port = serve((in, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
            for (int i = 0; i < 1000; i++) {
                write(out, "x");
                TimeUnit.MILLISECONDS.sleep(100);
            }
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher(Duration.ofMillis(800), 1_000_000, 4).get("http://idp.test:" + port + "/",
                "*/*")).isInstanceOf(OutboundRefusedException.class).hasMessageContaining("within 800 ms (timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aBodyOverTheCapIsRefusedWithOrWithoutContentLength() throws Exception {
        int port = serve((in, out) -> write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + "y".repeat(5000)));
        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(2), 1000, 4).get("http://idp.test:" + port + "/", "*/*"))
                .hasMessage("the answer is larger than 1000 bytes");
        server.close();
        int declared = serve((in, out) -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"));
        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(2), 1000, 4).get("http://idp.test:" + declared + "/",
                "*/*")).hasMessage("the answer is larger than 1000 bytes");
    }

    @Test
    void aRefusedAddressIsNeverConnectedTo() throws Exception {
        serve((in, out) -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(2), 1000, 4).get("http://metadata.test/latest/", "*/*"))
                .hasMessage("169.254.169.254 is a cloud metadata address");
        assertThat(connections.get()).isZero();
    }

    @Test
    void concurrentFetchesAreBounded() throws Exception {
        int port = serve((in, out) -> TimeUnit.SECONDS.sleep(5));
        OutboundFetcher one = fetcher(Duration.ofSeconds(2), 1000, 1);
        var first = threads.submit(() -> one.get("http://idp.test:" + port + "/", "*/*"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (connections.get() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThatThrownBy(() -> one.get("http://idp.test:" + port + "/", "*/*"))
                .hasMessageContaining("too many outbound fetches");
        assertThat(connections.get()).isEqualTo(1);
        assertThatThrownBy(first::get).hasRootCauseInstanceOf(OutboundRefusedException.class);
    }

    /** The request head, up to the blank line. */
    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
