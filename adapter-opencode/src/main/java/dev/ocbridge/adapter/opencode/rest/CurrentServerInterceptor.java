package dev.ocbridge.adapter.opencode.rest;

import dev.ocbridge.adapter.opencode.server.ServerAccess;
import dev.ocbridge.adapter.opencode.server.ServerLocation;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Sends every request to where the server is now, signed in as {@code opencode serve} wants it when
 * {@code OPENCODE_SERVER_PASSWORD} is set. Requests are addressed to {@link #LOGICAL_SERVER}; this is the one
 * place that knows the real address and the password.
 */
final class CurrentServerInterceptor implements Interceptor {

    /** The address every request is written against, replaced here by the server's current one. */
    static final HttpUrl LOGICAL_SERVER = HttpUrl.get("http://opencode/");
    static final String USERNAME = "opencode";

    private final ServerLocation location;

    CurrentServerInterceptor(ServerLocation location) {
        this.location = location;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Optional<ServerAccess> current = location.current();
        if (current.isEmpty()) {
            throw new IOException("no OpenCode server to talk to right now (it is starting or restarting)");
        }
        ServerAccess access = current.get();
        Request request = chain.request();
        Request.Builder sent = request.newBuilder().url(relocated(request.url(), access));
        if (access.password() != null) {
            sent.header("Authorization", Credentials.basic(USERNAME, access.password(), StandardCharsets.UTF_8));
        }
        return chain.proceed(sent.build());
    }

    private static HttpUrl relocated(HttpUrl url, ServerAccess access) {
        String base = access.baseUrl().toString();
        HttpUrl target = HttpUrl.get(base.endsWith("/") ? base : base + "/");
        String path = url.encodedPath().substring(LOGICAL_SERVER.encodedPath().length());
        return target.newBuilder()
                .encodedPath(target.encodedPath() + path)
                .encodedQuery(url.encodedQuery())
                .build();
    }

    @Override
    public String toString() {
        return "CurrentServerInterceptor[" + location + "]";
    }
}
