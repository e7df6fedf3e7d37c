/** How the query side's event processors are run. */
package dev.identity.query.system;
