package dev.identity.gateway.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param platformTenant slug of the tenant that holds the platform admins; they log in with it
 * @param adminEmail email of the first platform admin
 * @param adminPassword password of the first platform admin, from the environment only
 *                      ({@code IDENTITY_BOOTSTRAP_ADMIN_PASSWORD}); the {@code prod} profile refuses to start
 *                      without it, other profiles skip the bootstrap
 */
@ConfigurationProperties("identity.bootstrap")
public record BootstrapProperties(
        @DefaultValue("platform") String platformTenant,
        @DefaultValue("admin@platform.local") String adminEmail,
        String adminPassword) {

    @Override
    public String toString() {
        return "BootstrapProperties[platformTenant=" + platformTenant + ", adminEmail=" + adminEmail + "]";
    }
}
