package dev.ocbridge.adapter.opencode.rest;

import com.squareup.moshi.Moshi;
import dev.ocbridge.adapter.opencode.server.ServerLocation;
import dev.ocbridge.core.port.out.MetricsPort;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one OkHttp client for a server, and what is built from it: the REST API and the event stream client.
 * Both follow the server wherever {@link ServerLocation} says it is now.
 */
public final class OpenCodeHttp {

    private final OkHttpClient client;
    private final OkHttpClient streamBase;
    private final Moshi moshi;

    /** A client whose requests are not counted (the supervisor's health probes). */
    public OpenCodeHttp(ServerLocation location) {
        this(location, null);
    }

    /** Every REST request is reported to {@code metrics}; the event stream is not a request and is not. */
    public OpenCodeHttp(ServerLocation location, MetricsPort metrics) {
        this.streamBase = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                // OkHttp would resend a POST whose connection failed after sending: a prompt twice.
                .retryOnConnectionFailure(false)
                // Without that retry a pooled connection the server already closed fails the next call, so
                // idle connections are dropped before the server's own idle timeout (10 s in Bun) can hit.
                .connectionPool(new ConnectionPool(4, 5, TimeUnit.SECONDS))
                .addInterceptor(new CurrentServerInterceptor(location))
                .build();
        this.client = metrics == null ? streamBase
                : streamBase.newBuilder().addInterceptor(new CountingInterceptor(metrics)).build();
        this.moshi = new Moshi.Builder().build();
    }

    /** What requests are addressed to; every one is sent to the server's current address. */
    public HttpUrl baseUrl() {
        return CurrentServerInterceptor.LOGICAL_SERVER;
    }

    public Moshi moshi() {
        return moshi;
    }

    public OpenCodeApi api() {
        return new Retrofit.Builder()
                .baseUrl(baseUrl())
                .client(client)
                .addConverterFactory(new DescribedAnswerConverterFactory(MoshiConverterFactory.create(moshi)))
                .build()
                .create(OpenCodeApi.class);
    }

    /**
     * The client for the event stream: the read timeout is the liveness deadline, since the server sends
     * a heartbeat every 10 s and a silent stream must be given up.
     */
    public OkHttpClient streamClient(Duration livenessDeadline) {
        return streamBase.newBuilder()
                .readTimeout(livenessDeadline)
                .callTimeout(Duration.ZERO)
                .build();
    }

    /** Lets go of pooled connections and threads. */
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
