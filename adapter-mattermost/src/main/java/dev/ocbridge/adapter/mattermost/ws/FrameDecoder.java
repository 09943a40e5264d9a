package dev.ocbridge.adapter.mattermost.ws;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.ocbridge.adapter.mattermost.rest.WireMapping;
import dev.ocbridge.adapter.mattermost.rest.PostJson;
import dev.ocbridge.adapter.mattermost.rest.ReactionJson;
import dev.ocbridge.core.domain.ChatEvent;

import java.io.IOException;
import java.util.Map;

/**
 * Decodes websocket frames. The payloads of post and reaction events are JSON strings inside the JSON
 * ({@code data.post}, {@code data.reaction}); anything unreadable becomes {@link Frame.Skipped} or
 * {@link Frame.Malformed}, never an exception. Their reasons and names are logged, so they are kept short.
 */
public final class FrameDecoder {
    /** Parser messages quote the offending token, which a broken or hostile frame can make megabytes long. */
    private static final int MAX_LOGGED = 200;

    private final JsonAdapter<Object> json;
    private final JsonAdapter<WsFrameJson> frames;
    private final JsonAdapter<PostJson> posts;
    private final JsonAdapter<ReactionJson> reactions;

    public FrameDecoder(Moshi moshi) {
        this.json = moshi.adapter(Object.class);
        this.frames = moshi.adapter(WsFrameJson.class);
        this.posts = moshi.adapter(PostJson.class);
        this.reactions = moshi.adapter(ReactionJson.class);
    }

    public Frame decode(String text) {
        WsFrameJson frame;
        try {
            frame = frames.fromJson(text);
        } catch (IOException | JsonDataException e) {
            return new Frame.Malformed("not a Mattermost frame: " + shortened(e.getMessage()));
        }
        if (frame == null) {
            return new Frame.Malformed("empty frame");
        }
        if (frame.seq_reply() != null) {
            boolean ok = "OK".equals(frame.status());
            return new Frame.Reply(frame.seq_reply(), ok,
                    frame.error() == null ? null : frame.error().id(),
                    frame.error() == null ? null : frame.error().message());
        }
        if (frame.event() == null) {
            return new Frame.Malformed("neither an event nor a reply");
        }
        try {
            return event(frame);
        } catch (IOException | JsonDataException | IllegalArgumentException | NullPointerException e) {
            return new Frame.Skipped(frame.seq() == null ? Frame.NO_SEQ : frame.seq(), shortened(frame.event()),
                    "unreadable payload: " + shortened(e.getMessage()));
        }
    }

    private Frame event(WsFrameJson frame) throws IOException {
        long seq = frame.seq() == null ? Frame.NO_SEQ : frame.seq();
        String name = frame.event();
        Map<String, Object> data = frame.data() == null ? Map.of() : frame.data();
        switch (name) {
            case "hello":
                return new Frame.Hello(seq, string(data, "server_version"));
            case "posted":
                PostJson posted = post(data);
                if (WireMapping.systemMessage(posted)) {
                    return new Frame.Skipped(seq, name, "a system message");
                }
                return new Frame.Event(seq, name, new ChatEvent.MessagePosted(
                        WireMapping.post(posted), WireMapping.kind(string(data, "channel_type"))));
            case "post_edited":
                return new Frame.Event(seq, name, new ChatEvent.MessageEdited(WireMapping.post(post(data))));
            case "post_deleted":
                return new Frame.Event(seq, name, new ChatEvent.MessageDeleted(WireMapping.post(post(data))));
            case "reaction_added":
                return new Frame.Event(seq, name, new ChatEvent.ReactionAdded(WireMapping.reaction(reaction(data))));
            case "reaction_removed":
                return new Frame.Event(seq, name, new ChatEvent.ReactionRemoved(WireMapping.reaction(reaction(data))));
            default:
                return new Frame.Skipped(seq, shortened(name), "not used by the bridge");
        }
    }

    private PostJson post(Map<String, Object> data) throws IOException {
        PostJson post = posts.fromJson(payload(data, "post"));
        if (post == null) {
            throw new IllegalArgumentException("post is null");
        }
        return post;
    }

    private ReactionJson reaction(Map<String, Object> data) throws IOException {
        ReactionJson reaction = reactions.fromJson(payload(data, "reaction"));
        if (reaction == null) {
            throw new IllegalArgumentException("reaction is null");
        }
        return reaction;
    }

    /**
     * The JSON text of a payload. The server sends it as a JSON string; an object is taken too, written back to
     * text so that it is read exactly as the string would be: Moshi's reader of parsed trees reads 1.5 as the
     * number 1 and throws ArithmeticException on "1e999" where a number belongs.
     */
    private String payload(Map<String, Object> data, String key) {
        Object value = data.get(key);
        if (value instanceof Map<?, ?> object) {
            return json.toJson(object);
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("data." + key + " is not a JSON string");
        }
        return text;
    }

    private static String shortened(String text) {
        return text == null || text.length() <= MAX_LOGGED
                ? text : text.substring(0, MAX_LOGGED) + "… (" + text.length() + " characters)";
    }

    private static String string(Map<String, Object> data, String key) {
        Object value = data.get(key);
        return value instanceof String text ? text : null;
    }
}
