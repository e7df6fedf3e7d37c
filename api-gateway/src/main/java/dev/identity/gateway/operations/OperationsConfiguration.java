package dev.identity.gateway.operations;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The monitors sample on a schedule, each registering its own task at its configured interval. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OperationsConfiguration {}
