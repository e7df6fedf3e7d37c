package dev.identity.command.user;

import dev.identity.command.directory.SelfRegistrations;
import dev.identity.events.user.RegisterUser;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Registers a user aggregate in the caller's unit of work, under the same rules as {@code RegisterUser}. */
@Component
public class UserCreation {

    private final Repository<User> users;
    private final SelfRegistrations selfRegistrations;

    UserCreation(Repository<User> users, SelfRegistrations selfRegistrations) {
        this.users = users;
        this.selfRegistrations = selfRegistrations;
    }

    public void create(RegisterUser command) throws Exception {
        users.newInstance(() -> new User(command, selfRegistrations));
    }
}
