package dev.identity.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events as NDJSON, one per line. The status line is long gone when a failure comes half way, so a
 * failure ends the stream with a last line {@code {"error":{"code":"EXPORT_FAILED","detail":"..."}}} (docs/api.md,
 * "Audit trail"): a client tells a complete export from a cut one by that line, not by the connection. An
 * export whose caller lost access while it ran ends the same way, with {@code ACCESS_ENDED}.
 */
final class NdjsonExport {

    static final String FAILED_CODE = "EXPORT_FAILED";
    static final String ACCESS_ENDED_CODE = "ACCESS_ENDED";

    private static final Logger log = LoggerFactory.getLogger(NdjsonExport.class);

    private final ObjectMapper json;

    NdjsonExport(ObjectMapper json) {
        this.json = json;
    }

    /** @param source calls its argument once per event, in order */
    <T> void write(OutputStream output, Consumer<Consumer<T>> source) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
        try {
            source.accept(event -> writeLine(writer, event));
        } catch (ClientGone e) {
            throw e.getCause();
        } catch (AccessEnded e) {
            log.info("Audit export stopped: its caller's session or audit:read ended while it ran");
            writer.write(
                    json.writeValueAsString(
                            Map.of(
                                    "error",
                                    Map.of(
                                            "code",
                                            ACCESS_ENDED_CODE,
                                            "detail",
                                            "The export stopped because your session or your audit:read permission ended while it ran."))));
            writer.write('\n');
        } catch (RuntimeException e) {
            log.error("Audit export failed after it started; the stream ends with an {} line", FAILED_CODE, e);
            writer.write(json.writeValueAsString(Map.of(
                    "error",
                    Map.of(
                            "code",
                            FAILED_CODE,
                            "detail",
                            "The export stopped before its end; the lines before this one are complete events. Quote the"
                                    + " X-Request-Id header when you report it."))));
            writer.write('\n');
        }
        writer.flush();
    }

    private void writeLine(BufferedWriter writer, Object event) {
        try {
            writer.write(json.writeValueAsString(event));
            writer.write('\n');
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** The caller may no longer read what the export would write next. */
    static final class AccessEnded extends RuntimeException {

        AccessEnded() {
            super("access ended during the export", null, false, false);
        }
    }

    /** Writing failed: the client is gone, there is nobody to tell. */
    private static final class ClientGone extends RuntimeException {

        ClientGone(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
