package dev.identity.command.directory;

import dev.identity.events.common.EmailAddress;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.user.AllSessionsEnded;
import dev.identity.events.user.PasswordChanged;
import dev.identity.events.user.PasswordRehashed;
import dev.identity.events.user.UserDeactivated;
import dev.identity.events.user.UserReactivated;
import dev.identity.events.user.UserRegistered;
import dev.identity.events.user.UserStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Accounts by tenant and normalized email; an email is unique within its tenant. Also keeps each account's
 * roles, so that a custom role still assigned cannot be deleted ({@link RoleDirectory}), and its credential
 * epoch, which a session must match to start ({@link SessionDirectory}) and to be refreshed.
 */
@Component
@ProcessingGroup(Directory.PROCESSING_GROUP)
public class AccountDirectory implements CredentialEpochs {

    private final JdbcClient jdbc;
    private final TenantAdmins admins;

    AccountDirectory(JdbcClient jdbc, TenantAdmins admins) {
        this.jdbc = jdbc;
        this.admins = admins;
    }

    @EventHandler
    void on(UserRegistered event) {
        int inserted = jdbc.sql("""
                        INSERT INTO account_directory (tenant_id, email, user_id, password_hash, status, roles)
                        VALUES (:tenantId, :email, :userId, :passwordHash, 'ACTIVE', string_to_array(:roles, ','))
                        ON CONFLICT DO NOTHING""")
                .param("tenantId", event.tenantId())
                .param("email", EmailAddress.normalize(event.email()))
                .param("userId", event.userId())
                .param("passwordHash", event.passwordHash())
                .param("roles", String.join(",", event.roles()))
                .update();
        if (inserted == 0) {
            throw new IdentityException(
                    ErrorCode.EMAIL_TAKEN, "A user with email '" + event.email() + "' already exists in this tenant.");
        }
    }

    @EventHandler
    void on(UserDeactivated event) {
        setStatus(event.userId(), UserStatus.DEACTIVATED);
        advanceEpoch(event.userId(), event.credentialEpoch());
        if (admins.isAdmin(event.userId())) {
            admins.requireOneLeft(event.tenantId());
        }
    }

    @EventHandler
    void on(UserReactivated event) {
        setStatus(event.userId(), UserStatus.ACTIVE);
    }

    @EventHandler
    void on(PasswordChanged event) {
        jdbc.sql("UPDATE account_directory SET password_hash = :passwordHash WHERE user_id = :userId")
                .param("passwordHash", event.passwordHash())
                .param("userId", event.userId())
                .update();
        advanceEpoch(event.userId(), event.credentialEpoch());
    }

    @EventHandler
    void on(PasswordRehashed event) {
        jdbc.sql("UPDATE account_directory SET password_hash = :passwordHash WHERE user_id = :userId")
                .param("passwordHash", event.passwordHash())
                .param("userId", event.userId())
                .update();
    }

    @EventHandler
    void on(AllSessionsEnded event) {
        advanceEpoch(event.userId(), event.credentialEpoch());
    }

    private void advanceEpoch(String userId, long epoch) {
        jdbc.sql(
                        "UPDATE account_directory SET credential_epoch = GREATEST(credential_epoch, :epoch) WHERE user_id = :userId")
                .param("epoch", epoch)
                .param("userId", userId)
                .update();
    }

    @Override
    public OptionalLong activeEpochOf(String userId) {
        return jdbc.sql("SELECT credential_epoch FROM account_directory WHERE user_id = :userId AND status = 'ACTIVE'")
                .param("userId", userId)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    private void setStatus(String userId, UserStatus status) {
        jdbc.sql("UPDATE account_directory SET status = :status WHERE user_id = :userId")
                .param("status", status.name())
                .param("userId", userId)
                .update();
    }

    public Optional<Account> findByUserId(String tenantId, String userId) {
        return jdbc.sql("""
                        SELECT user_id, tenant_id, password_hash, status, credential_epoch
                        FROM account_directory WHERE tenant_id = :tenantId AND user_id = :userId""")
                .param("tenantId", tenantId)
                .param("userId", userId)
                .query(AccountDirectory::account)
                .optional();
    }

    /** Which of these normalized emails the tenant has already: one query for a whole import batch. */
    public Set<String> takenEmails(String tenantId, Collection<String> normalizedEmails) {
        if (normalizedEmails.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                jdbc.sql("SELECT email FROM account_directory WHERE tenant_id = :tenantId AND email IN (:emails)")
                        .param("tenantId", tenantId)
                        .param("emails", normalizedEmails)
                        .query(String.class)
                        .list());
    }

    public Optional<Account> find(String tenantId, String email) {
        return jdbc.sql("""
                        SELECT user_id, tenant_id, password_hash, status, credential_epoch
                        FROM account_directory WHERE tenant_id = :tenantId AND email = :email""")
                .param("tenantId", tenantId)
                .param("email", EmailAddress.normalize(email))
                .query(AccountDirectory::account)
                .optional();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(
                rs.getString("user_id"),
                rs.getString("tenant_id"),
                rs.getString("password_hash"),
                UserStatus.valueOf(rs.getString("status")),
                rs.getLong("credential_epoch"));
    }
}
