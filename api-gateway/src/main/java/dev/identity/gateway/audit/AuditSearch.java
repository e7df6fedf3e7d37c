package dev.identity.gateway.audit;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The audit filters, from query parameters; every one optional.
 *
 * @param tenant platform admins only: one tenant instead of all
 * @param type an event type such as {@code UserRegistered}
 * @param from inclusive; {@code to} exclusive
 */
public record AuditSearch(
        @Size(max = 64) String tenant,
        @Size(max = 64) String aggregateId,

        @Pattern(regexp = "[A-Za-z]{1,100}", message = "must be an event type such as UserRegistered")
        String type,

        @Size(max = 64) String actor,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {}
