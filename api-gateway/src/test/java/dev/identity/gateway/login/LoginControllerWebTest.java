package dev.identity.gateway.login;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.identity.command.session.AuthenticatedAccount;
import dev.identity.gateway.session.Sessions;
import dev.identity.gateway.session.TokenPair;
import dev.identity.gateway.web.WebInputProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The login endpoint's web layer alone: what reaches the login service, and how its refusals and bad input
 * are answered (RFC 9457 problems from the application's own exception handler). The security filter chain
 * is the security package's; the integration tests run the whole stack.
 */
@WebMvcTest(LoginController.class)
@AutoConfigureMockMvc(addFilters = false)
@EnableConfigurationProperties(WebInputProperties.class)
// the web layer's own filters record metrics; a web slice has no metrics auto-configuration
@Import(SimpleMeterRegistry.class)
class LoginControllerWebTest {

    private static final String ADA = """
            {"tenant":"acme","email":"ada@example.com","password":"correct horse"}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Logins logins;

    @MockitoBean
    private Sessions sessions;

    @Test
    void loginWhenTheCredentialsAreRightThenTheSessionStartsForThatAccountAndClient() throws Exception {
        when(logins.authenticate(any(), eq("203.0.113.9")))
                .thenReturn(new AuthenticatedAccount("user-1", "tenant-1", 3, null));
        when(sessions.start("tenant-1", "user-1", 3, "203.0.113.9", "curl/8"))
                .thenReturn(new TokenPair("access", "Bearer", 900, "refresh", "session-1"));

        mvc.perform(post("/api/v1/auth/login")
                        .with(request -> {
                            request.setRemoteAddr("203.0.113.9");
                            return request;
                        })
                        .header("User-Agent", "curl/8")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ADA))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accessToken").value("access"))
                .andExpect(jsonPath("$.refreshToken").value("refresh"))
                .andExpect(jsonPath("$.sessionId").value("session-1"));
        verify(logins).authenticate(eq(new Credentials("acme", "ada@example.com", "correct horse")), eq("203.0.113.9"));
    }

    @Test
    void loginWhenFieldsAreMissingThen400NamingEachAndNoPasswordIsChecked() throws Exception {
        mvc.perform(post("/api/v1/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"tenant\":\"acme\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", Matchers.startsWith("application/problem+json")))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("email", "password")));
        verifyNoInteractions(logins, sessions);
    }

    @Test
    void loginWhenTheBodyIsNotJsonThen400AndNoPasswordIsChecked() throws Exception {
        mvc.perform(post("/api/v1/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"tenant\":"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", Matchers.startsWith("application/problem+json")));
        verifyNoInteractions(logins, sessions);
    }

    @Test
    void loginWhenThrottledThen429WithRetryAfterInWholeSeconds() throws Exception {
        when(logins.authenticate(any(), any())).thenThrow(TooManyAttemptsException.login(Duration.ofMillis(29_400)));

        mvc.perform(post("/api/v1/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ADA))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "29"))
                .andExpect(jsonPath("$.code").value("LOGIN_THROTTLED"))
                .andExpect(jsonPath("$.detail", Matchers.endsWith("try again in 29 seconds.")));
        verifyNoInteractions(sessions);
    }

    @Test
    void loginWhenThePasswordHashingPoolIsFullThen503RetryAfterOneSecond() throws Exception {
        when(logins.authenticate(any(), any())).thenThrow(new HashingBusyException());

        mvc.perform(post("/api/v1/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ADA))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.code").value("OVERLOADED"));
    }
}
