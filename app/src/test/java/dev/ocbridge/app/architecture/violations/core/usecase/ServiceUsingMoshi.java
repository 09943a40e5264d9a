package dev.ocbridge.app.architecture.violations.core.usecase;

/** Breaks Moshi containment. */
public class ServiceUsingMoshi {
    com.squareup.moshi.Moshi moshi;
}
