/**
 * Set-based validation: lookup tables written by event handlers that run in subscribing mode, inside the
 * transaction that appends the event. A duplicate slug or email aborts that transaction, the event append
 * included, so the check holds under any number of racing requests. Login reads credentials from here too,
 * because it must see a registration or a deactivation the moment the command returns.
 */
package dev.identity.command.directory;
