package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Accounts looked up by id, kept for {@code expiry}: every post needs its author, and asking the server for the same
 * few people at every post was a request per post. A change of name or of bot status is seen after {@code expiry}
 * at the latest. At most {@code capacity} accounts are kept; beyond that the expired ones go, then all.
 */
final class UserCache {
    static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(1);
    static final int DEFAULT_CAPACITY = 10_000;

    private record Entry(ChatUser user, Instant fetchedAt) {
    }

    private final Duration expiry;
    private final int capacity;
    private final Clock clock;
    private final Map<UserId, Entry> entries = new ConcurrentHashMap<>();

    UserCache(Duration expiry, int capacity, Clock clock) {
        if (expiry.isNegative() || capacity < 1) {
            throw new IllegalArgumentException("invalid user cache: " + expiry + ", " + capacity + " entries");
        }
        this.expiry = expiry;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The cached account, or the one {@code fetch} returns (a failure is thrown and not cached). */
    ChatUser get(UserId id, Function<UserId, ChatUser> fetch) {
        Instant now = clock.instant();
        Entry known = entries.get(id);
        if (known != null && !expired(known, now)) {
            return known.user();
        }
        ChatUser fetched = fetch.apply(id);
        if (entries.size() >= capacity) {
            entries.values().removeIf(entry -> expired(entry, now));
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
        entries.put(id, new Entry(fetched, now));
        return fetched;
    }

    private boolean expired(Entry entry, Instant now) {
        return entry.fetchedAt().plus(expiry).isBefore(now);
    }
}
