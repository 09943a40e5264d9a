package dev.ocbridge.app.architecture.violations.adapter.persistence;

/** Breaks HTTP containment. */
public class PersistenceUsingRetrofit {
    retrofit2.Retrofit retrofit;
}
