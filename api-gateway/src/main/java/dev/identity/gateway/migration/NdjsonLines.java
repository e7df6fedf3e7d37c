package dev.identity.gateway.migration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a body one line at a time, holding at most one line: a line longer than the limit is skipped to
 * its end and reported, not buffered, and bytes that are not UTF-8 are reported, not replaced.
 */
final class NdjsonLines {

    private final InputStream in;
    private final int maxLength;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long number;

    NdjsonLines(InputStream in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    /** The number of the line {@link #next()} returned last, from 1. */
    long number() {
        return number;
    }

    /** The next line without its line break, or {@code null} at the end of the body. */
    String next() throws IOException, RejectedLine {
        line.reset();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (!tooLong) {
                line.write(buffer, start, position - start);
                tooLong = line.size() > maxLength;
            }
            if (position < limit) {
                position++;
                break;
            }
        }
        number++;
        if (tooLong) {
            throw new RejectedLine("LINE_TOO_LONG", "the line is longer than " + maxLength + " bytes");
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.toByteArray()))
                    .toString();
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        } catch (CharacterCodingException e) {
            throw new RejectedLine("MALFORMED_LINE", "the line is not valid UTF-8");
        }
    }
}
