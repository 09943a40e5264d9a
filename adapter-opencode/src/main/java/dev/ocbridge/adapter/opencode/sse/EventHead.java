package dev.ocbridge.adapter.opencode.sse;

import com.squareup.moshi.JsonReader;
import okio.Buffer;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * An event's type and the directory of its {@code /global/event} envelope, read by scanning the JSON without building
 * any of it: enough to drop an event of a type the bridge ignores (a session diff, a file watcher burst, a {@code sync}
 * copy of every durable event) without parsing its payload.
 */
record EventHead(String type, String directory) {

    /**
     * The head of {@code data}, or null when the scan cannot tell it as the full parse would (not one JSON object,
     * a member named twice): the full parse then says what is wrong.
     */
    static EventHead read(String data) {
        try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(data))) {
            Scan scan = new Scan();
            boolean readable = members(reader, (name, value) -> {
                if (name.equals("type") && value.peek() == JsonReader.Token.STRING) {
                    scan.type = value.nextString();
                } else if (name.equals("directory") && value.peek() == JsonReader.Token.STRING) {
                    scan.directory = value.nextString();
                } else if (name.equals("payload") && value.peek() == JsonReader.Token.BEGIN_OBJECT) {
                    scan.payload = true;
                    scan.payloadReadable = members(value, (inner, innerValue) -> {
                        if (inner.equals("type") && innerValue.peek() == JsonReader.Token.STRING) {
                            scan.payloadType = innerValue.nextString();
                        } else {
                            innerValue.skipValue();
                        }
                    });
                } else {
                    value.skipValue();
                }
            });
            if (!readable || !scan.payloadReadable || reader.peek() != JsonReader.Token.END_DOCUMENT) {
                return null;
            }
            // As in the full parse, the envelope's directory counts only around a payload.
            return scan.payload ? new EventHead(scan.payloadType, scan.directory) : new EventHead(scan.type, null);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** Reads one object member by member; false when a member is named twice, which the full parse refuses. */
    private static boolean members(JsonReader reader, Member member) throws IOException {
        Set<String> names = new HashSet<>();
        reader.beginObject();
        while (reader.hasNext()) {
            String name = reader.nextName();
            if (!names.add(name)) {
                return false;
            }
            member.read(name, reader);
        }
        reader.endObject();
        return true;
    }

    @FunctionalInterface
    private interface Member {
        void read(String name, JsonReader value) throws IOException;
    }

    private static final class Scan {
        private String type = "";
        private String directory;
        private boolean payload;
        private String payloadType = "";
        private boolean payloadReadable = true;
    }
}
