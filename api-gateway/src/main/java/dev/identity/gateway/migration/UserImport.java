package dev.identity.gateway.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.common.Permission;
import dev.identity.events.tenant.RoleView;
import dev.identity.events.user.ImportOutcome;
import dev.identity.events.user.ImportUsers;
import dev.identity.events.user.ImportedUser;
import dev.identity.gateway.role.RoleCatalogue;
import dev.identity.gateway.security.AuthenticatedUser;
import dev.identity.gateway.user.NewUser;
import dev.identity.gateway.web.Inputs;
import dev.identity.gateway.web.TextInput;
import dev.identity.gateway.write.CommandSender;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads an NDJSON body of users one line at a time and registers them in batches, writing NDJSON progress as
 * it goes: a {@code rejected} line for each line skipped (its number and a code), an {@code existing} line for
 * each user whose email the tenant has already, a {@code progress} line after each batch commits, and a
 * {@code summary} at the end, or a {@code failed} line if a batch could not be stored (the batches before it
 * are; running the import again skips them). Nothing is hashed here and nothing waits for the read model.
 */
@Component
class UserImport {

    private static final Logger log = LoggerFactory.getLogger(UserImport.class);
    private static final int EMAIL_RACE_RETRIES = 3;

    private final CommandSender commands;
    private final RoleCatalogue roles;
    private final Validator validator;
    private final ObjectMapper json;
    private final ImportProperties properties;

    UserImport(
            CommandSender commands,
            RoleCatalogue roles,
            Validator validator,
            ObjectMapper json,
            ImportProperties properties) {
        this.commands = commands;
        this.roles = roles;
        this.validator = validator;
        this.json = json;
        this.properties = properties;
    }

    void run(String tenantId, AuthenticatedUser caller, InputStream body, OutputStream out) throws IOException {
        Run run = new Run(tenantId, grantableRoles(tenantId, caller), commands.origin(caller.userId()), out);
        NdjsonLines lines =
                new NdjsonLines(body, (int) properties.maxLineLength().toBytes());
        while (true) {
            String line;
            try {
                line = lines.next();
            } catch (RejectedLine e) {
                run.rejected(lines.number(), e);
                continue;
            }
            if (line == null) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                run.add(lines.number(), user(line, run.grantable));
            } catch (RejectedLine e) {
                run.rejected(lines.number(), e);
            }
            if (run.batch.size() >= properties.batchSize() && !run.store()) {
                return;
            }
        }
        if (run.store()) {
            run.write(run.counts("summary").put("lines", lines.number()));
        }
        out.flush();
    }

    /** The roles an imported user may get: those whose permissions the caller holds, as for assigning one. */
    private Set<String> grantableRoles(String tenantId, AuthenticatedUser caller) {
        return roles.roles(tenantId).stream()
                .filter(role -> role.permissions().stream()
                        .allMatch(key -> Permission.byKey(key).map(caller::can).orElse(true)))
                .map(RoleView::name)
                .collect(Collectors.toSet());
    }

    private ImportedUser user(String line, Set<String> grantable) throws RejectedLine {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new RejectedLine("MALFORMED_LINE", "the line is not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new RejectedLine("MALFORMED_LINE", "the line is not a JSON object");
        }
        String email = valid(node, "email", "INVALID_EMAIL");
        if (TextInput.problemInIdentifier(email) != null) {
            throw new RejectedLine("INVALID_EMAIL", "email " + TextInput.problemInIdentifier(email));
        }
        String displayName = valid(node, "displayName", "INVALID_DISPLAY_NAME");
        if (TextInput.problemInText(displayName) != null) {
            throw new RejectedLine("INVALID_DISPLAY_NAME", "displayName " + TextInput.problemInText(displayName));
        }
        return new ImportedUser(
                UUID.randomUUID().toString(),
                email,
                ImportedPasswords.stored(node.get("password")),
                displayName,
                roles(node.get("roles"), grantable));
    }

    /** The field, checked against the constraints of {@link NewUser}, so an import accepts what creation does. */
    private String valid(JsonNode node, String field, String code) throws RejectedLine {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new RejectedLine(code, field + " must be a string");
        }
        String normalized = Inputs.normalize(value.asText());
        Set<ConstraintViolation<NewUser>> violations = validator.validateValue(NewUser.class, field, normalized);
        if (!violations.isEmpty()) {
            throw new RejectedLine(
                    code, field + " " + violations.iterator().next().getMessage());
        }
        return normalized;
    }

    private static Set<String> roles(JsonNode node, Set<String> grantable) throws RejectedLine {
        if (node == null) {
            return Set.of(BuiltInRole.MEMBER.roleName());
        }
        if (!node.isArray()) {
            throw new RejectedLine("INVALID_ROLES", "roles must be an array of role names");
        }
        Set<String> names = new TreeSet<>();
        for (JsonNode role : node) {
            if (!role.isTextual()) {
                throw new RejectedLine("INVALID_ROLES", "roles must be an array of role names");
            }
            if (!grantable.contains(role.asText())) {
                throw new RejectedLine(
                        "ROLE_NOT_GRANTABLE",
                        "role '" + role.asText() + "' does not exist in this tenant, or grants permissions you lack");
            }
            names.add(role.asText());
        }
        return names;
    }

    /** One import's batch and counts, and its output. */
    private final class Run {

        private final String tenantId;
        private final Set<String> grantable;
        private final CommandSender.Origin origin;
        private final OutputStream out;
        private final List<ImportedUser> batch = new ArrayList<>();
        private final List<Long> batchLines = new ArrayList<>();
        private long imported;
        private long existing;
        private long rejected;

        Run(String tenantId, Set<String> grantable, CommandSender.Origin origin, OutputStream out) {
            this.tenantId = tenantId;
            this.grantable = grantable;
            this.origin = origin;
            this.out = out;
        }

        void add(long line, ImportedUser user) {
            batch.add(user);
            batchLines.add(line);
        }

        void rejected(long line, RejectedLine problem) throws IOException {
            rejected++;
            write(json.createObjectNode()
                    .put("type", "rejected")
                    .put("line", line)
                    .put("code", problem.code())
                    .put("detail", problem.getMessage()));
        }

        /** Stores the batch and reports it; {@code false} when it failed and the import stopped. */
        boolean store() throws IOException {
            if (batch.isEmpty()) {
                return true;
            }
            ImportOutcome outcome;
            try {
                outcome = send(new ImportUsers(tenantId, batch));
            } catch (IdentityException e) {
                write(failed(e.code().name(), e.getMessage()));
                return false;
            } catch (RuntimeException e) {
                log.error("Import into tenant {} failed at line {}", tenantId, batchLines.get(0), e);
                write(failed("INTERNAL_ERROR", "The batch could not be stored; run the import again to resume."));
                return false;
            }
            for (int index : outcome.existing()) {
                write(json.createObjectNode()
                        .put("type", "existing")
                        .put("line", batchLines.get(index))
                        .put("code", ErrorCode.EMAIL_TAKEN.name()));
            }
            existing += outcome.existing().size();
            imported += batch.size() - outcome.existing().size();
            write(counts("progress").put("line", batchLines.get(batchLines.size() - 1)));
            out.flush();
            batch.clear();
            batchLines.clear();
            return true;
        }

        /** Another registration of one of the batch's emails can commit between the check and the append. */
        private ImportOutcome send(ImportUsers command) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return commands.send(command, origin, ErrorCode.TENANT_NOT_FOUND);
                } catch (IdentityException e) {
                    if (e.code() != ErrorCode.EMAIL_TAKEN || attempt == EMAIL_RACE_RETRIES) {
                        throw e;
                    }
                }
            }
        }

        private ObjectNode failed(String code, String detail) {
            return counts("failed")
                    .put("line", batchLines.get(0))
                    .put("code", code)
                    .put("detail", detail);
        }

        ObjectNode counts(String type) {
            return json.createObjectNode()
                    .put("type", type)
                    .put("imported", imported)
                    .put("existing", existing)
                    .put("rejected", rejected);
        }

        void write(ObjectNode line) throws IOException {
            out.write(json.writeValueAsBytes(line));
            out.write('\n');
        }
    }
}
