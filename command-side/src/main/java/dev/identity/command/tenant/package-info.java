/** The tenant aggregate and the rule that a suspended tenant accepts no commands for its users. */
package dev.identity.command.tenant;
