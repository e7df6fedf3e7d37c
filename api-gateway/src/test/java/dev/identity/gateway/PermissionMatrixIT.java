package dev.identity.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.support.Api;
import dev.identity.support.IntegrationTest;
import dev.identity.support.PlatformFixture;
import dev.identity.support.PlatformFixture.TestTenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tenant endpoint against every built-in role and against an admin of another tenant. Each case acts
 * on a fresh target user with a fresh session, so no case depends on another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixIT extends IntegrationTest {

    private static final List<String> ROLES = List.of("tenant-admin", "user-manager", "auditor", "member");
    private static final String OTHER_TENANT = "other-tenant-admin";

    /** Which permissions each built-in role has, as documented. */
    private static final Map<String, Set<String>> GRANTS = Map.of(
            "tenant-admin",
                    Set.of(
                            "tenant:read",
                            "users:read",
                            "users:write",
                            "roles:assign",
                            "roles:manage",
                            "sessions:revoke",
                            "audit:read"),
            "user-manager", Set.of("tenant:read", "users:read", "users:write", "roles:assign", "sessions:revoke"),
            "auditor", Set.of("tenant:read", "users:read", "audit:read"),
            "member", Set.of());

    private Api api;
    private TestTenant tenant;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeAll
    void everyRole() {
        api = api();
        tenant = platform.createTenant(api, false);
        for (String role : ROLES) {
            tokens.put(role, platform.userWithRole(api, tenant, role));
        }
        tokens.put(OTHER_TENANT, platform.createTenant(api, false).adminToken());
    }

    /**
     * @param permission what the endpoint needs; null when any user of the tenant may call it
     * @param success the status when allowed
     * @param idOfThisTenant whether the path names something of the tenant (so other tenants get 404)
     */
    record Endpoint(String method, String path, Object body, String permission, int success, boolean idOfThisTenant) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Arguments> cases() {
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "/api/v1/users", null, "users:read", 200, false),
                new Endpoint("POST", "/api/v1/users", "NEW_USER", "users:write", 201, false),
                new Endpoint("GET", "/api/v1/users/{user}", null, "users:read", 200, true),
                new Endpoint("POST", "/api/v1/users/{user}/deactivate", null, "users:write", 200, true),
                new Endpoint("POST", "/api/v1/users/{user}/reactivate", null, "users:write", 200, true),
                new Endpoint("PUT", "/api/v1/users/{user}/roles/member", null, "roles:assign", 200, true),
                new Endpoint("DELETE", "/api/v1/users/{user}/roles/member", null, "roles:assign", 200, true),
                new Endpoint("GET", "/api/v1/users/{user}/sessions", null, "users:read", 200, true),
                new Endpoint("DELETE", "/api/v1/users/{user}/sessions", null, "sessions:revoke", 204, true),
                new Endpoint("DELETE", "/api/v1/sessions/{session}", null, "sessions:revoke", 204, true),
                new Endpoint("GET", "/api/v1/roles", null, "tenant:read", 200, false),
                new Endpoint(
                        "PUT", "/api/v1/roles/{role}", Map.of("permissions", List.of()), "roles:manage", 201, false),
                new Endpoint("DELETE", "/api/v1/roles/{role}", null, "roles:manage", 204, false),
                new Endpoint("GET", "/api/v1/tenants/{tenant}", null, "tenant:read", 200, true),
                new Endpoint("POST", "/api/v1/tenants/{tenant}/suspend", null, "tenants:manage", 200, true),
                new Endpoint("POST", "/api/v1/tenants/{tenant}/reactivate", null, "tenants:manage", 200, true),
                new Endpoint("POST", "/api/v1/tenants/{tenant}/admins", "NEW_USER", "tenants:manage", 201, true),
                new Endpoint("GET", "/api/v1/admin/dead-letters", null, "tenants:manage", 200, false),
                new Endpoint("GET", "/api/v1/users/me", null, null, 200, false));
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (String role : ROLES) {
                cases.add(Arguments.of(endpoint, role));
            }
            if (endpoint.idOfThisTenant()) {
                cases.add(Arguments.of(endpoint, OTHER_TENANT));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void endpointAnswersAccordingToThePermissionsOfTheRole(Endpoint endpoint, String role) {
        String targetEmail = "target-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String targetUser = platform.createUser(api, tenant, targetEmail);
        String targetSession = platform.loginForTokens(api, tenant.slug(), targetEmail, PlatformFixture.PASSWORD)
                .text("sessionId");
        String customRole = "custom-" + UUID.randomUUID().toString().substring(0, 8);
        if (endpoint.method().equals("DELETE") && endpoint.path().equals("/api/v1/roles/{role}")) {
            api.method("PUT", "/api/v1/roles/" + customRole, tenant.adminToken(), Map.of("permissions", List.of()));
        }
        String path = endpoint.path()
                .replace("{user}", targetUser)
                .replace("{session}", targetSession)
                .replace("{role}", customRole)
                .replace("{tenant}", tenant.id());
        Object body = "NEW_USER".equals(endpoint.body())
                ? Map.of("email", "new-" + targetEmail, "password", PlatformFixture.PASSWORD, "displayName", "New")
                : endpoint.body();

        Api.Response response = body == null
                ? api.method(endpoint.method(), path, tokens.get(role))
                : api.method(endpoint.method(), path, tokens.get(role), body);

        int expected;
        if (role.equals(OTHER_TENANT)) {
            expected = endpoint.permission() != null && endpoint.permission().equals("tenants:manage") ? 403 : 404;
        } else if (endpoint.permission() == null || GRANTS.get(role).contains(endpoint.permission())) {
            expected = endpoint.success();
        } else {
            expected = 403;
        }
        assertThat(response.status())
                .as("%s as %s: %s", endpoint, role, response)
                .isEqualTo(expected);
    }
}
