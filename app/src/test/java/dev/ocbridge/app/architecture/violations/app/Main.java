package dev.ocbridge.app.architecture.violations.app;

/** Main-level code: the one place allowed to print. */
public class Main {
    public static void main(String[] args) {
        System.out.println("usage");
    }
}
