package dev.identity.gateway.migration;

import dev.identity.events.common.ErrorCode;
import dev.identity.events.common.IdentityException;
import dev.identity.events.common.Permission;
import dev.identity.events.tenant.TenantStatus;
import dev.identity.events.tenant.TenantView;
import dev.identity.gateway.security.AuthenticatedUser;
import dev.identity.gateway.security.RequiresPermission;
import dev.identity.gateway.tenant.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk import for migrations. The request thread reads the body and writes the report as it goes, so an
 * import of any size holds one line and one batch in memory, and no async timeout cuts a long one short.
 */
@RestController
@RequestMapping("/api/v1/admin/tenants")
@SecurityRequirement(name = "bearer")
class UserImportController {

    private final Tenants tenants;
    private final UserImport imports;

    UserImportController(Tenants tenants, UserImport imports) {
        this.tenants = tenants;
        this.imports = imports;
    }

    @Operation(
            summary = "Import users with password hashes from another system (NDJSON in, NDJSON report out)",
            description = """
                    Platform admins into any tenant; holders of users:write into their own (another tenant answers \
                    404, like an unknown one). One user per line: {"email", "displayName", "roles"? (default \
                    ["member"], each one the caller could assign), "password": {"algorithm": "bcrypt", "hash": \
                    "$2b$10$..."} | {"algorithm": "argon2id", "hash": "$argon2id$v=19$m=...,t=...,p=...$salt$hash"} | \
                    {"algorithm": "argon2", "type": "id", "version": "1.3", "memory", "iterations", "parallelism", \
                    "salt" (base64), "hash" (base64)} | {"algorithm": "pbkdf2-sha256" or "pbkdf2-sha512", \
                    "iterations", "salt" (base64), "hash" (base64)}}. Other fields are ignored. The report has one \
                    line per event: {"type":"rejected","line","code","detail"} for a line skipped, \
                    {"type":"existing","line","code":"EMAIL_TAKEN"} for an email the tenant has already (an import \
                    run again adds nothing twice), {"type":"progress","line","imported","existing","rejected"} \
                    after each stored batch, then {"type":"summary","lines","imported","existing","rejected"}, or \
                    {"type":"failed","line","code","detail"} if a batch could not be stored (earlier batches are).""",
            requestBody =
                    @RequestBody(
                            required = true,
                            description = "One user per line (NDJSON), streamed",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_NDJSON_VALUE,
                                            schema = @Schema(type = "string"))))
    @ApiResponse(
            responseCode = "200",
            description = "The import's report, streamed as it runs",
            content = @Content(mediaType = MediaType.APPLICATION_NDJSON_VALUE, schema = @Schema(type = "string")))
    @PostMapping(
            path = "/{id}/users:import",
            consumes = MediaType.APPLICATION_NDJSON_VALUE,
            produces = MediaType.APPLICATION_NDJSON_VALUE)
    @RequiresPermission(Permission.USERS_WRITE)
    void importUsers(
            Authentication authentication,
            @PathVariable String id,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        AuthenticatedUser caller = (AuthenticatedUser) authentication.getPrincipal();
        boolean platformAdmin = caller.can(Permission.TENANTS_MANAGE);
        IdentityException notFound =
                new IdentityException(ErrorCode.TENANT_NOT_FOUND, "Tenant " + id + " does not exist.");
        if (!platformAdmin && !caller.tenantId().equals(id)) {
            throw notFound;
        }
        TenantView tenant = tenants.find(id).orElseThrow(() -> notFound);
        if (tenant.status() == TenantStatus.SUSPENDED) {
            throw new IdentityException(
                    ErrorCode.TENANT_SUSPENDED, "Tenant " + id + " is suspended and accepts no changes to its users.");
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_NDJSON_VALUE);
        imports.run(id, caller, request.getInputStream(), response.getOutputStream());
    }
}
