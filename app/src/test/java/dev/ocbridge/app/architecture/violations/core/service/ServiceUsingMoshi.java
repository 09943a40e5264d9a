package dev.ocbridge.app.architecture.violations.core.service;

/** Breaks Moshi containment. */
public class ServiceUsingMoshi {
    com.squareup.moshi.Moshi moshi;
}
