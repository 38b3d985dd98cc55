package nl.verbindplaats.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs an embedded Neo4j Community server with only a Bolt connector, for local development and CI.
 *
 * <p>Options (command-line argument, else system property, else environment variable, else default):
 *
 * <ul>
 *   <li>{@code --home DIR} / {@code -Dverbindplaats.neo4j.home} / {@code VERBINDPLAATS_NEO4J_HOME}
 *       (default {@code ./neo4j-home}): data, logs ({@code logs/debug.log}) and the auth store.
 *   <li>{@code --port N} / {@code -Dverbindplaats.neo4j.port} / {@code VERBINDPLAATS_NEO4J_PORT}
 *       (default 7687).
 *   <li>{@code --address A} / {@code -Dverbindplaats.neo4j.address} / {@code
 *       VERBINDPLAATS_NEO4J_ADDRESS} (default 127.0.0.1): loopback only, so TLS stays off.
 * </ul>
 *
 * <p>The password of user {@code neo4j} comes only from the environment variable {@code
 * VERBINDPLAATS_NEO4J_PASSWORD} (never from arguments, which other users can read in {@code ps})
 * and is never printed. Stdout gets exactly one {@code READY bolt://ADDRESS:PORT} line once Bolt
 * listens (and a {@code STOPPED} line on shutdown); errors go to stderr with exit status 1 (2 for
 * usage errors). Neo4j's own logging goes to {@code HOME/logs/debug.log}.
 */
public final class Launcher {
    static final String PASSWORD_ENV = "VERBINDPLAATS_NEO4J_PASSWORD";
    static final String ADMIN_USER = "neo4j";

    private Launcher() {}

    public static void main(String[] args) {
        Options options;
        String password;
        try {
            options = Options.parse(args);
            password = readPassword();
        } catch (IllegalArgumentException e) {
            System.err.println("neo4j-launcher: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(options, password);
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: start failed: " + rootMessage(e));
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(Options options, String password) throws Exception {
        Files.createDirectories(options.home());
        DatabaseManagementService service = newService(options);
        // Registered right after build() so that a SIGTERM from now on checkpoints and closes
        // both databases; without it a kill leaves the store to be recovered on the next start.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(service), "neo4j-shutdown"));
        setAdminPassword(service, password);
        System.out.println("READY bolt://" + options.address() + ":" + options.port());
        System.out.flush();
        // Neo4j's own threads may all be daemons: park the main thread until the JVM exits.
        new CountDownLatch(1).await();
    }

    private static DatabaseManagementService newService(Options options) {
        Map<org.neo4j.graphdb.config.Setting<?>, Object> config = Map.of(
                BoltConnector.enabled, true,
                BoltConnector.listen_address, new SocketAddress(options.address(), options.port()),
                BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED,
                GraphDatabaseSettings.auth_enabled, true,
                GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024,
                // Otherwise every fresh store preallocates 2 x 256 MiB of transaction logs.
                GraphDatabaseSettings.preallocate_logical_logs, false,
                // Defaults make the Bolt server wait about 2 x 5 s on shutdown; 200 ms each
                // brings a SIGTERM down to well under a second.
                BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(200),
                BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(200));
        return new DatabaseManagementServiceBuilder(options.home()).setConfig(config).build();
    }

    /**
     * Sets the password on every start so the environment is the single source of truth; a restart
     * with the same home and password is fine, because "same password" is not an error here.
     */
    private static void setAdminPassword(DatabaseManagementService service, String password) {
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER " + ADMIN_USER + " SET PASSWORD $pw CHANGE NOT REQUIRED",
                    Map.of("pw", password));
        } catch (RuntimeException e) {
            String message = rootMessage(e);
            if (message == null || !message.contains("cannot be the same")) {
                throw new IllegalStateException(
                        "could not set the password of user " + ADMIN_USER + ": " + message);
            }
            // Already this password; make sure a change is not still pending from an old store.
            system.executeTransactionally(
                    "ALTER USER " + ADMIN_USER + " SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    private static void shutdown(DatabaseManagementService service) {
        try {
            service.shutdown();
            System.out.println("STOPPED");
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: shutdown failed: " + rootMessage(e));
        }
        System.out.flush();
    }

    private static String readPassword() {
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + PASSWORD_ENV + " is not set");
        }
        return password;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    /** Launcher options; see the class comment for the lookup order. */
    record Options(Path home, int port, String address) {
        static Options parse(String[] args) {
            Map<String, String> cli = parseArgs(args);
            String home = lookup(cli, "home", "./neo4j-home");
            String port = lookup(cli, "port", String.valueOf(BoltConnector.DEFAULT_PORT));
            String address = lookup(cli, "address", "127.0.0.1");
            return new Options(Path.of(home).toAbsolutePath(), parsePort(port), address);
        }

        private static Map<String, String> parseArgs(String[] args) {
            Map<String, String> cli = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument: " + arg);
                }
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("missing value for --" + name);
                }
                if (!name.equals("home") && !name.equals("port") && !name.equals("address")) {
                    throw new IllegalArgumentException(
                            "unknown option --" + name + " (use --home, --port, --address)");
                }
                cli.put(name, value);
            }
            return cli;
        }

        private static String lookup(Map<String, String> cli, String name, String fallback) {
            String value = cli.get(name);
            if (value == null) {
                value = System.getProperty("verbindplaats.neo4j." + name);
            }
            if (value == null) {
                value = System.getenv("VERBINDPLAATS_NEO4J_" + name.toUpperCase(java.util.Locale.ROOT));
            }
            return value == null || value.isBlank() ? fallback : value;
        }

        private static int parsePort(String text) {
            try {
                int port = Integer.parseInt(text.trim());
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("invalid port: " + text);
        }
    }
}
