package org.ssobroker.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Every string of every JSON body (values and map keys) is refused with a 400 naming its field
 * when it holds a control character other than tab and line breaks: a NUL cannot be stored
 * (PostgreSQL refuses it in text and jsonb: it was a 500), the others have no place in any
 * field. Single-line fields refuse line breaks too, in their validators.
 */
@Singleton
public class TextInputs implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("control-characters");
        module.addDeserializer(String.class, new CheckedString());
        module.addKeyDeserializer(String.class, new CheckedKey());
        mapper.registerModule(module);
    }

    /** Thrown for a string with a control character; the mappers name its field. */
    public static class ControlCharacterException extends JsonMappingException {
        public static final String RULE = "must not contain control characters";

        ControlCharacterException(JsonParser parser) {
            super(parser, RULE);
        }
    }

    /** The text, when it has no control character other than tab, CR and LF. */
    public static String checked(String text, JsonParser parser) throws ControlCharacterException {
        if (ControlCharacters.anyBesidesLineBreaksIn(text)) {
            throw new ControlCharacterException(parser);
        }
        return text;
    }

    private static final class CheckedString extends StdScalarDeserializer<String> {
        CheckedString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return checked(StringDeserializer.instance.deserialize(parser, context), parser);
        }
    }

    private static final class CheckedKey extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(key, context.getParser());
        }
    }
}
