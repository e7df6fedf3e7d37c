/** What operators do to the running system that the audit trail must show: evicting dead letters. */
package dev.identity.events.operations;
