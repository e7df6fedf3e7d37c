package dev.identity;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Libraries the service does not use are not shipped: what is not on the classpath cannot be exploited. */
class ClasspathTest {

    /** Axon brings XStream for a serializer this service never configures (its events are JSON). */
    @Test
    void xstreamIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("com.thoughtworks.xstream.XStream"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
