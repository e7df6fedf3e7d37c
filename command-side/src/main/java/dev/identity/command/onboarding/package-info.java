/** Processes that create more than one aggregate in one unit of work: a tenant with its first admin. */
package dev.identity.command.onboarding;
