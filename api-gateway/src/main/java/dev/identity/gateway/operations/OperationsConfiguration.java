package dev.identity.gateway.operations;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The processor monitor samples on a schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OperationsConfiguration {
}
