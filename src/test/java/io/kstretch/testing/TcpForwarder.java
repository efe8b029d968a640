package io.kstretch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder for tests: accepts on one address and port and pipes every connection to a target. It can be cut
 * ({@link #partition()}: open connections are reset, new ones closed at once) and healed. The building block of the
 * test network stand-ins ({@link PartitionProxy}, the local kube-proxy).
 */
public final class TcpForwarder implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean partitioned;
    private volatile boolean closed;

    /** Listens on {@code bindAddress:bindPort} (port 0: any free one) and forwards to {@code target}. */
    public TcpForwarder(String bindAddress, int bindPort, String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), bindPort));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + bindPort, e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-forwarder-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String target() {
        return targetHost + ":" + targetPort;
    }

    public void partition() {
        partitioned = true;
        open.forEach(TcpForwarder::closeQuietly);
        open.clear();
    }

    public void heal() {
        partitioned = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (partitioned) {
                    closeQuietly(client);
                    continue;
                }
                Socket target;
                try {
                    target = new Socket(targetHost, targetPort);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                open.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[32 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection closed or reset
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-forwarder-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // ignore
        }
    }

    @Override
    public void close() {
        closed = true;
        partition();
        try {
            server.close();
        } catch (IOException e) {
            // ignore
        }
    }
}
