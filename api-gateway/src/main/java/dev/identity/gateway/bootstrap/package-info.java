/** Creates the platform tenant and its first platform admin on first start. */
package dev.identity.gateway.bootstrap;
