package dev.identity.command.directory;

/** Whether a tenant lets people register themselves. */
public interface SelfRegistrations {

    boolean openIn(String tenantId);
}
