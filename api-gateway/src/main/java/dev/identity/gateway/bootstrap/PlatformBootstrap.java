package dev.identity.gateway.bootstrap;

import dev.identity.command.directory.TenantDirectory;
import dev.identity.events.common.BuiltInRole;
import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.EventMetadata;
import dev.identity.events.common.IdentityException;
import dev.identity.events.tenant.CreateTenant;
import dev.identity.events.tenant.FirstAdmin;
import dev.identity.gateway.user.NewUser;
import dev.identity.gateway.user.PasswordPolicy;
import dev.identity.gateway.user.UserAccounts;
import dev.identity.gateway.write.CommandSender;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * On a fresh store, creates the platform tenant and its first platform admin, as the {@code system} actor.
 * Several instances starting at once are safe: the slug is unique, and the losers see it taken.
 */
@Component
class PlatformBootstrap {

    private static final Logger log = LoggerFactory.getLogger(PlatformBootstrap.class);

    private final BootstrapProperties properties;
    private final TenantDirectory tenants;
    private final CommandSender commands;
    private final UserAccounts accounts;

    PlatformBootstrap(
            BootstrapProperties properties,
            TenantDirectory tenants,
            CommandSender commands,
            UserAccounts accounts,
            Environment environment) {
        boolean noPassword =
                properties.adminPassword() == null || properties.adminPassword().isBlank();
        if (noPassword && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException(
                    "identity.bootstrap.admin-password (IDENTITY_BOOTSTRAP_ADMIN_PASSWORD) must be set in the prod profile");
        }
        if (!noPassword && !PasswordPolicy.accepts(properties.adminPassword())) {
            throw new IllegalStateException(
                    "identity.bootstrap.admin-password (IDENTITY_BOOTSTRAP_ADMIN_PASSWORD) " + PasswordPolicy.RULE);
        }
        this.properties = properties;
        this.tenants = tenants;
        this.commands = commands;
        this.accounts = accounts;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createPlatformAdmin() {
        if (tenants.findBySlug(properties.platformTenant()).isPresent()) {
            return;
        }
        if (properties.adminPassword() == null || properties.adminPassword().isBlank()) {
            log.warn("No platform tenant yet and no identity.bootstrap.admin-password: no platform admin created");
            return;
        }
        String tenantId = UUID.randomUUID().toString();
        FirstAdmin admin = accounts.firstAdmin(
                new NewUser(properties.adminEmail(), properties.adminPassword(), "Platform admin"),
                Set.of(BuiltInRole.PLATFORM_ADMIN.roleName()),
                EventMetadata.SYSTEM_ACTOR);
        try {
            commands.send(
                    new CreateTenant(tenantId, properties.platformTenant(), "Platform", false, admin),
                    EventMetadata.SYSTEM_ACTOR,
                    ErrorCode.TENANT_NOT_FOUND);
        } catch (IdentityException e) {
            if (e.code() == ErrorCode.TENANT_SLUG_TAKEN) {
                return;
            }
            throw e;
        }
        log.info(
                "Created platform tenant '{}' ({}) and platform admin {} ({})",
                properties.platformTenant(),
                tenantId,
                properties.adminEmail(),
                admin.userId());
    }
}
