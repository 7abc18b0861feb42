package io.newsflow.ingest.web;

import io.newsflow.ingest.intake.MalformedRequestException;
import io.newsflow.pages.PageCharsets;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import org.springframework.http.MediaType;

/**
 * Decodes raw page and text bodies. A page is decoded the one way Newsflow decodes pages
 * ({@link PageCharsets}: BOM, the declared charset, the page's own declaration, UTF-8,
 * windows-1252), strictly: bytes the chosen charset cannot decode are refused (400), never
 * silently replaced. Plain text must be UTF-8 unless {@code Content-Type} declares otherwise.
 */
final class TextBodies {

    private TextBodies() {
    }

    static String decode(byte[] body, MediaType contentType, boolean html) {
        Charset declared = declared(contentType);
        if (html) {
            try {
                return PageCharsets.decodeStrictly(body, declared);
            } catch (PageCharsets.UndecodableException e) {
                throw new MalformedRequestException(e.getMessage(), null);
            }
        }
        Charset charset = declared != null ? declared : StandardCharsets.UTF_8;
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRequestException(declared != null ? "The body is not valid in the declared charset "
                    + declared.name() + "." : "The text is not valid UTF-8; send UTF-8 or declare the charset "
                    + "in Content-Type (text/plain; charset=...).", null);
        }
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
}
