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
import retrofit2.Callback;
import retrofit2.Response;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs Mattermost calls: waits out 429s as the server asks ({@code Retry-After}, {@code X-Ratelimit-Reset}),
 * retries what may be retried with capped backoff, and turns failures into core exceptions carrying the server's
 * error {@code id} and {@code message}. Never logs headers, so the token stays out of logs.
 *
 * <p>Requests go out asynchronously and every wait before a retry is a task on {@code timer}: a call waiting out a
 * rate limit holds no thread and no connection, so a storm of 429s on one thread's posts leaves the pool and the
 * connections to everyone else. Only the caller of the blocking {@link #body}/{@link #success} waits for its own
 * answer, as the synchronous chat port asks.
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
    private final ScheduledExecutorService timer;
    /** Calls waiting on the timer for their next attempt: ended by {@link #close()} rather than left hanging. */
    private final Set<Attempts<?>> waiting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public RestCaller(Moshi moshi, RetryTimings timings, ScheduledExecutorService timer) {
        this.errors = moshi.adapter(AppErrorJson.class);
        this.timings = timings;
        this.timer = timer;
    }

    /** Calls waiting out a rate limit or a backoff right now; none of them holds a thread or a connection. */
    public int callsWaitingToRetry() {
        return waiting.size();
    }

    /** Ends every call waiting for a retry with an UnavailableException; later calls fail the same way. */
    public void close() {
        closed = true;
        for (Attempts<?> attempts : List.copyOf(waiting)) {
            attempts.abandon();
        }
    }

    /** The body of a successful answer to {@code call}; {@code what} names the action in error messages. */
    public <T> T body(String what, Retry retry, Call<T> call) {
        return success(what, retry, call).body();
    }

    /** A successful answer to {@code call}, after the retries {@code retry} allows. */
    public <T> Response<T> success(String what, Retry retry, Call<T> call) {
        CompletableFuture<Response<T>> answer = call(what, retry, call);
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for the request to " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BridgeException failure) {
                throw failure;
            }
            throw new UnavailableException("the request to " + what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Sends {@code call} and completes with its successful answer, or with a BridgeException, after the retries
     * {@code retry} allows; no thread waits meanwhile.
     */
    public <T> CompletableFuture<Response<T>> call(String what, Retry retry, Call<T> call) {
        Attempts<T> attempts = new Attempts<>(what, retry);
        attempts.send(call);
        return attempts.result;
    }

    /** The attempts of one call so far, and what they lead to. */
    private final class Attempts<T> implements Callback<T> {
        final CompletableFuture<Response<T>> result = new CompletableFuture<>();
        private final String what;
        private final Retry retry;
        private long rateLimitedMillis;
        private int failures;
        private int rateLimits;
        private volatile Call<T> current;

        Attempts(String what, Retry retry) {
            this.what = what;
            this.retry = retry;
            result.whenComplete((answer, failure) -> {
                if (failure instanceof CancellationException && current != null) {
                    current.cancel();
                }
            });
        }

        void send(Call<T> attempt) {
            if (result.isDone()) {
                return;
            }
            current = attempt;
            attempt.enqueue(this);
        }

        @Override
        public void onResponse(Call<T> call, Response<T> response) {
            if (response.isSuccessful()) {
                result.complete(response);
                return;
            }
            int code = response.code();
            if (code == 429) {
                Duration wait = rateLimitWait(response, ++rateLimits);
                rateLimitedMillis += wait.toMillis();
                discard(response);
                if (rateLimitedMillis > timings.rateLimitPatience().toMillis()) {
                    result.completeExceptionally(
                            new UnavailableException("Mattermost kept rate-limiting the request to " + what));
                    return;
                }
                LOG.log(Level.DEBUG, "rate limited trying to {0}, waiting {1} ms", what, wait.toMillis());
                retryAfter(wait, call);
                return;
            }
            if (code >= 500 && code != NOT_IMPLEMENTED && retry == Retry.IDEMPOTENT) {
                Optional<Duration> wait = timings.afterFailures().delayAfter(++failures);
                if (wait.isPresent()) {
                    LOG.log(Level.DEBUG, "server error {0} trying to {1}, retrying", code, what);
                    discard(response);
                    retryAfter(wait.get(), call);
                    return;
                }
            }
            result.completeExceptionally(failure(what, response));
        }

        @Override
        public void onFailure(Call<T> call, Throwable error) {
            if (call.isCanceled()) {
                result.completeExceptionally(new UnavailableException("the request to " + what + " was cancelled"));
                return;
            }
            if (!(error instanceof IOException)) {
                result.completeExceptionally(new UnavailableException(
                        "Mattermost gave an answer to the request to " + what + " that cannot be read: " + error, error));
                return;
            }
            Optional<Duration> wait = retry == Retry.IDEMPOTENT
                    ? timings.afterFailures().delayAfter(++failures) : Optional.empty();
            if (wait.isEmpty()) {
                result.completeExceptionally(new UnavailableException(
                        "Mattermost unreachable while trying to " + what + ": " + error, error));
                return;
            }
            LOG.log(Level.DEBUG, "I/O failure trying to {0}, retrying: {1}", what, error.toString());
            retryAfter(wait.get(), call);
        }

        private void retryAfter(Duration wait, Call<T> call) {
            waiting.add(this);
            try {
                timer.schedule(() -> {
                    waiting.remove(this);
                    send(call.clone());
                }, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                abandon();
            }
            if (closed) {
                abandon();
            }
        }

        void abandon() {
            waiting.remove(this);
            result.completeExceptionally(new UnavailableException(
                    "the Mattermost connection is closed; the request to " + what + " was not retried"));
        }
    }

    private Duration rateLimitWait(Response<?> response, int rateLimitsSoFar) {
        long seconds = seconds(response.headers().get("Retry-After"));
        if (seconds < 0) {
            seconds = seconds(response.headers().get("X-Ratelimit-Reset"));
            if (seconds >= EPOCH_MILLIS_THRESHOLD) {
                seconds = (seconds - System.currentTimeMillis()) / 1000;
            } else if (seconds >= EPOCH_SECONDS_THRESHOLD) {
                seconds = seconds - System.currentTimeMillis() / 1000;
            }
        }
        Duration backoff = timings.afterRateLimits().delayAfter(rateLimitsSoFar).orElseThrow();
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
}
