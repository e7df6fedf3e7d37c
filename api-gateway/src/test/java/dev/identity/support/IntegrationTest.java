package dev.identity.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port against real PostgreSQL, Redis and Kafka. Every test class shares one context,
 * and tests isolate themselves by working in tenants of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(PlatformFixture.class)
public abstract class IntegrationTest {

    @LocalServerPort
    private int port;

    @Autowired
    protected PlatformFixture platform;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", TestDatabase::username);
        registry.add("spring.datasource.password", TestDatabase::password);
        registry.add("spring.data.redis.host", TestRedis::host);
        registry.add("spring.data.redis.port", TestRedis::port);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("identity.jwt.signing-key", TestSigningKey::pem);
    }

    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    /** The properties that point another instance at the same services and signing key. */
    protected static String[] sharedServices() {
        return new String[] {
            "spring.datasource.url=" + TestDatabase.url(),
            "spring.datasource.username=" + TestDatabase.username(),
            "spring.datasource.password=" + TestDatabase.password(),
            "spring.data.redis.host=" + TestRedis.host(),
            "spring.data.redis.port=" + TestRedis.port(),
            "spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
            "identity.jwt.signing-key=" + TestSigningKey.pem()
        };
    }
}
