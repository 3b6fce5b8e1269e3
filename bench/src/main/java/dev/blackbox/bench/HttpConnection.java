package dev.blackbox.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection, used by one bot thread at a time. Hand-written on a socket
 * because the load generator shares two cores with the server: it must spend as little CPU per
 * request as possible, and with one blocking connection per bot nothing is pooled or queued.
 */
final class HttpConnection implements AutoCloseable {

    /**
     * A response: status and body; the body is kept because errors are reported with it. The
     * {@code Blackbox-Position} a command answer carries, or -1.
     */
    record Response(int status, String body, long position) {
    }

    private static final int TIMEOUT_MILLIS = 30_000;
    private static final String JSON = "application/json";

    private final String host;
    private final int port;
    private final byte[] authorization;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpConnection(URI base, String token) {
        this(base, header("Authorization: Bearer " + token));
    }

    /** A connection of a signed-in browser: it sends the web interface's session cookie instead of a token. */
    static HttpConnection withCookie(URI base, String cookie) {
        return new HttpConnection(base, header("Cookie: " + cookie));
    }

    private HttpConnection(URI base, byte[] credentials) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.authorization = credentials;
    }

    private static byte[] header(String line) {
        return (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    Response get(String path) throws IOException {
        return exchange("GET", path, null, JSON);
    }

    Response send(String method, String path, String json) throws IOException {
        return exchange(method, path, json, JSON);
    }

    Response send(String method, String path, String json, String accept) throws IOException {
        return exchange(method, path, json, accept);
    }

    /** Sends {@code body} as {@code contentType}, e.g. an NDJSON history to import. */
    Response post(String path, String body, String contentType) throws IOException {
        return exchange("POST", path, body, JSON, contentType);
    }

    private Response exchange(String method, String path, String json, String accept) throws IOException {
        return exchange(method, path, json, accept, JSON);
    }

    private Response exchange(String method, String path, String json, String accept, String contentType)
            throws IOException {
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        // A server closes idle keep-alive connections; a request written into one is never read, the
        // answer is an immediate end of stream, and sending it again on a new connection is safe.
        boolean fresh = socket == null;
        if (fresh) {
            connect();
        }
        try {
            write(method, path, body, accept, contentType);
            return read();
        } catch (StaleConnectionException stale) {
            if (fresh) {
                throw stale;
            }
            close();
            connect();
            write(method, path, body, accept, contentType);
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    private void write(String method, String path, byte[] body, String accept, String contentType) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Accept: ").append(accept).append("\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(authorization);
        out.write('\r');
        out.write('\n');
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    private Response read() throws IOException {
        String statusLine = line(true);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        long position = -1;
        for (String header = line(false); !header.isEmpty(); header = line(false)) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Integer.parseInt(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                case "blackbox-position" -> position = Long.parseLong(value);
                default -> { }
            }
        }
        String body = chunked ? readChunked() : readFixed(Math.max(contentLength, 0));
        if (closeAfter) {
            close();
        }
        return new Response(status, body, position);
    }

    private String readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(false);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? sizeLine.trim() : sizeLine.substring(0, semicolon).trim(), 16);
            if (size == 0) {
                for (String trailer = line(false); !trailer.isEmpty(); trailer = line(false)) {
                    // Trailers carry nothing the benchmark needs.
                }
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(in.readNBytes(size));
            line(false);
        }
    }

    private String readFixed(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("connection closed inside a response body");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Reads one CRLF-terminated line; end of stream before the first byte means a stale connection. */
    private String line(boolean first) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (first && line.isEmpty()) {
                    throw new StaleConnectionException();
                }
                throw new IOException("connection closed inside a response");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a broken connection has nothing left to report.
            }
            socket = null;
        }
    }

    /** The server closed the connection before answering: it did not process the request. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException() {
            super("the server closed the idle connection");
        }
    }
}
