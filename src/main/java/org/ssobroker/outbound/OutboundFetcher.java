package org.ssobroker.outbound;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * GETs a URL under the {@link OutboundPolicy}: a plain HTTP/1.1 exchange over a socket opened to
 * the very address the policy checked (TLS still verifies the certificate for the URL's host,
 * with SNI), one deadline for connect, headers and body together, a body cap, no redirects
 * (a 3xx is an answer like any other), and at most {@code maxConcurrent} fetches at once so a
 * slow IdP cannot tie up the workers (a fetch finding none free waits a fifth of the deadline,
 * then is refused). The JDK HttpClient is not used: on Java 17 it cannot be
 * told which address to connect to.
 */
public final class OutboundFetcher {

    private final OutboundPolicy policy;
    private final Duration timeout;
    private final int maxBytes;
    private final Semaphore slots;

    public OutboundFetcher(OutboundPolicy policy, Duration timeout, int maxBytes, int maxConcurrent) {
        this.policy = policy;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.slots = new Semaphore(maxConcurrent);
    }

    /** An answer: status and body (at most the cap); {@code location} is set for a 3xx, never followed. */
    public record Answer(int status, String contentType, String location, byte[] body) {
    }

    public Duration timeout() {
        return timeout;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** @throws OutboundRefusedException with the rule that refused, or what failed (timeout, too large ...) */
    public Answer get(String url, String accept) {
        long deadline = System.nanoTime() + timeout.toNanos();
        OutboundPolicy.Target target = policy.check(url);
        boolean acquired;
        try {
            // Under overload fail fast rather than queue: wait for a free slot a fifth of the deadline at most.
            acquired = slots.tryAcquire(timeout.toNanos() / 5, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboundRefusedException("interrupted while waiting to fetch " + url);
        }
        if (!acquired) {
            throw new OutboundRefusedException("too many outbound fetches are in progress; try again");
        }
        try (Socket socket = connect(target, deadline)) {
            send(socket.getOutputStream(), target, accept);
            return new ResponseReader(socket, deadline, maxBytes).read();
        } catch (SocketTimeoutException e) {
            throw timedOut();
        } catch (IOException e) {
            if (System.nanoTime() - deadline >= 0) {
                throw timedOut();
            }
            throw new OutboundRefusedException(target.uri().getHost() + " is unreachable");
        } finally {
            slots.release();
        }
    }

    /**
     * The body of a 200 answer.
     *
     * @throws OutboundRefusedException why there is none, worded to follow the URL's name: "was not
     *         fetched: ..." (the policy, the network, the deadline), "answered HTTP 404", or a redirect
     *         (never followed)
     */
    public byte[] okBody(String url, String accept) {
        Answer answer;
        try {
            answer = get(url, accept);
        } catch (OutboundRefusedException e) {
            throw new OutboundRefusedException("was not fetched: " + e.getMessage());
        }
        if (answer.status() / 100 == 3) {
            throw new OutboundRefusedException("answered HTTP " + answer.status()
                    + " (a redirect; redirects are not followed)");
        }
        if (answer.status() != 200) {
            throw new OutboundRefusedException("answered HTTP " + answer.status());
        }
        return answer.body();
    }

    private OutboundRefusedException timedOut() {
        return new OutboundRefusedException("no complete answer within " + timeout.toMillis() + " ms (timeout)");
    }

    private static Socket connect(OutboundPolicy.Target target, long deadline) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target.address(), target.port()), remainingMillis(deadline));
            socket.setSoTimeout(remainingMillis(deadline));
            if (!target.tls()) {
                return socket;
            }
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, target.host(), target.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
            if (!Character.isDigit(target.host().charAt(0)) && !target.host().contains(":")) {
                parameters.setServerNames(List.of(new SNIHostName(target.host())));
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void send(OutputStream out, OutboundPolicy.Target target, String accept) throws IOException {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                : target.uri().getRawPath();
        String query = target.uri().getRawQuery() == null ? "" : "?" + target.uri().getRawQuery();
        boolean defaultPort = target.port() == (target.tls() ? 443 : 80);
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        String request = "GET " + path + query + " HTTP/1.1\r\n"
                + "Host: " + host + (defaultPort ? "" : ":" + target.port()) + "\r\n"
                + "Accept: " + accept + "\r\n"
                + "User-Agent: sso-broker\r\n"
                + "Connection: close\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    /** Reads status line, headers and body (Content-Length, chunked, or until close) within the deadline. */
    private static final class ResponseReader {
        private static final int MAX_HEADER_BYTES = 32 * 1024;

        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final int maxBytes;
        private int headerBytes;

        ResponseReader(Socket socket, long deadline, int maxBytes) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
            this.maxBytes = maxBytes;
        }

        Answer read() throws IOException {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new OutboundRefusedException("the answer is not HTTP/1.1");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new OutboundRefusedException("the answer has no valid HTTP status");
            }
            long length = -1;
            boolean chunked = false;
            String contentType = null;
            String location = null;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = contentLength(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "content-type" -> contentType = value;
                    case "location" -> location = value;
                    default -> { }
                }
            }
            if (length > maxBytes) {
                throw tooLarge();
            }
            byte[] body = chunked ? chunked() : length >= 0 ? exactly((int) length) : untilClose();
            return new Answer(status, contentType, location, body);
        }

        private byte[] chunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                int size;
                try {
                    size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new OutboundRefusedException("the answer's chunked body is malformed");
                }
                if (size < 0 || body.size() + (long) size > maxBytes) {
                    throw tooLarge();
                }
                if (size == 0) {
                    return body.toByteArray();
                }
                body.write(exactly(size));
                line(); // the CRLF after each chunk
            }
        }

        private byte[] exactly(int length) throws IOException {
            byte[] bytes = new byte[length];
            int read = 0;
            while (read < length) {
                socket.setSoTimeout(remainingMillis(deadline));
                int n = in.read(bytes, read, length - read);
                if (n < 0) {
                    throw new OutboundRefusedException("the answer ended early");
                }
                read += n;
            }
            return bytes;
        }

        private byte[] untilClose() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                socket.setSoTimeout(remainingMillis(deadline));
                int n = in.read(buffer);
                if (n < 0) {
                    return body.toByteArray();
                }
                if (body.size() + n > maxBytes) {
                    throw tooLarge();
                }
                body.write(buffer, 0, n);
            }
        }

        /** One CRLF-terminated line; the deadline applies to every byte. */
        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                socket.setSoTimeout(remainingMillis(deadline));
                int b = in.read();
                if (b < 0) {
                    throw new OutboundRefusedException("the answer ended early");
                }
                if (++headerBytes > MAX_HEADER_BYTES) {
                    throw new OutboundRefusedException("the answer's headers are larger than " + MAX_HEADER_BYTES
                            + " bytes");
                }
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
        }

        private OutboundRefusedException tooLarge() {
            return new OutboundRefusedException("the answer is larger than " + maxBytes + " bytes");
        }

        private static long contentLength(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new OutboundRefusedException("the answer's Content-Length is invalid");
            }
        }
    }
}
