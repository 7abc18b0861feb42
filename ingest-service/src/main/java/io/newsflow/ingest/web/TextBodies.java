package io.newsflow.ingest.web;

import io.newsflow.ingest.intake.MalformedRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;

/**
 * Decodes raw page and text bodies. A declared charset ({@code Content-Type: text/html;
 * charset=...}) is trusted but checked; without one, a page is read the way browsers do (BOM,
 * then UTF-8, then its own {@code <meta charset>}, then windows-1252), while plain text must be
 * UTF-8. Bytes that are not valid in the chosen charset are refused (400), never silently
 * replaced.
 */
final class TextBodies {

    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]{0,200}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]{1,40})", Pattern.CASE_INSENSITIVE);
    private static final int SNIFF_BYTES = 4096;

    private TextBodies() {
    }

    static String decode(byte[] body, MediaType contentType, boolean html) {
        Charset declared = declared(contentType);
        if (declared != null) {
            return strict(body, declared, "the declared charset " + declared.name());
        }
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return strict(java.util.Arrays.copyOfRange(body, 3, body.length), StandardCharsets.UTF_8, "UTF-8");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            if (!html) {
                throw new MalformedRequestException("The text is not valid UTF-8; send UTF-8 or declare the charset "
                        + "in Content-Type (text/plain; charset=...).", null);
            }
        }
        Charset meta = metaCharset(body);
        return meta != null ? strict(body, meta, "the page's declared charset " + meta.name())
                : new String(body, Charset.forName("windows-1252"));
    }

    private static Charset declared(MediaType contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return contentType.getCharset();
        } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
            throw new MalformedRequestException("Unknown charset in Content-Type: "
                    + contentType.getParameter("charset"), null);
        }
    }

    private static Charset metaCharset(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        Matcher matcher = META_CHARSET.matcher(head);
        if (!matcher.find()) {
            return null;
        }
        try {
            return Charset.forName(matcher.group(1));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String strict(byte[] body, Charset charset, String what) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRequestException("The body is not valid in " + what + ".", null);
        }
    }
}
