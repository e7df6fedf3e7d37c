package dev.identity.gateway;

import static dev.identity.gateway.ErrorResponsesIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.user.RegisterUser;
import dev.identity.events.user.Registration;
import dev.identity.gateway.write.CommandSender;
import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * A store of users hashed before Argon2id (bcrypt, and PBKDF2 as an import would bring them) moves to Argon2id
 * one login at a time, without ending a session; new users are Argon2id from the start.
 */
class PasswordRehashIT extends IntegrationTest {

    /** The test profile's cheap parameters (application-test.yml). */
    private static final String CURRENT_ARGON2 = "{argon2}$argon2id$v=19$m=1024,t=1,p=1$";

    @Autowired
    private CommandSender commands;

    @Autowired
    private JdbcClient jdbc;

    private Api api;
    private TestTenant tenant;

    @BeforeEach
    void aTenant() {
        api = api();
        tenant = platform.createTenant(api, false);
    }

    @Test
    void bcryptUserIsRehashedToArgon2idOnLoginAndKeepsItsSession() {
        String userId = storedUser(
                "bcrypt-user@example.com", "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PlatformFixture.PASSWORD));
        long epochBefore = epochOf(userId);

        String firstToken = platform.login(api, tenant.slug(), "bcrypt-user@example.com", PlatformFixture.PASSWORD);

        assertThat(storedHashOf(userId)).startsWith(CURRENT_ARGON2);
        assertThat(epochOf(userId)).isEqualTo(epochBefore);
        assertThat(rehashEventsOf(userId)).isEqualTo(1);
        // the same password: the session started before the rehash still stands
        assertThat(api.get("/api/v1/users/me", firstToken).status()).isEqualTo(200);

        String rehashed = storedHashOf(userId);
        platform.login(api, tenant.slug(), "bcrypt-user@example.com", PlatformFixture.PASSWORD);
        assertThat(storedHashOf(userId)).isEqualTo(rehashed);
        assertThat(rehashEventsOf(userId)).isEqualTo(1);
        assertProblem(login("bcrypt-user@example.com", "not the password"), 401, "INVALID_CREDENTIALS");
    }

    @Test
    void wrongPasswordOnABcryptUserFailsAndLeavesTheHash() {
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PlatformFixture.PASSWORD);
        String userId = storedUser("bcrypt-wrong@example.com", bcrypt);

        assertProblem(login("bcrypt-wrong@example.com", "not the password"), 401, "INVALID_CREDENTIALS");

        assertThat(storedHashOf(userId)).isEqualTo(bcrypt);
        assertThat(rehashEventsOf(userId)).isZero();
    }

    @Test
    void pbkdf2UserIsRehashedToArgon2idOnLogin() {
        String userId = storedUser(
                "pbkdf2-user@example.com",
                "{pbkdf2}"
                        + Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PlatformFixture.PASSWORD));

        platform.login(api, tenant.slug(), "pbkdf2-user@example.com", PlatformFixture.PASSWORD);

        assertThat(storedHashOf(userId)).startsWith(CURRENT_ARGON2);
    }

    @Test
    void newUserIsStoredAsArgon2idAndNotRehashed() {
        String userId = platform.createUser(api, tenant, "new-user@example.com");

        assertThat(storedHashOf(userId)).startsWith(CURRENT_ARGON2);
        platform.login(api, tenant.slug(), "new-user@example.com", PlatformFixture.PASSWORD);
        assertThat(rehashEventsOf(userId)).isZero();
    }

    @Test
    void rehashIsAuditedWithoutTheHash() {
        String userId = storedUser(
                "audited@example.com", "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PlatformFixture.PASSWORD));
        platform.login(api, tenant.slug(), "audited@example.com", PlatformFixture.PASSWORD);
        String auditor = platform.userWithRole(api, tenant, "auditor");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/v1/audit/events?aggregateId=" + userId, auditor)
                        .raw()
                        .contains("PasswordRehashed"));
        String trail =
                api.get("/api/v1/audit/events?aggregateId=" + userId, auditor).raw();
        assertThat(trail)
                .doesNotContain("passwordHash")
                .doesNotContain("$argon2id$")
                .doesNotContain("$2a$");
    }

    /** A user whose hash was made before Argon2id, registered through the command bus as it was then. */
    private String storedUser(String email, String passwordHash) {
        String userId = UUID.randomUUID().toString();
        commands.send(
                new RegisterUser(
                        userId,
                        tenant.id(),
                        email,
                        passwordHash,
                        "User " + email,
                        Set.of("member"),
                        Registration.ADMIN),
                tenant.adminId(),
                ErrorCode.TENANT_NOT_FOUND);
        return userId;
    }

    private Api.Response login(String email, String password) {
        return api.post(
                "/api/v1/auth/login", null, Map.of("tenant", tenant.slug(), "email", email, "password", password));
    }

    private String storedHashOf(String userId) {
        return jdbc.sql("SELECT password_hash FROM account_directory WHERE user_id = :id")
                .param("id", userId)
                .query(String.class)
                .single();
    }

    private long epochOf(String userId) {
        return jdbc.sql("SELECT credential_epoch FROM account_directory WHERE user_id = :id")
                .param("id", userId)
                .query(Long.class)
                .single();
    }

    private int rehashEventsOf(String userId) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND payload_type LIKE '%PasswordRehashed'""").param("id", userId).query(Integer.class).single();
    }
}
