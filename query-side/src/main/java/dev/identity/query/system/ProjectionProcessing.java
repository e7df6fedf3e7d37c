package dev.identity.query.system;

import dev.identity.query.replay.RebuildableProjection;
import dev.identity.query.user.UserProjection;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ProjectionProcessing {

    @Autowired
    void configure(EventProcessingConfigurer processing, JdbcClient jdbc) {
        processing.registerSequencingPolicy(UserProjection.PROCESSING_GROUP, configuration -> new TenantSequencingPolicy());
        for (RebuildableProjection projection : RebuildableProjection.values()) {
            processing.registerHandlerInterceptor(projection.processingGroup(),
                    configuration -> new AsynchronousCommit(jdbc));
        }
    }
}
