package dev.identity.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.identity.events.operations.DeadLetterEvicted;
import dev.identity.events.user.UserRegistered;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * The JSON every event type is stored as, approved once per revision (issue 14). Events already in the store
 * keep the form they were written in, so a field renamed, added, removed or written differently must come as a
 * new revision with an upcaster from the old one; a change that slips in without one fails here, not in
 * production when old events no longer read.
 */
class EventJsonApprovalTest {

    private static final String CONTRACT = "dev.identity.events";
    private static final String STORED = "event-json";
    private static final String SOURCE_DIRECTORY = "src/test/resources/" + STORED;
    private static final Pattern FILE_NAME = Pattern.compile("(\\w+)\\.r([^.]+)\\.json");

    /**
     * The contract names its events in the past tense (its package-info): {@code UserRegistered},
     * {@code AccountLockedOut}. That finds an event added without a revision (checked as revision 0); the
     * {@link Revision} that, in the contract, only events carry finds one whose name does not read so.
     */
    private static final Pattern PAST_TENSE = Pattern.compile(".*[a-z]ed(Out|Up|Down|Off|Over|Back)?");

    private static final String NEW_REVISION = "Stored events keep the JSON they were written with: do not edit the"
            + " file. Raise the event's @Revision, add an upcaster from the old revision (as"
            + " UserRegisteredUpcaster does), and approve the new form in a file of the new revision.";

    private static final Serializer SERIALIZER = new AxonConfiguration().serializer();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant PLACEHOLDER_INSTANT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void findsTheContractsEventsEachUnderANameOfItsOwn() {
        List<Class<?>> events = eventTypes().toList();

        assertThat(events).contains(UserRegistered.class, DeadLetterEvicted.class);
        // the file names, the audit trail and the stream know an event by its simple name alone
        assertThat(events.stream().collect(Collectors.groupingBy(Class::getSimpleName, Collectors.counting())))
                .allSatisfy((name, count) ->
                        assertThat(count).as("events named %s", name).isOne());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void writesTheApprovedJsonOfItsRevision(Class<?> event) throws IOException {
        String file = fileName(event);
        byte[] approved = read(file);
        if (approved == null) {
            String missing = event.getName() + " has no approved JSON for its revision " + revision(event) + ": "
                    + SOURCE_DIRECTORY + "/" + file + " is missing.";
            Path candidate;
            try {
                candidate = writeCandidate(event, file);
            } catch (IllegalStateException e) {
                throw new AssertionError(missing + " No candidate: " + e.getMessage(), e);
            }
            fail(
                    "%s The JSON it is stored as now, from placeholder values, is in %s: give every field a realistic"
                            + " value (no real secrets), review it and copy it there.",
                    missing, candidate);
        }

        Object read;
        try {
            read = SERIALIZER.deserialize(new SimpleSerializedObject<>(approved, byte[].class, type(event)));
        } catch (SerializationException e) {
            throw new AssertionError(event.getSimpleName() + " no longer reads " + file + ". " + NEW_REVISION, e);
        }
        assertThat(read).isInstanceOf(event);
        // Absent properties read as null, so a field added or renamed shows here even before the comparison.
        for (RecordComponent component : event.getRecordComponents()) {
            Object value = valueOf(component, read);
            assertThat(value)
                    .as(
                            "%s.%s is not in %s: the event's JSON changed. %s",
                            event.getSimpleName(), component.getName(), file, NEW_REVISION)
                    .isNotNull();
            if (value instanceof Collection<?> values) {
                // an empty array would approve no element's form
                assertThat(values)
                        .as("%s.%s in %s needs an element", event.getSimpleName(), component.getName(), file)
                        .isNotEmpty();
            }
        }

        JsonNode written =
                JSON.readTree(SERIALIZER.serialize(read, byte[].class).getData());
        assertThat(written)
                .as("%s is no longer stored as %s/%s. %s", event.getSimpleName(), SOURCE_DIRECTORY, file, NEW_REVISION)
                .isEqualTo(JSON.readTree(approved));
    }

    /** A file left behind by a renamed event, or ahead of its class's revision, would approve nothing. */
    @Test
    void everyApprovedFileIsOfAnEventAtItsRevisionOrAnEarlierOne() throws IOException {
        Map<String, Class<?>> events =
                eventTypes().collect(Collectors.toMap(Class::getSimpleName, Function.identity()));
        List<String> files = Arrays.stream(
                        new PathMatchingResourcePatternResolver().getResources("classpath*:" + STORED + "/*"))
                .map(Resource::getFilename)
                .toList();

        assertThat(files).isNotEmpty();
        for (String file : files) {
            Matcher name = FILE_NAME.matcher(file);
            assertThat(name.matches())
                    .as("%s is named <event's simple name>.r<revision>.json", file)
                    .isTrue();
            Class<?> event = events.get(name.group(1));
            assertThat(event)
                    .as(
                            "%s is of no event of the contract: was the event renamed? Its stored events keep the old"
                                    + " name.",
                            file)
                    .isNotNull();
            String revision = revision(event);
            if (!name.group(2).equals(revision)) {
                assertThat(isEarlier(name.group(2), revision))
                        .as(
                                "%s is of neither %s's revision %s nor an earlier one: was @Revision not raised?",
                                file, event.getName(), revision)
                        .isTrue();
            }
        }
    }

    static Stream<Named<Class<?>>> events() {
        return eventTypes().map(event -> Named.of(event.getSimpleName(), event));
    }

    private static Stream<Class<?>> eventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, readers) ->
                Record.class.getName().equals(reader.getClassMetadata().getSuperClassName()));
        return scanner.findCandidateComponents(CONTRACT).stream()
                .map(BeanDefinition::getBeanClassName)
                .sorted()
                .<Class<?>>map(name -> ClassUtils.resolveClassName(name, null))
                .filter(type -> type.isAnnotationPresent(Revision.class)
                        || PAST_TENSE.matcher(type.getSimpleName()).matches());
    }

    /** The revision the store writes with the event: what its upcasters are keyed on. */
    private static SerializedType type(Class<?> event) {
        return SERIALIZER.typeForClass(event);
    }

    private static String revision(Class<?> event) {
        String revision = type(event).getRevision();
        return revision == null ? "0" : revision;
    }

    private static String fileName(Class<?> event) {
        return event.getSimpleName() + ".r" + revision(event) + ".json";
    }

    private static boolean isEarlier(String revision, String current) {
        try {
            return Long.parseLong(revision) < Long.parseLong(current);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = EventJsonApprovalTest.class.getResourceAsStream("/" + STORED + "/" + file)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** Under target/, never src/: a file is approved by a person who has read it, not by the test that checks it. */
    private static Path writeCandidate(Class<?> event, String file) throws IOException {
        Path candidate = targetDirectory().resolve("event-json-candidates").resolve(file);
        Files.createDirectories(candidate.getParent());
        byte[] written =
                SERIALIZER.serialize(placeholderInstance(event), byte[].class).getData();
        JSON.writerWithDefaultPrettyPrinter().writeValue(candidate.toFile(), JSON.readTree(written));
        return candidate.toAbsolutePath();
    }

    /** The test classes' parent, wherever the test is started from (Maven's module directory, or an IDE's). */
    private static Path targetDirectory() {
        try {
            return Path.of(EventJsonApprovalTest.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object placeholderInstance(Class<?> event) {
        RecordComponent[] components = event.getRecordComponents();
        Object[] values = Arrays.stream(components)
                .map(component -> placeholder(component.getName(), component.getGenericType()))
                .toArray();
        try {
            Constructor<?> canonical = event.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + event.getName() + ": write its file by hand", e);
        }
    }

    /** Values nobody would mistake for realistic ones, so that a candidate is not approved unread. */
    private static Object placeholder(String name, Type type) {
        if (type == String.class) {
            return "<" + name + ">";
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == Instant.class) {
            return PLACEHOLDER_INSTANT;
        }
        if (type instanceof Class<?> enumType && enumType.isEnum()) {
            return enumType.getEnumConstants()[0];
        }
        if (type instanceof ParameterizedType generic && generic.getActualTypeArguments().length == 1) {
            Object element = placeholder(name, generic.getActualTypeArguments()[0]);
            if (generic.getRawType() == Set.class) {
                return Set.of(element);
            }
            if (generic.getRawType() == List.class || generic.getRawType() == Collection.class) {
                return List.of(element);
            }
        }
        throw new IllegalStateException(
                "no placeholder for " + name + " (" + type.getTypeName() + "): write its file by hand");
    }

    private static Object valueOf(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }
}
