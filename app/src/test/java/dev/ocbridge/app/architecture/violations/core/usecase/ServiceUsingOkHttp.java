package dev.ocbridge.app.architecture.violations.core.usecase;

/** Breaks core purity and HTTP containment. */
public class ServiceUsingOkHttp {
    okhttp3.OkHttpClient client;
}
