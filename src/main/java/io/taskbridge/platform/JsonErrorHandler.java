package io.taskbridge.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors, those answered before any route runs (a {@code %00} in the path, a URI or
 * headers too large for the buffers, a request Jetty can't parse), in the same JSON shape as
 * every other error: {@code {"error":{"code","message","details"}}}. No HTML, no stack, no server name.
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowOrigin(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() < 400 ? 500 : response.getStatus();
        Object attribute = request.getAttribute(ERROR_STATUS);
        if (attribute instanceof Integer s && s >= 400) {
            status = s;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body(status)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        return ByteBuffer.wrap(body(status));
    }

    static byte[] body(int status) {
        return ErrorBodies.json(status, ErrorBodies.codeFor(status), messageFor(status)).getBytes(StandardCharsets.UTF_8);
    }

    /** Our words for the server's errors; never Jetty's, which may echo the request. */
    static String messageFor(int status) {
        return switch (status) {
            case 400 -> "The request could not be read: check the path, its %-escapes and the headers.";
            case 404 -> "No such endpoint.";
            case 413 -> ErrorBodies.TOO_LARGE;
            case 414 -> "The request URI is too long.";
            case 431 -> "The request's headers are too large.";
            default -> status >= 500 ? "Something went wrong on our side."
                    : "The request was refused (" + HttpStatus.getMessage(status) + ").";
        };
    }
}
