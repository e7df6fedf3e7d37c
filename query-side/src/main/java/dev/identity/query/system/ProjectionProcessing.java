package dev.identity.query.system;

import dev.identity.query.user.UserProjection;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProjectionProcessing {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerSequencingPolicy(UserProjection.PROCESSING_GROUP, configuration -> new TenantSequencingPolicy());
    }
}
