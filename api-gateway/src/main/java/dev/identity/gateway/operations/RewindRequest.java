package dev.identity.gateway.operations;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * @param fromPosition the global position of the first event to publish again (1 = everything)
 * @param confirm must be {@code true}: a rewind re-publishes events to every consumer
 */
public record RewindRequest(@NotNull @Min(1) Long fromPosition, Boolean confirm) {}
