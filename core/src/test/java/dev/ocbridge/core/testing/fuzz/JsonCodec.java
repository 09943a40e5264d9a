package dev.ocbridge.core.testing.fuzz;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * How a fuzz test reads JSON text into a tree and writes one back, with its own module's JSON library. A tree
 * is what such libraries read "any JSON" into: {@code Map<String, Object>} (member order kept),
 * {@code List<Object>}, {@code String}, {@code Double} or {@code Long}, {@code Boolean} and {@code null}.
 */
public interface JsonCodec {

    /** Throws when the text is not one JSON value. */
    Object read(String json) throws IOException;

    /** Writes nulls inside objects too: a member set to null is a case worth trying. */
    String write(Object tree);

    /** The tree held in a string that is itself a JSON object or array (a payload inside the JSON), or null. */
    default Object nested(Object value) {
        if (!(value instanceof String text) || text.isEmpty() || text.charAt(0) != '{' && text.charAt(0) != '[') {
            return null;
        }
        try {
            Object tree = read(text);
            return tree instanceof Map<?, ?> || tree instanceof List<?> ? tree : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    interface Reader {
        Object read(String json) throws IOException;
    }

    interface Writer {
        String write(Object tree);
    }

    static JsonCodec of(Reader reader, Writer writer) {
        return new JsonCodec() {
            @Override
            public Object read(String json) throws IOException {
                return reader.read(json);
            }

            @Override
            public String write(Object tree) {
                return writer.write(tree);
            }
        };
    }
}
