package dev.ocbridge.adapter.mattermost.emulator;

import java.security.SecureRandom;

/** Mattermost-shaped identifiers: 26 characters of [a-z0-9]. */
final class Ids {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private final SecureRandom random = new SecureRandom();

    String next() {
        char[] id = new char[26];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    static boolean valid(String id) {
        return id != null && id.matches("[a-z0-9]{26}");
    }
}
