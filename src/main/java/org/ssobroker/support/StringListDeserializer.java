package org.ssobroker.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list of words given as a JSON array or as one string separated by commas and/or blanks,
 * as admins type them: {@code "openid, email"}, {@code "openid email"}, {@code ["openid"]}.
 */
public class StringListDeserializer extends JsonDeserializer<List<String>> {

    @Override
    public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return split(TextInputs.checked(parser.getText(), parser));
        }
        if (token == JsonToken.START_ARRAY) {
            List<String> values = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return (List<String>) context.handleUnexpectedToken(String.class, parser);
                }
                values.addAll(split(TextInputs.checked(parser.getText(), parser)));
            }
            return values;
        }
        return (List<String>) context.handleUnexpectedToken(List.class, parser);
    }

    static List<String> split(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }
}
