package dev.identity.gateway.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every string of every JSON request body passes {@link TextInput}'s rules for free text while it is read, so
 * the problem names the JSON path ({@code admin.displayName}). Only JSON strings are strings: a number or a
 * boolean where text belongs is refused rather than coerced. The rest of the strictness (no float-to-integer,
 * string-to-number or null-to-primitive coercion, no unknown properties) is {@code spring.jackson.*} in
 * application.yml. The Axon serializer has a mapper of its own and is not affected.
 */
@Configuration(proxyBeanMethods = false)
class JsonInput {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer checkedStrings() {
        return builder -> builder.deserializerByType(String.class, new CheckedStringDeserializer());
    }

    /** Limits the parser itself, so a hostile body is refused while it is read, not after it was built. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer boundedParser(WebInputProperties properties) {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(properties.maxJsonDepth())
                .maxStringLength(properties.maxJsonString())
                .maxNameLength(properties.maxJsonString())
                .build();
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(limits));
    }

    static final class CheckedStringDeserializer extends StdScalarDeserializer<String> {

        CheckedStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value;
            try {
                // the parser decodes a string's bytes only now, when its text is asked for
                value = parser.getText();
            } catch (JsonParseException e) {
                throw new RejectedText(parser, TextInput.INVALID_UTF8);
            }
            String problem = TextInput.problemInText(value);
            if (problem != null) {
                throw new RejectedText(parser, problem);
            }
            return value;
        }
    }

    /** A string refused by {@link TextInput}; Jackson adds the path to it on its way out. */
    static final class RejectedText extends JsonMappingException {

        private final String problem;

        RejectedText(JsonParser parser, String problem) {
            super(parser, problem);
            this.problem = problem;
        }

        String problem() {
            return problem;
        }
    }
}
