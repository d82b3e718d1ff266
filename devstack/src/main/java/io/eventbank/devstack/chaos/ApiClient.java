package io.eventbank.devstack.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The public API as a client sees it. {@link #call} retries the way a real client does: the same request with the same
 * {@code Idempotency-Key} again, with a growing pause, as long as there is no definitive answer (the connection fails,
 * the answer times out, 5xx, 409 for a key still in use, 429) and until {@code giveUpAt}.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: the status (-1 when none came) and the body, if JSON. */
    record Answer(int status, JsonNode body, int attempts) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean definitive() {
            return status >= 200 && status < 500 && status != 409 && status != 429 && status != 408;
        }

        String text(String field) {
            return body == null || body.path(field).isMissingNode() || body.path(field).isNull() ? null
                    : body.path(field).asText();
        }
    }

    private final String base;
    private final HttpClient http;
    private final String token;

    ApiClient(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .executor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                    Thread thread = new Thread(r, "chaos-http");
                    thread.setDaemon(true);
                    return thread;
                })).build(), null);
    }

    private ApiClient(String base, HttpClient http, String token) {
        this.base = base;
        this.http = http;
        this.token = token;
    }

    /** The same client, calling with this bearer token. */
    ApiClient as(String bearerToken) {
        return new ApiClient(base, http, bearerToken);
    }

    /** One attempt. */
    Answer once(String method, String path, String key, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json");
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (response.body() != null && !response.body().isBlank()) {
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException notJson) {
                    json = null;
                }
            }
            return new Answer(response.statusCode(), json, 1);
        } catch (IOException e) {
            return new Answer(-1, null, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, 1);
        }
    }

    /** Tries again (same key, same body) until the answer is definitive or {@code giveUpAt} has passed. */
    Answer call(String method, String path, String key, Object body, Instant giveUpAt) {
        return until(method, path, key, body, giveUpAt, Answer::definitive);
    }

    Answer until(String method, String path, String key, Object body, Instant giveUpAt, Predicate<Answer> done) {
        long pause = 200;
        for (int attempt = 1; ; attempt++) {
            Answer answer = once(method, path, key, body);
            if (done.test(answer) || Instant.now().isAfter(giveUpAt)) {
                return new Answer(answer.status(), answer.body(), attempt);
            }
            sleep(pause);
            pause = Math.min(pause * 2, 3000);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
