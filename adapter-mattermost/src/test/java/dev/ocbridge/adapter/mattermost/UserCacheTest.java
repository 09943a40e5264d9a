package dev.ocbridge.adapter.mattermost;

import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.error.UnavailableException;
import dev.ocbridge.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserCacheTest {
    private static final Duration EXPIRY = Duration.ofMinutes(1);
    private static final UserId ALICE = new UserId("alice-id");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<UserId> fetched = new ArrayList<>();
    private final Function<UserId, ChatUser> server = id -> {
        fetched.add(id);
        return new ChatUser(id, "name-" + fetched.size(), false);
    };

    @Test
    void aHundredLookupsOfOneAuthorWithinTheExpiryAskTheServerOnce() {
        UserCache cache = new UserCache(EXPIRY, 10, clock);

        for (int i = 0; i < 100; i++) {
            cache.get(ALICE, server);
            clock.advance(Duration.ofMillis(500));
        }

        assertThat(fetched).containsExactly(ALICE);
    }

    @Test
    void anExpiredAccountIsAskedForAgainAndItsNewNameSeen() {
        UserCache cache = new UserCache(EXPIRY, 10, clock);
        cache.get(ALICE, server);

        clock.advance(EXPIRY.plusSeconds(1));

        assertThat(cache.get(ALICE, server).username()).isEqualTo("name-2");
        assertThat(fetched).hasSize(2);
    }

    @Test
    void aFailedLookupIsNotCached() {
        UserCache cache = new UserCache(EXPIRY, 10, clock);

        assertThatThrownBy(() -> cache.get(ALICE, id -> {
            throw new UnavailableException("down");
        })).isInstanceOf(UnavailableException.class);

        assertThat(cache.get(ALICE, server).username()).isEqualTo("name-1");
    }

    @Test
    void aFullCacheMakesRoomAndKeepsServing() {
        UserCache cache = new UserCache(EXPIRY, 3, clock);
        for (int i = 0; i < 10; i++) {
            cache.get(new UserId("user-" + i), server);
        }

        cache.get(new UserId("user-9"), server);

        assertThat(fetched).hasSize(10);
    }
}
