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
 * failure ends the stream with a last line {@code {"error":{"code":"EXPORT_FAILED","detail":"..."}}} (README,
 * "Audit export"): a client tells a complete export from a cut one by that line, not by the connection.
 */
final class NdjsonExport {

    static final String FAILED_CODE = "EXPORT_FAILED";

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
        } catch (RuntimeException e) {
            log.error("Audit export failed after it started; the stream ends with an {} line", FAILED_CODE, e);
            writer.write(json.writeValueAsString(Map.of("error", Map.of("code", FAILED_CODE, "detail",
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
