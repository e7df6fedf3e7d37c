package dev.identity.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as a problem detail. Tomcat answers some requests itself before any servlet sees them
 * (a malformed percent-encoding or an encoded NUL in the path, an invalid character in the request target)
 * and writes the answer with its host's error report valve; this valve replaces Tomcat's HTML one.
 */
public final class ProblemReportValve extends ErrorReportValve {

    private final ObjectMapper json;

    ProblemReportValve(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int statusCode = response.getStatus();
        // as Tomcat's: nothing for a success, for an answer already written, or for one already reported
        if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(statusCode);
        try {
            byte[] body = json.writeValueAsBytes(
                    ProblemErrorController.problem(status == null ? HttpStatus.BAD_REQUEST : status));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response is committed: there is nobody left to answer
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Installation {

        /** Replaces the error report valve of the host, Tomcat's or Spring Boot's (server.error.*). */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve(ObjectMapper json) {
            return factory -> factory.addContextCustomizers(context -> {
                Container parent = context.getParent();
                if (parent instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemReportValve(json));
                }
            });
        }
    }
}
