package org.therapychat.app;

import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Why the app could not start, in one line an operator can act on: what failed and what to do.
 * Reads the whole cause chain (Guice wraps what a provider threw, the adapters wrap the driver).
 */
final class StartFailure {
    private StartFailure() {
    }

    /**
     * Fails before anything else starts (the database is not even opened) when the HTTP port is
     * taken; Jetty would only find out at the end. Port 0 (any free port) is always free.
     */
    static void portFree(org.therapychat.web.WebSettings web) {
        if (web.port() == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(web.host(), web.port()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String explain(Throwable failure, Config config) {
        List<Throwable> chain = chain(failure);
        String database = config.databaseUrl().map(StartFailure::withoutCredentials)
                .orElse("the embedded database under " + config.dataDir().toAbsolutePath());
        for (Throwable t : chain) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Failed to bind")) {
                return "port " + config.web().port() + " on " + config.web().host()
                        + " is in use. Stop what holds it, or set PORT to a free port.";
            }
            if (t instanceof SQLException sql && (sql.getErrorCode() == 90020
                    || String.valueOf(sql.getMessage()).contains("already in use"))) {
                return database + " is in use by another process. Stop the other instance, or set DATA_DIR to "
                        + "another directory.";
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("28")) {
                return database + " refused the user name or password. Fix the user and password in DATABASE_URL.";
            }
            if (t instanceof SQLException sql && "3D000".equals(sql.getSQLState())) {
                return database + " does not exist. Create it, or fix the database name in DATABASE_URL.";
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return database + " does not answer (" + simple(root(chain)) + "). Start it, or fix the host and port "
                        + "in DATABASE_URL.";
            }
            if (t instanceof AccessDeniedException || t instanceof FileSystemException) {
                return "cannot write to " + ((FileSystemException) t).getFile() + ". Give the app write access to "
                        + "DATA_DIR, or set DATA_DIR to a directory it may write.";
            }
        }
        return simple(root(chain)) + ". The stack trace is logged at debug level (logger org.therapychat.app.Main).";
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t) && chain.size() < 32; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable root(List<Throwable> chain) {
        return chain.get(chain.size() - 1);
    }

    /** The failure's class and message on one line, with anything that looks like a password masked. */
    private static String simple(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + message.replaceAll("(?i)(password=)[^&;\\s]*", "$1…");
    }

    /** The URL up to its query: user and password usually ride in the query. */
    private static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return "the database at " + base.replaceAll("//[^/@]*@", "//");
    }
}
