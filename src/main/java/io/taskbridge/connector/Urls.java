package io.taskbridge.connector;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for requests to task systems. A path segment or query value encodes a space as
 * {@code %20}; a form body ({@code application/x-www-form-urlencoded}, e.g. an OAuth token request)
 * as {@code +}, as that format asks.
 */
public final class Urls {
    private Urls() {}

    /** For a path segment or a query value: a space becomes {@code %20}. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** For a form field: a space becomes {@code +}. */
    public static String form(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A base URL without its trailing slash, so paths can be appended as they are. */
    public static URI withoutTrailingSlash(URI url) {
        String s = url.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
