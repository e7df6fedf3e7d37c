package dev.identity.query.system;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Commits a projection's batches without waiting for the write-ahead log to reach the disk. Safe here, and
 * only here: a batch's rows and its token commit together, so a database crash loses both, and the
 * processor projects those events again from the event store, whose own commits stay synchronous. The rows
 * are visible to readers at commit as always; what is saved is a disk flush per batch.
 */
public final class AsynchronousCommit implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String RESOURCE_KEY = AsynchronousCommit.class.getName();

    private final JdbcClient jdbc;

    public AsynchronousCommit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        unitOfWork
                .root()
                .getOrComputeResource(
                        RESOURCE_KEY,
                        key -> jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)")
                                .query(String.class)
                                .single());
        return chain.proceed();
    }
}
