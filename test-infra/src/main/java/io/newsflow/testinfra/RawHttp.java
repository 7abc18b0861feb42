package io.newsflow.testinfra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client over a bare socket, for requests no well-behaved client would send: a
 * request line with invalid percent-encoding or bytes that are not UTF-8, a path with {@code ..}
 * or an encoded slash, a header of any bytes, a Content-Length that lies, any bytes as a body
 * (the hostile-input tests of the ingest API and the newsroom share it).
 * Each request is one connection ({@code Connection: close}). The body is written by its own
 * thread while the answer is read, so a server that answers early (413) and stops reading does
 * not leave the writer blocked.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** An answer: status, headers (names lower-cased), body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** Sends {@code METHOD target HTTP/1.1} without a body, the target's bytes as they are (ISO-8859-1). */
    public Response send(String method, String target, Map<String, String> headers) throws IOException {
        return send(method, target, headers, new byte[0], 30_000);
    }

    /**
     * Sends {@code METHOD target HTTP/1.1} with the headers given (Host and Connection added) and
     * the body as it is (no Content-Length added: give one, or Transfer-Encoding).
     */
    public Response send(String method, String target, Map<String, String> headers, byte[] body, int timeoutMillis)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(timeoutMillis);
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n").append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            Thread writer = new Thread(() -> {
                try {
                    out.write(headBytes);
                    for (int at = 0; at < body.length; at += 64 * 1024) {
                        out.write(body, at, Math.min(64 * 1024, body.length - at));
                    }
                    out.flush();
                } catch (IOException answeredEarly) {
                    // the server closed the connection before it read everything: its answer counts
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            Response response = read(socket.getInputStream(), "HEAD".equals(method));
            writer.interrupt();
            return response;
        }
    }

    private static Response read(InputStream in, boolean noBody) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int headEnd = -1;
        while (headEnd < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the connection closed before a complete answer: "
                        + all.toString(StandardCharsets.ISO_8859_1));
            }
            all.write(buffer, 0, n);
            headEnd = indexOf(all.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = all.toByteArray();
        String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(bytes, headEnd + 4, bytes.length - headEnd - 4);
        if (noBody || status == 204 || status == 304) {
            return new Response(status, headers, new byte[0]);
        }
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        long length = headers.containsKey("content-length") ? Long.parseLong(headers.get("content-length")) : -1;
        // read only what the answer says it holds: a server still swallowing an unread request body
        // (after an early 413, say) keeps the connection open well after it answered
        try {
            while (!(chunked ? complete(body.toByteArray()) : length >= 0 && body.size() >= length)) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                body.write(buffer, 0, n);
            }
        } catch (IOException resetAfterAnswer) {
            // a server that refused the body early may reset the connection once it has answered
        }
        byte[] content = chunked ? dechunk(body.toByteArray()) : body.toByteArray();
        return new Response(status, headers, length >= 0 && content.length > length
                ? java.util.Arrays.copyOf(content, (int) length) : content);
    }

    /** True once a chunked body's last chunk has arrived. */
    private static boolean complete(byte[] chunked) {
        int i = 0;
        while (true) {
            int lineEnd = indexOf(chunked, i, "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                return false;
            }
            int size = Integer.parseInt(new String(chunked, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0]
                    .strip(), 16);
            if (size == 0) {
                return indexOf(chunked, lineEnd, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) >= 0
                        || chunked.length >= lineEnd + 4;
            }
            i = lineEnd + 2 + size + 2;
            if (i > chunked.length) {
                return false;
            }
        }
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = indexOf(chunked, i, "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].strip();
            int size = Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, 0, pattern);
    }

    private static int indexOf(byte[] data, int from, byte[] pattern) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (data[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
