package io.kstretch.certs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS server and client on 127.0.0.1 built with JDK APIs only: the server requires a client certificate, the
 * client sends one byte and the server answers it plus one. Timeouts only keep a broken test from hanging.
 */
final class TlsPeers {
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final char[] PASSWORD = "in-memory".toCharArray();

    private TlsPeers() {
    }

    /** What each side saw: the reply or the client's failure, the peer or the server's failure. */
    record Outcome(Integer reply, Throwable clientError, String clientSawServer, String serverSawClient,
            Throwable serverError, String protocol) {
        boolean succeeded() {
            return reply != null && clientError == null && serverError == null;
        }
    }

    /**
     * An SSLContext from PEM text, as a Kafka node gets it: the keystore PEM goes through {@link KeyAndCertificate}
     * into an in-memory PKCS12 KeyStore, the CA PEM into a trust store.
     */
    static SSLContext context(String keystorePem, String truststorePem) throws GeneralSecurityException, IOException {
        KeyAndCertificate identity = KeyAndCertificate.fromKeystorePem(keystorePem);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("identity", identity.privateKey(), PASSWORD,
                identity.certificates().toArray(new Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
        keyManagers.init(keyStore, PASSWORD);

        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        List<X509Certificate> trusted = Pem.decodeCertificates(truststorePem);
        for (int i = 0; i < trusted.size(); i++) {
            trustStore.setCertificateEntry("ca-" + i, trusted.get(i));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(trustStore);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    static SSLContext context(KeyAndCertificate identity, X509Certificate... trusted)
            throws GeneralSecurityException, IOException {
        return context(identity.keystorePem(), Pem.encode(List.of(trusted)));
    }

    /**
     * One connection: the client reaches 127.0.0.1 but calls the server {@code serverName} (a DNS name or an IP);
     * with {@code verifyHostname} it checks the server certificate names it (endpoint identification "HTTPS").
     */
    static Outcome exchange(SSLContext server, SSLContext client, String protocol, String serverName,
            boolean verifyHostname) throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getByName("127.0.0.1"))) {
            listener.setNeedClientAuth(true);
            listener.setEnabledProtocols(new String[] { protocol });
            listener.setSoTimeout(TIMEOUT_MILLIS);
            Future<String> serverSide = executor.submit(() -> serve(listener));

            Integer reply = null;
            Throwable clientError = null;
            String clientSawServer = null;
            String negotiated = null;
            Socket plain = new Socket();
            try {
                plain.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), TIMEOUT_MILLIS);
                try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, serverName,
                        listener.getLocalPort(), true)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setProtocols(new String[] { protocol });
                    if (verifyHostname) {
                        parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    }
                    socket.setSSLParameters(parameters);
                    socket.setSoTimeout(TIMEOUT_MILLIS);
                    socket.startHandshake();
                    clientSawServer = socket.getSession().getPeerPrincipal().getName();
                    negotiated = socket.getSession().getProtocol();
                    OutputStream out = socket.getOutputStream();
                    out.write(41);
                    out.flush();
                    int read = socket.getInputStream().read();
                    reply = read < 0 ? null : read;
                }
            } catch (IOException e) {
                clientError = e;
            } finally {
                plain.close();
            }

            String serverSawClient = null;
            Throwable serverError = null;
            try {
                serverSawClient = serverSide.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                serverError = e.getCause();
            }
            return new Outcome(reply, clientError, clientSawServer, serverSawClient, serverError, negotiated);
        } finally {
            executor.shutdownNow();
        }
    }

    private static String serve(SSLServerSocket listener) throws IOException {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            InputStream in = socket.getInputStream();
            int request = in.read();
            if (request < 0) {
                throw new IOException("the client closed the connection");
            }
            socket.getOutputStream().write(request + 1);
            socket.getOutputStream().flush();
            return socket.getSession().getPeerPrincipal().getName();
        }
    }
}
