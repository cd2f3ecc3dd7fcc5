package org.ssobroker.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as written: hostile requests that regular clients
 * refuse to send (NUL in a path, a broken multipart boundary) and a hard deadline on the answer,
 * so a request the server never answers is a {@link Answer#hung()} result instead of a stuck test.
 */
public final class RawHttp {

    private final String host;
    private final int port;
    private final Duration deadline;

    public RawHttp(String host, int port, Duration deadline) {
        this.host = host;
        this.port = port;
        this.deadline = deadline;
    }

    /** The answer: status -1 when none came within the deadline (or the connection was closed without one). */
    public record Answer(int status, Map<String, String> headers, String body, long millis, String failure) {

        public boolean hung() {
            return status < 0;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A request; {@code target} is sent as written (already percent-encoded where wanted). */
    public record Request(String method, String target, Map<String, String> headers, byte[] body) {

        public static Request of(String method, String target) {
            return new Request(method, target, new LinkedHashMap<>(), null);
        }

        public Request header(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new Request(method, target, copy, body);
        }

        public Request body(String contentType, String text) {
            return body(contentType, text.getBytes(StandardCharsets.UTF_8));
        }

        public Request body(String contentType, byte[] bytes) {
            Request typed = contentType == null ? this : header("Content-Type", contentType);
            return new Request(method, target, typed.headers, bytes);
        }

        /** The request as a curl command line: what a failing test prints to reproduce it. */
        public String curl(String base) {
            StringBuilder curl = new StringBuilder("curl -sS -i --path-as-is -X ").append(method).append(" '")
                    .append(base).append(target.replace("'", "'\\''")).append('\'');
            headers.forEach((name, value) -> curl.append(" -H '").append(name).append(": ")
                    .append(printable(value)).append('\''));
            if (body != null) {
                String text = new String(body, StandardCharsets.UTF_8);
                curl.append(" --data-binary '").append(printable(text.length() > 2000
                        ? text.substring(0, 2000) + "...(" + body.length + " bytes in all)" : text)).append('\'');
            }
            return curl.toString();
        }

        private static String printable(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(c -> {
                if (c == '\'') {
                    out.append("'\\''");
                } else if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", c));
                } else {
                    out.appendCodePoint(c);
                }
            });
            return out.toString();
        }
    }

    public Answer send(Request request) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            int timeout = (int) deadline.toMillis();
            socket.connect(new InetSocketAddress(host, port), timeout);
            socket.setSoTimeout(timeout);
            write(socket.getOutputStream(), request);
            return read(socket.getInputStream(), start);
        } catch (SocketTimeoutException e) {
            return new Answer(-1, Map.of(), "", elapsed(start), "no answer within " + deadline.toMillis() + " ms");
        } catch (IOException e) {
            return new Answer(-1, Map.of(), "", elapsed(start), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void write(OutputStream out, Request request) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        head.append("Connection: close\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        try {
            if (request.body() != null) {
                out.write(request.body());
            }
            out.flush();
        } catch (IOException e) {
            // The server may answer (413) and close before reading the whole body: read its answer.
        }
    }

    private Answer read(InputStream in, long start) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long limit = start + deadline.toNanos();
        int n;
        while ((n = in.read(buffer)) >= 0) {
            received.write(buffer, 0, n);
            if (System.nanoTime() > limit) {
                throw new SocketTimeoutException("answer not complete within the deadline");
            }
        }
        byte[] bytes = received.toByteArray();
        int endOfHead = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        String head = new String(bytes, 0, endOfHead < 0 ? bytes.length : endOfHead, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 ") || endOfHead < 0) {
            return new Answer(-1, Map.of(), head, elapsed(start), "connection closed without an HTTP answer");
        }
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        byte[] body = java.util.Arrays.copyOfRange(bytes, endOfHead + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), elapsed(start), null);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < chunked.length) {
            int endOfSize = indexOf(chunked, crlf, at);
            if (endOfSize < 0) {
                break;
            }
            String size = new String(chunked, at, endOfSize - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            int from = endOfSize + 2;
            int to = Math.min(chunked.length, from + length);
            body.write(chunked, from, to - from);
            at = to + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        outer:
        for (int i = from; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
