#!/usr/bin/env bash
#
# bench/hash-cost.sh — what one Argon2id hash costs here, and the hashing bound (cores / cost of one hash),
# the ceiling of password logins per second. Parameters as the service takes them, e.g.
#   bench/hash-cost.sh -Didentity.password.argon2.memory-kib=7168 -Didentity.password.argon2.iterations=5
# (Keycloak's default); without any, the service's defaults (19 MiB, t = 2, p = 1). Measured on one thread
# with nothing else running; a few seconds.
#
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./mvnw -B -q install -DskipTests -pl command-side -am >/dev/null
./mvnw -B -q test-compile -pl command-side >/dev/null
classpath=$(./mvnw -B -q -pl command-side dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
java "$@" -cp "command-side/target/test-classes:command-side/target/classes:$classpath" \
    dev.identity.command.session.HashCost
