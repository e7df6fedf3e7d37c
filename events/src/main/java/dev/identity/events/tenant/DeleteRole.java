package dev.identity.events.tenant;

import dev.identity.events.common.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteRole(@TargetAggregateIdentifier String tenantId, String role) implements TenantScoped {}
