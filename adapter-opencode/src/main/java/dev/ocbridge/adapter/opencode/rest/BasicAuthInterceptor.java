package dev.ocbridge.adapter.opencode.rest;

import okhttp3.Credentials;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** HTTP basic auth as {@code opencode serve} wants it when {@code OPENCODE_SERVER_PASSWORD} is set. */
public final class BasicAuthInterceptor implements Interceptor {

    public static final String USERNAME = "opencode";

    private final String header;

    public BasicAuthInterceptor(String password) {
        this.header = Credentials.basic(USERNAME, password, StandardCharsets.UTF_8);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder().header("Authorization", header).build());
    }

    @Override
    public String toString() {
        return "BasicAuthInterceptor[user=" + USERNAME + ", password=***]";
    }
}
