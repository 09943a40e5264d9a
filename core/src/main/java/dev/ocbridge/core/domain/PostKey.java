package dev.ocbridge.core.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names one logical post the bridge creates, made once and sent with every attempt to create it, so that the
 * chat server stores the post once however often a lost answer makes the bridge ask again.
 */
public record PostKey(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public PostKey {
        Checks.requireText(value, "post key");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a post key is 1 to 64 letters, digits, '_' or '-'");
        }
    }

    /** A key no other post has. */
    public static PostKey fresh() {
        return new PostKey(UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
