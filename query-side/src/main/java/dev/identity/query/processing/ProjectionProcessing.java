package dev.identity.query.processing;

import dev.identity.query.deadletter.DeadLetterPolicy;
import dev.identity.query.deadletter.PoisonIsolation;
import dev.identity.query.deadletter.RetryableFailures;
import dev.identity.query.replay.RebuildableProjection;
import dev.identity.query.system.AsynchronousCommit;
import dev.identity.query.system.ProjectionApplied;
import dev.identity.query.system.TenantSequencingPolicy;
import dev.identity.query.user.UserProjection;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the projections' processors run. A handler's failure propagates to the dead-letter queue (Axon's
 * default would log it and skip the event); a batch's failure goes to {@link PoisonIsolation}, which retries
 * it and, unless the database itself is the cause, isolates the event at fault. The dead-letter queues are
 * switched on per processor in {@code application.yml} ({@code axon.eventhandling.processors.*.dlq}). Each
 * batch commits without waiting for the disk ({@link AsynchronousCommit}) and, as it commits, notifies the
 * instances' listeners of what it applied ({@link ProjectionApplied}). A rebuild's processor commits the same
 * way but notifies nobody: nothing reads its tables until the switch.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionProcessing {

    @Bean
    static PoisonIsolation projectionIsolation() {
        return new PoisonIsolation(RetryableFailures::isDatabaseFailure);
    }

    @Autowired
    void configure(EventProcessingConfigurer processing, JdbcClient jdbc, PoisonIsolation projectionIsolation) {
        processing.registerSequencingPolicy(
                UserProjection.PROCESSING_GROUP, configuration -> new TenantSequencingPolicy());
        for (RebuildableProjection projection : RebuildableProjection.values()) {
            String group = projection.processingGroup();
            processing.registerHandlerInterceptor(group, configuration -> new AsynchronousCommit(jdbc));
            processing.registerHandlerInterceptor(group, configuration -> new ProjectionApplied(group, jdbc));
            processing.registerListenerInvocationErrorHandler(
                    group, configuration -> PropagatingErrorHandler.instance());
            processing.registerErrorHandler(group, configuration -> projectionIsolation);
            processing.registerDeadLetterPolicy(
                    group, configuration -> new DeadLetterPolicy(group, projectionIsolation));
        }
    }
}
