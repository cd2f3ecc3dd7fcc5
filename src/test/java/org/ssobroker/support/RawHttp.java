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
                curl.append(" --data-binary '").append(printable(text.length() > 400
                        ? text.substring(0, 400) + "...(" + body.length + " bytes in all)" : text)).append('\'');
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
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            boolean large = request.body() != null && request.body().length > LARGE_BODY;
            out.write(head(request, large));
            out.flush();
            if (large) {
                // Expect: 100-continue: a server refusing the body (413) answers before it is sent,
                // instead of closing mid-upload (which resets the connection and loses its answer).
                Answer interim = read(in, start, true);
                if (interim.status() != 100) {
                    return interim;
                }
            }
            if (request.body() != null) {
                try {
                    out.write(request.body());
                    out.flush();
                } catch (IOException e) {
                    // The server may answer and close before reading the whole body: read its answer.
                }
            }
            return read(in, start, false);
        } catch (SocketTimeoutException e) {
            return new Answer(-1, Map.of(), "", elapsed(start), "no answer within " + deadline.toMillis() + " ms");
        } catch (IOException e) {
            return new Answer(-1, Map.of(), "", elapsed(start), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static final int LARGE_BODY = 64 * 1024;

    private byte[] head(Request request, boolean expectContinue) {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        head.append("Connection: close\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        }
        if (expectContinue) {
            head.append("Expect: 100-continue\r\n");
        }
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One answer, framed by its Content-Length or chunked encoding (else up to the end of the
     * connection); with {@code interim}, a 100 Continue is returned as such.
     */
    private Answer read(InputStream in, long start, boolean interim) throws IOException {
        long limit = start + deadline.toNanos();
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            headBytes.write(b);
            byte[] sofar = headBytes.toByteArray();
            if (sofar.length >= 4 && sofar[sofar.length - 4] == '\r' && sofar[sofar.length - 3] == '\n'
                    && sofar[sofar.length - 2] == '\r' && sofar[sofar.length - 1] == '\n') {
                break;
            }
            checkDeadline(limit);
        }
        String head = headBytes.toString(StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 ") || !head.endsWith("\r\n\r\n")) {
            return new Answer(-1, Map.of(), head, elapsed(start), "connection closed without an HTTP answer");
        }
        String[] lines = head.trim().split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        if (status == 100 && interim) {
            return new Answer(100, headers, "", elapsed(start), null);
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunks(in, limit);
        } else {
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                rest.write(buffer, 0, n);
                checkDeadline(limit);
            }
            body = rest.toByteArray();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), elapsed(start), null);
    }

    private static byte[] readChunks(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in).split(";")[0].trim();
            int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (length == 0) {
                line(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
            checkDeadline(limit);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void checkDeadline(long limit) throws SocketTimeoutException {
        if (System.nanoTime() > limit) {
            throw new SocketTimeoutException("answer not complete within the deadline");
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
