/**
 * What one instance knows of the others' work, through PostgreSQL's {@code LISTEN}/{@code NOTIFY}: one
 * listener connection per instance receives every projection batch's notification (which wakes the writes
 * waiting for their read model, whichever instance applied the batch), every fence sent after a write that
 * changes access (this instance evicts and acknowledges it), and the acknowledgements of its own fences. The
 * listener's round trips give the instance a {@link dev.identity.gateway.consistency.Lease}: caches are
 * trusted only while it is held. See docs/adr/0002-revocation-is-fenced-across-instances.md.
 */
package dev.identity.gateway.consistency;
