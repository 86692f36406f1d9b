package org.therapychat.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import spark.Service;

/**
 * The browser client: every file under {@code public/} on the classpath, read into memory once
 * and served by a route of its own, with an ETag so a phone revalidates instead of downloading.
 * (SparkJava's own static-file handling looks each request path up on the classpath first, API
 * calls included: a jar lookup on every poll.)
 */
final class StaticAssets {
    private static final String ROOT = "public";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8", "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8", "json", "application/json;charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "txt", "text/plain;charset=utf-8");

    record Asset(byte[] body, String contentType, String etag) {
    }

    private final Map<String, Asset> byPath;

    private StaticAssets(Map<String, Asset> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** Reads every file under {@code public/} from the classpath (a directory in development, the jar in production). */
    static StaticAssets load() {
        URL index = StaticAssets.class.getClassLoader().getResource(ROOT + "/index.html");
        if (index == null) {
            return new StaticAssets(Map.of());
        }
        try {
            URI uri = index.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = openJar(uri)) {
                    return new StaticAssets(read(jar.getPath("/" + ROOT)));
                }
            }
            return new StaticAssets(read(Path.of(uri).getParent()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the client's files cannot be located: " + index, e);
        } catch (IOException e) {
            throw new UncheckedIOException("the client's files cannot be read", e);
        }
    }

    private static FileSystem openJar(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // someone else opened it: read through a private one instead of closing theirs
            String jarFile = uri.getSchemeSpecificPart().substring(0, uri.getSchemeSpecificPart().indexOf("!/"));
            return FileSystems.newFileSystem(Path.of(URI.create(jarFile)));
        }
    }

    private static Map<String, Asset> read(Path root) throws IOException {
        Map<String, Asset> assets = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String path = "/" + root.relativize(file).toString().replace('\\', '/');
                byte[] body = Files.readAllBytes(file);
                assets.put(path, new Asset(body, contentType(path), etag(body)));
            }
        }
        // a folder's index.html also answers at the folder's own path: "/" and "/console/"
        Map<String, Asset> folders = new HashMap<>();
        assets.forEach((path, asset) -> {
            if (path.endsWith("/index.html")) {
                folders.put(path.substring(0, path.length() - "index.html".length()), asset);
            }
        });
        assets.putAll(folders);
        return assets;
    }

    /** One GET route per file; a matching {@code If-None-Match} answers 304 without the body. */
    /**
     * Serves every file. A console page asked for by someone logged in who is not staff answers 403
     * (the same page, which then shows "staff only"); anyone else gets it, the login form included.
     */
    void register(Service http, java.util.function.Predicate<spark.Request> refusedConsole) {
        byPath.keySet().stream().filter(path -> path.length() > 1 && path.endsWith("/")).forEach(folder ->
                http.get(folder.substring(0, folder.length() - 1), (req, res) -> {
                    res.status(308);
                    res.header("Location", folder);
                    return "";
                }));
        byPath.forEach((path, asset) -> http.get(path, (req, res) -> {
            if (path.startsWith("/console/") && asset.contentType().startsWith("text/html") && refusedConsole.test(req)) {
                res.raw().setHeader("Cache-Control", "no-store");
                res.status(403);
                res.type(asset.contentType());
                return asset.body();
            }
            res.raw().setHeader("Cache-Control", "no-cache");
            res.raw().setHeader("ETag", asset.etag());
            if (asset.etag().equals(req.headers("If-None-Match"))) {
                res.status(304);
                return "";
            }
            res.type(asset.contentType());
            return asset.body();
        }));
    }

    private static String contentType(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
