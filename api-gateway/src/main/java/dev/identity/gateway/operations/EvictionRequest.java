package dev.identity.gateway.operations;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * @param eventId the parked event to give up on
 * @param reason why, for the audit trail
 * @param confirm must be {@code true}: the processor will never apply this event
 */
public record EvictionRequest(
        @NotBlank @Size(max = 64) String eventId,
        @NotBlank @Size(max = 500) String reason,
        Boolean confirm) {}
