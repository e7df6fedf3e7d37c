package dev.identity.command.session;

import dev.identity.command.eventstore.CatchUpRepositories;
import dev.identity.command.eventstore.CatchUpRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Sessions are kept in memory between refreshes and caught up with the store on each (ADR 0008). */
@Configuration(proxyBeanMethods = false)
class SessionRepositoryConfiguration {

    static final String REPOSITORY = "sessionRepository";

    @Bean(REPOSITORY)
    CatchUpRepository<Session> sessionRepository(CatchUpRepositories repositories) {
        return repositories.of(Session.class);
    }
}
