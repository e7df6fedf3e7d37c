package dev.identity.command.user;

import dev.identity.command.directory.AccountDirectory;
import dev.identity.events.common.EmailAddress;
import dev.identity.events.user.ImportOutcome;
import dev.identity.events.user.ImportUsers;
import dev.identity.events.user.ImportedUser;
import dev.identity.events.user.RegisterUser;
import dev.identity.events.user.Registration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

/**
 * A batch of imported users in one unit of work, so one transaction: one query finds the emails the tenant
 * has already, and each new user is a {@code UserRegistered} of its own. The directory still enforces email
 * uniqueness as the events are appended; an import racing another registration of the same email fails its
 * batch with {@code EMAIL_TAKEN}, and sending the batch again skips that email.
 */
@Component
class UserImports {

    private final UserCreation users;
    private final AccountDirectory accounts;

    UserImports(UserCreation users, AccountDirectory accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    /**
     * The event store appends the unit of work's events together, as one JDBC batch (multi-row inserts, with
     * the driver's {@code reWriteBatchedInserts}), rather than a statement and a round trip each.
     */
    @CommandHandler
    ImportOutcome handle(ImportUsers command) throws Exception {
        List<String> emails = command.users().stream()
                .map(user -> EmailAddress.normalize(user.email()))
                .toList();
        Set<String> taken = new HashSet<>(accounts.takenEmails(command.tenantId(), emails));
        List<Integer> existing = new ArrayList<>();
        for (int i = 0; i < emails.size(); i++) {
            if (!taken.add(emails.get(i))) {
                existing.add(i);
                continue;
            }
            ImportedUser user = command.users().get(i);
            users.create(new RegisterUser(
                    user.userId(),
                    command.tenantId(),
                    user.email(),
                    user.passwordHash(),
                    user.displayName(),
                    user.roles(),
                    Registration.IMPORT));
        }
        return new ImportOutcome(existing);
    }
}
