package dev.identity.command.session;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param bcryptStrength log2 of the bcrypt work factor; OWASP asks for at least 10.
 */
@ConfigurationProperties("identity.password")
public record PasswordProperties(@DefaultValue("10") int bcryptStrength) {
}
