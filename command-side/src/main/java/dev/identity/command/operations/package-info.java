/** Operators' actions on the running system that are recorded as events: dead-letter evictions. */
package dev.identity.command.operations;
