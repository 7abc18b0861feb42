package io.newsflow.ingest.web;

import io.newsflow.ingest.intake.MalformedRequestException;
import io.newsflow.ingest.intake.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads request bodies under a size cap. The cap applies to the bytes after gzip inflation, so
 * a small compressed body that inflates to gigabytes (a gzip bomb) is cut off at the cap instead
 * of filling the heap; the declared Content-Length is checked first, so an honest oversized
 * request is refused before a byte is read.
 */
final class RequestBodies {

    private static final int BUFFER = 16 * 1024;

    private RequestBodies() {
    }

    static byte[] read(HttpServletRequest request, long maxBytes) {
        long declared = request.getContentLengthLong();
        String encoding = request.getHeader("Content-Encoding");
        boolean gzip = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip");
        if (encoding != null && !gzip && !"identity".equalsIgnoreCase(encoding.strip())) {
            throw new UnsupportedEncodingException(encoding);
        }
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (InputStream raw = request.getInputStream();
                InputStream body = gzip ? new GZIPInputStream(raw, BUFFER) : raw) {
            return !gzip && declared >= 0 ? readDeclared(body, (int) declared) : readCapped(body, maxBytes);
        } catch (ZipException e) {
            throw new MalformedRequestException("The body is not valid gzip: " + e.getMessage(), null);
        } catch (IOException e) {
            throw new MalformedRequestException("The body could not be read: " + e.getMessage(), null);
        }
    }

    /**
     * Reads a body whose length the client declared into one array of exactly that size. Pages
     * are 100 KB and more, and {@link InputStream#readNBytes(int)} would gather them in 8 KB
     * chunks and copy them once more: at hundreds of posts a second that extra copy is a fifth of
     * the service's allocation, and so of its garbage-collection pauses.
     */
    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int read = in.readNBytes(bytes, 0, length);
        if (read < length) {
            throw new MalformedRequestException("The body ended after " + read + " of the " + length
                    + " bytes its Content-Length declared.", null);
        }
        return bytes;
    }

    private static byte[] readCapped(InputStream in, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return bytes;
    }

    private static PayloadTooLargeException tooLarge(long maxBytes) {
        return new PayloadTooLargeException("The body is larger than the limit of " + maxBytes + " bytes"
                + " (after decompression).");
    }

    /** A Content-Encoding other than gzip or identity (415). */
    static final class UnsupportedEncodingException extends RuntimeException {
        UnsupportedEncodingException(String encoding) {
            super("Content-Encoding " + encoding + " is not supported; use gzip or none.");
        }
    }
}
