package dev.ocbridge.app;

import dev.ocbridge.app.config.BridgeConfig;
import dev.ocbridge.app.config.ConfigException;
import dev.ocbridge.app.config.ConfigLoader;
import dev.ocbridge.app.di.DaggerBridgeComponent;
import dev.ocbridge.app.runtime.BridgeRuntime;
import dev.ocbridge.core.error.BridgeException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Starts the bridge: {@code --help}, {@code --version}, or run until stopped. */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    Main(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.getenv(), System.out, System.err).run(args));
    }

    int run(String[] args) {
        String version = BridgeVersion.current();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(HelpText.render(version));
                return OK;
            }
            if (arg.equals("--version") || arg.equals("-V")) {
                out.println("opencode-mattermost-bridge " + version);
                return OK;
            }
            err.println("Unknown argument: " + arg + " (try --help)");
            return USAGE;
        }
        BridgeConfig config;
        try {
            // user.home is the password database's home; ConfigLoader prefers $HOME when it is set.
            config = new ConfigLoader(environment, Path.of("").toAbsolutePath(),
                    Path.of(System.getProperty("user.home"))).load();
        } catch (ConfigException e) {
            err.println("Configuration error: " + e.getMessage());
            return USAGE;
        }
        LogSetup.configure(config);
        BridgeRuntime runtime;
        try {
            runtime = DaggerBridgeComponent.factory().create(config, version).runtime();
        } catch (BridgeException | ConfigException e) {
            System.err.println("Could not start the bridge: " + e.getMessage());
            return FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::stop, "bridge-shutdown"));
        try {
            runtime.start();
        } catch (BridgeException e) {
            System.err.println("Could not start the bridge: " + e.getMessage());
            runtime.stop();
            return FAILED;
        }
        return runtime.awaitStop() ? OK : FAILED;
    }
}
