package dev.identity.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, its defaults kept but for how header characters are checked
 * ({@link HeaderCharacters}: the same characters refused, without a regular expression over every header at
 * every read). Its refusals are answered by {@link ProblemRequestRejectedHandler}.
 */
@Configuration(proxyBeanMethods = false)
class HttpFirewallConfiguration {

    @Bean
    StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::validName);
        firewall.setAllowedHeaderValues(HeaderCharacters::validValue);
        return firewall;
    }
}
