package dev.ocbridge.app.config;

/** How log lines are written: for people, or one JSON object per line for machines. */
public enum LogFormat { TEXT, JSON }
