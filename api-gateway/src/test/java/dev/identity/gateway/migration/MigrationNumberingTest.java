package dev.identity.gateway.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Each side numbers its Flyway migrations in a range of its own (ADR 0013), so adding one needs no look at
 * the other side's folder. Versions 1-14 came before the ranges and keep their numbers: databases ran them.
 */
class MigrationNumberingTest {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__\\w+\\.sql");
    private static final List<Integer> COMMAND_BEFORE_RANGES = List.of(1, 2, 4, 11, 12, 14);
    private static final List<Integer> QUERY_BEFORE_RANGES = List.of(3, 5, 6, 7, 8, 9, 10, 13);

    @Test
    void commandSideMigrationsAreNumberedInItsRange() throws IOException {
        assertThat(versions("command"))
                .allSatisfy(version -> assertThat(
                                COMMAND_BEFORE_RANGES.contains(version) || version >= 1001 && version <= 1999)
                        .as("command-side migration V%d: new ones take 1001-1999", version)
                        .isTrue())
                .containsAll(COMMAND_BEFORE_RANGES);
    }

    @Test
    void querySideMigrationsAreNumberedInItsRange() throws IOException {
        assertThat(versions("query"))
                .allSatisfy(version -> assertThat(
                                QUERY_BEFORE_RANGES.contains(version) || version >= 2001 && version <= 2999)
                        .as("query-side migration V%d: new ones take 2001-2999", version)
                        .isTrue())
                .containsAll(QUERY_BEFORE_RANGES);
    }

    private static List<Integer> versions(String folder) throws IOException {
        Resource[] files =
                new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/" + folder + "/*.sql");
        return Arrays.stream(files)
                .map(Resource::getFilename)
                .map(Objects::requireNonNull)
                .map(name -> {
                    Matcher versioned = VERSIONED.matcher(name);
                    assertThat(versioned.matches())
                            .as("%s/%s is a versioned migration, V<n>__<name>.sql", folder, name)
                            .isTrue();
                    return Integer.parseInt(versioned.group(1));
                })
                .toList();
    }
}
