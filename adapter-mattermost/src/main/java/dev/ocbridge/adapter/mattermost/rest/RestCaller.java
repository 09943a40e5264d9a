package dev.ocbridge.adapter.mattermost.rest;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.RejectedRequestException;
import dev.ocbridge.core.error.UnauthorizedException;
import dev.ocbridge.core.error.UnavailableException;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Runs Mattermost calls: waits out 429s as the server asks ({@code Retry-After}, {@code X-Ratelimit-Reset}),
 * retries what may be retried with capped backoff, and turns failures into core exceptions carrying the server's
 * error {@code id} and {@code message}. Never logs headers, so the token stays out of logs.
 */
public final class RestCaller {
    private static final System.Logger LOG = System.getLogger(RestCaller.class.getName());
    /** Reset values this large are points in time (epoch seconds, or milliseconds), not durations. */
    private static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;
    private static final long EPOCH_MILLIS_THRESHOLD = 1_000_000_000_000L;
    /** The server (or a proxy before it) does not offer the endpoint: asking again will not change that. */
    private static final int NOT_IMPLEMENTED = 501;
    /** No single wait is longer, whatever a header says. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    private final JsonAdapter<AppErrorJson> errors;
    private final RetryTimings timings;

    public RestCaller(Moshi moshi, RetryTimings timings) {
        this.errors = moshi.adapter(AppErrorJson.class);
        this.timings = timings;
    }

    /** The body of a successful answer to {@code call}; {@code what} names the action in error messages. */
    public <T> T body(String what, Retry retry, Call<T> call) {
        return success(what, retry, call).body();
    }

    /** A successful answer to {@code call}, after the retries {@code retry} allows. */
    public <T> Response<T> success(String what, Retry retry, Call<T> call) {
        long rateLimitedMillis = 0;
        int failures = 0;
        int rateLimits = 0;
        Call<T> attempt = call;
        while (true) {
            Response<T> response;
            try {
                response = attempt.execute();
            } catch (IOException e) {
                failures++;
                if (retry != Retry.IDEMPOTENT || failures >= timings.attempts()) {
                    throw new UnavailableException("Mattermost unreachable while trying to " + what + ": " + e, e);
                }
                LOG.log(Level.DEBUG, "I/O failure trying to {0}, retrying: {1}", what, e.toString());
                pause(timings.backoff(failures - 1), what);
                attempt = attempt.clone();
                continue;
            }
            if (response.isSuccessful()) {
                return response;
            }
            int code = response.code();
            if (code == 429) {
                Duration wait = rateLimitWait(response, rateLimits++);
                rateLimitedMillis += wait.toMillis();
                if (rateLimitedMillis > timings.rateLimitPatience().toMillis()) {
                    throw new UnavailableException("Mattermost kept rate-limiting the request to " + what);
                }
                LOG.log(Level.DEBUG, "rate limited trying to {0}, waiting {1} ms", what, wait.toMillis());
                discard(response);
                pause(wait, what);
                attempt = attempt.clone();
                continue;
            }
            if (code >= 500 && code != NOT_IMPLEMENTED && retry == Retry.IDEMPOTENT && ++failures < timings.attempts()) {
                LOG.log(Level.DEBUG, "server error {0} trying to {1}, retrying", code, what);
                discard(response);
                pause(timings.backoff(failures - 1), what);
                attempt = attempt.clone();
                continue;
            }
            throw failure(what, response);
        }
    }

    private Duration rateLimitWait(Response<?> response, int earlierRateLimits) {
        long seconds = seconds(response.headers().get("Retry-After"));
        if (seconds < 0) {
            seconds = seconds(response.headers().get("X-Ratelimit-Reset"));
            if (seconds >= EPOCH_MILLIS_THRESHOLD) {
                seconds = (seconds - System.currentTimeMillis()) / 1000;
            } else if (seconds >= EPOCH_SECONDS_THRESHOLD) {
                seconds = seconds - System.currentTimeMillis() / 1000;
            }
        }
        Duration backoff = timings.backoff(earlierRateLimits);
        Duration asked = Duration.ofSeconds(Math.max(seconds, 0));
        Duration wait = asked.compareTo(backoff) > 0 ? asked : backoff;
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static long seconds(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private BridgeException failure(String what, Response<?> response) {
        AppErrorJson error = errorBody(response.errorBody());
        String detail = error != null && error.id() != null
                ? error.message() + " [" + error.id() + "]"
                : "status " + response.code();
        String message = "Mattermost refused to " + what + ": " + detail;
        int code = response.code();
        if (code == 401) {
            return new UnauthorizedException(message);
        }
        if (code == 404) {
            return new NotFoundException(message);
        }
        if (code == NOT_IMPLEMENTED) {
            return new RejectedRequestException(message);
        }
        if (code == 429 || code >= 500) {
            return new UnavailableException(message);
        }
        return new RejectedRequestException(message);
    }

    private AppErrorJson errorBody(ResponseBody body) {
        if (body == null) {
            return null;
        }
        try (body) {
            return errors.fromJson(body.source());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void discard(Response<?> response) {
        if (response.errorBody() != null) {
            response.errorBody().close();
        }
    }

    private static void pause(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting to retry the request to " + what, e);
        }
    }
}
