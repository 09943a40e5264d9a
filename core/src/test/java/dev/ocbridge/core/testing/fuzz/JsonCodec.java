package dev.ocbridge.core.testing.fuzz;

import java.io.IOException;

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
