package dev.identity.command.session;

import dev.identity.command.directory.Account;
import dev.identity.command.directory.AccountDirectory;
import dev.identity.command.directory.TenantDirectory;
import dev.identity.command.directory.TenantEntry;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.user.RehashPassword;
import dev.identity.events.user.UserStatus;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a tenant slug, email and password. An unknown tenant or email costs one hash comparison like a
 * wrong password and gets the same answer, so neither timing nor the response tells which accounts exist.
 * Only a caller who knows the right password learns that the account or tenant is disabled.
 *
 * <p>A successful login whose stored hash is not the current encoding (bcrypt, PBKDF2, or Argon2id with weaker
 * parameters) also hashes the password again, in the same call: the caller runs it on the hashing pool, where
 * the plaintext already is, and it happens once per account, so it costs that one login one more hash and no
 * other login anything. The plaintext is never kept for later.
 */
@Component
public class PasswordAuthenticator {

    private final TenantDirectory tenants;
    private final AccountDirectory accounts;
    private final PasswordEncoder passwordEncoder;
    private final String dummyHash;

    public PasswordAuthenticator(TenantDirectory tenants, AccountDirectory accounts, PasswordEncoder passwordEncoder) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    public AuthenticatedAccount authenticate(String tenantSlug, String email, String password) {
        Optional<TenantEntry> tenant = tenants.findBySlug(tenantSlug);
        Optional<Account> account = tenant.flatMap(entry -> accounts.find(entry.tenantId(), email));
        boolean matches = passwordEncoder.matches(
                password, account.map(Account::passwordHash).orElse(dummyHash));
        if (account.isEmpty() || !matches) {
            throw new InvalidCredentialsException(
                    account.map(Account::userId).orElse(null),
                    account.map(Account::tenantId).orElse(null));
        }
        if (tenant.get().status() == TenantStatus.SUSPENDED) {
            throw new IdentityException(ErrorCode.TENANT_SUSPENDED, "The tenant is suspended.");
        }
        if (account.get().status() == UserStatus.DEACTIVATED) {
            throw new IdentityException(ErrorCode.USER_DEACTIVATED, "The account is deactivated.");
        }
        Account found = account.get();
        RehashPassword rehash = passwordEncoder.upgradeEncoding(found.passwordHash())
                ? new RehashPassword(
                        found.userId(), found.tenantId(), passwordEncoder.encode(password), found.credentialEpoch())
                : null;
        return new AuthenticatedAccount(found.userId(), found.tenantId(), found.credentialEpoch(), rehash);
    }

    /** Whether the password is the user's current one. */
    public boolean verify(String tenantId, String userId, String password) {
        Optional<Account> account = accounts.findByUserId(tenantId, userId);
        return passwordEncoder.matches(
                        password, account.map(Account::passwordHash).orElse(dummyHash))
                && account.isPresent();
    }
}
