package dev.identity.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PlatformBootstrapTest {

    private static final BootstrapProperties NO_PASSWORD =
            new BootstrapProperties("platform", "admin@platform.local", null);

    @Test
    void constructorWhenProdProfileAndNoAdminPasswordThenRefusesToStart() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThatThrownBy(() -> new PlatformBootstrap(NO_PASSWORD, null, null, null, prod))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("identity.bootstrap.admin-password (IDENTITY_BOOTSTRAP_ADMIN_PASSWORD) must be set in the "
                        + "prod profile");
    }

    @Test
    void constructorWhenNotProdAndNoAdminPasswordThenStarts() {
        assertThatNoException()
                .isThrownBy(() -> new PlatformBootstrap(NO_PASSWORD, null, null, null, new MockEnvironment()));
    }

    /** The bootstrap admin's password follows the rule every other password does, in every profile. */
    @Test
    void constructorWhenAdminPasswordIsTooShortThenRefusesToStart() {
        BootstrapProperties weak = new BootstrapProperties("platform", "admin@platform.local", "admin");
        assertThatThrownBy(() -> new PlatformBootstrap(weak, null, null, null, new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("identity.bootstrap.admin-password (IDENTITY_BOOTSTRAP_ADMIN_PASSWORD) must be at least 8"
                        + " characters and at most 72 bytes in UTF-8")
                .hasMessageNotContaining("admin\"");
    }
}
