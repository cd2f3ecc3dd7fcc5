package org.ssobroker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on 127.0.0.1 and a free port, for fault tests. {@link #cut()} turns it into a black
 * hole, the worst kind of outage: connections (old and new) stay open but nothing gets through,
 * so only the client's own timeouts end a request. {@link #restore()} drops the held connections
 * and forwards again.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    public TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on nothing passes; open connections hang. */
    public void cut() {
        cut = true;
    }

    /** Held connections are closed (their clients see them break); new ones are forwarded again. */
    public void restore() {
        cut = false;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private Void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                if (cut) {
                    continue; // accepted, never answered
                }
                Socket target = new Socket();
                target.connect(upstream, 2000);
                open.add(target);
                threads.submit(() -> pump(client, target));
                threads.submit(() -> pump(target, client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("tcp proxy: " + e.getMessage());
                }
            }
        }
        return null;
    }

    private Void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (cut) {
                    continue; // swallowed: the other side waits for ever
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed or broke: the finally closes the other, so both ends see the end.
            return null;
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
        return null;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            System.err.println("tcp proxy: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        restore();
        threads.shutdownNow();
    }
}
