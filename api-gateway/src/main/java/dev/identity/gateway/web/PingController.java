package dev.identity.gateway.web;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Does nothing but answer, through the same filters as every request: a liveness probe for load balancers,
 * and the ceiling the benchmark compares the authenticated hot path with.
 */
@RestController
class PingController {

    record Pong(String status) {}

    private static final Pong PONG = new Pong("ok");

    @Operation(summary = "Answers {\"status\":\"ok\"}; needs no token")
    @GetMapping("/ping")
    Pong ping() {
        return PONG;
    }
}
