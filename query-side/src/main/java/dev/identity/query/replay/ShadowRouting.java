package dev.identity.query.replay;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Points a rebuild processor's writes at the shadow tables: once per batch, in the batch's own transaction,
 * the shadow schemas go first on the search path (the handlers name tables without a schema). The share
 * lock on the rebuild's rows holds off the switch until the batch has committed; a batch that finds the
 * rebuild switched in already (it waited on that lock) writes nothing, as its processor is being stopped.
 */
final class ShadowRouting implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String RESOURCE_KEY = ShadowRouting.class.getName();

    private final JdbcClient jdbc;
    private final String processor;

    ShadowRouting(JdbcClient jdbc, String processor) {
        this.jdbc = jdbc;
        this.processor = processor;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        boolean rebuilding = unitOfWork.root().getOrComputeResource(RESOURCE_KEY, key -> routeThisTransaction());
        return rebuilding ? chain.proceed() : null;
    }

    private Boolean routeThisTransaction() {
        return jdbc.sql("""
                        WITH rebuilding AS (
                            SELECT shadow_schema FROM projection_rebuilds
                            WHERE rebuild_processor = :processor AND finished_at IS NULL FOR SHARE)
                        SELECT CASE WHEN count(*) > 0
                                    THEN set_config('search_path', string_agg(shadow_schema, ', ') || ', public', true)
                               END
                        FROM rebuilding""")
                .param("processor", processor)
                .query(String.class)
                .optional()
                .isPresent();
    }
}
