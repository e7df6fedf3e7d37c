package dev.identity.command.user;

import dev.identity.command.eventstore.CatchUpRepositories;
import dev.identity.command.eventstore.CatchUpRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Users are kept in memory between commands and caught up with the store on each (ADR 0008). */
@Configuration(proxyBeanMethods = false)
class UserRepositoryConfiguration {

    static final String REPOSITORY = "userRepository";

    @Bean(REPOSITORY)
    CatchUpRepository<User> userRepository(CatchUpRepositories repositories) {
        return repositories.of(User.class);
    }
}
