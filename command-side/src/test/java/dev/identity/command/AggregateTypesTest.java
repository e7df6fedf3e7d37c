package dev.identity.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.identity.events.common.AggregateTypes;
import org.junit.jupiter.api.Test;

/**
 * A renamed or moved aggregate class would store its events under a new type, and the readers that filter
 * by the contract's names would miss them. (The aggregates are package-private, hence their names here.)
 */
class AggregateTypesTest {

    @Test
    void theContractNamesEachAggregateAsAxonStoresIt() throws ClassNotFoundException {
        assertThat(simpleName("dev.identity.command.tenant.Tenant")).isEqualTo(AggregateTypes.TENANT);
        assertThat(simpleName("dev.identity.command.user.User")).isEqualTo(AggregateTypes.USER);
        assertThat(simpleName("dev.identity.command.session.Session")).isEqualTo(AggregateTypes.SESSION);
    }

    private static String simpleName(String aggregate) throws ClassNotFoundException {
        return Class.forName(aggregate).getSimpleName();
    }
}
