package dev.identity.query.replay;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Points a projection's writes at its shadow tables while it is being rebuilt: once per batch, in the
 * batch's own transaction, the shadow schema goes first on the search path (the handlers name tables
 * without a schema). Every instance routes the same way because the decision is read from the database,
 * and the share lock on the rebuild's row holds off the switch until the batch has committed.
 */
@Configuration(proxyBeanMethods = false)
class RebuildRouting {

    @Autowired
    void register(EventProcessingConfigurer processing, JdbcClient jdbc) {
        for (RebuildableProjection projection : RebuildableProjection.values()) {
            processing.registerHandlerInterceptor(projection.processingGroup(),
                    configuration -> new Interceptor(jdbc, projection.processingGroup()));
        }
    }

    private static final class Interceptor implements MessageHandlerInterceptor<EventMessage<?>> {

        private final JdbcClient jdbc;
        private final String processingGroup;
        private final String resourceKey;

        Interceptor(JdbcClient jdbc, String processingGroup) {
            this.jdbc = jdbc;
            this.processingGroup = processingGroup;
            this.resourceKey = RebuildRouting.class.getName() + "." + processingGroup;
        }

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
            unitOfWork.root().getOrComputeResource(resourceKey, key -> routeThisTransaction());
            return chain.proceed();
        }

        private Boolean routeThisTransaction() {
            return !jdbc.sql("""
                            SELECT set_config('search_path', shadow_schema || ', public', true) FROM projection_rebuilds
                            WHERE processing_group = :group AND finished_at IS NULL FOR SHARE""")
                    .param("group", processingGroup).query(String.class).list().isEmpty();
        }
    }
}
