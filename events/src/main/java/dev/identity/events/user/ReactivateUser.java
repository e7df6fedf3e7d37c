package dev.identity.events.user;

import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReactivateUser(@TargetAggregateIdentifier String userId, String tenantId) implements TenantScoped {}
