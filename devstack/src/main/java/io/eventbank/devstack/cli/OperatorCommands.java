package io.eventbank.devstack.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The commands an operator reaches for, each a thin client of the public API (as docs/api.md has it), with a token
 * signed by the platform's own key: {@code replay}, {@code dlq list}, {@code dlq redrive}, {@code events tail} and
 * {@code verify}. Each answers the exit status: 0 when the API did what was asked, 1 when it refused (the problem is
 * printed) or did not answer. The command line itself is {@link io.eventbank.devstack.Launcher}'s.
 */
public final class OperatorCommands {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP = Duration.ofSeconds(1);

    private final String api;
    private final Function<String, String> tokens;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param baseUrl the gateway, such as {@code http://127.0.0.1:8080}
     * @param tokens  a bearer token for a role ({@code operator}, {@code auditor})
     */
    public OperatorCommands(String baseUrl, Function<String, String> tokens, PrintStream out) {
        this.api = baseUrl.replaceAll("/+$", "") + "/api/v1";
        this.tokens = tokens;
        this.out = out;
    }

    /** The API refused, or did not answer: printed as it is, exit status 1. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** Rebuilds a read model ({@code accounts}, {@code transfers}...) or {@code all}, printing the progress. */
    public int replay(String view) throws InterruptedException {
        return answered(() -> replayed(view));
    }

    /** The dead letters, one a line. */
    public int deadLetters() throws InterruptedException {
        return answered(this::listed);
    }

    /** Re-drives one dead letter, or {@code all} of them not re-driven yet. */
    public int redrive(String id) throws InterruptedException {
        return answered(() -> redriven(id));
    }

    /**
     * The audit stream in the terminal, from now or from {@code from}, filtered by the query parameters of
     * {@code GET /events/stream} ({@code account}, {@code correlationId}, {@code transfer}, {@code type}); reconnects
     * after the last event it printed until interrupted.
     */
    public int tail(Map<String, String> filters) throws InterruptedException {
        return answered(() -> tailed(filters));
    }

    /** The invariants the ledger checks, each balance against account-service's: 0 when every one holds. */
    public int verify() throws InterruptedException {
        return answered(this::verified);
    }

    private interface Call {
        int run() throws InterruptedException;
    }

    private static int answered(Call call) throws InterruptedException {
        try {
            return call.run();
        } catch (Refused e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private int replayed(String name) throws InterruptedException {
        JsonNode started = send("operator", "POST", "/admin/projections/" + segment(name) + "/replay", 202);
        String replayId = started.path("replayId").asText();
        out.printf("replay %s of %s started%n", replayId, name);
        Map<String, String> lastLine = new LinkedHashMap<>();
        while (true) {
            Thread.sleep(STEP.toMillis());
            boolean running = false;
            boolean failed = false;
            for (JsonNode projection : send("operator", "GET", "/admin/projections", 200).path("items")) {
                JsonNode replay = projection.path("replay");
                if (!replayId.equals(replay.path("replayId").asText())) {
                    continue;
                }
                String status = replay.path("status").asText();
                running |= status.equals("REPLAYING");
                failed |= status.equals("FAILED");
                String line = progress(projection.path("name").asText(), projection, replay);
                if (!line.equals(lastLine.put(projection.path("name").asText(), line))) {
                    out.println(line);
                }
            }
            if (!running) {
                out.println(failed ? "replay " + replayId + " failed" : "replay " + replayId + " done: live again");
                return failed ? 1 : 0;
            }
        }
    }

    private static String progress(String name, JsonNode projection, JsonNode replay) {
        String status = replay.path("status").asText();
        long applied = replay.path("applied").asLong();
        long remaining = replay.path("remaining").asLong();
        double rate = replay.path("eventsPerSecond").asDouble();
        if (status.equals("REPLAYING")) {
            String eta = rate > 0 ? Math.round(remaining / rate) + " s" : "–";
            return "  %-12s REPLAYING  %,d applied, %,d remaining, %,.0f events/s, ETA %s".formatted(name, applied,
                    remaining, rate, eta);
        }
        return "  %-12s %-9s  generation %d, %,d events at %,.0f/s%s".formatted(name,
                status.equals("DONE") ? "LIVE" : status, projection.path("liveGeneration").asInt(), applied, rate,
                replay.hasNonNull("error") ? ": " + replay.path("error").asText() : "");
    }

    private int listed() {
        JsonNode items = send("operator", "GET", "/admin/dead-letters", 200).path("items");
        if (items.isEmpty()) {
            out.println("No dead letters: every record was read and applied.");
            return 0;
        }
        out.printf("%-60s %-18s %-9s %-28s %s%n", "ID", "KIND", "REDRIVEN", "AT", "TYPE / REASON");
        for (JsonNode item : items) {
            out.printf("%-60s %-18s %-9s %-28s %s / %s%n", item.path("id").asText(),
                    item.path("kind").asText(), item.path("redriven").asBoolean() ? "yes" : "no",
                    item.path("at").asText(), item.path("type").asText("–"), item.path("reason").asText("–"));
        }
        return 0;
    }

    private int redriven(String id) {
        JsonNode answer = id.equals("all") ? send("operator", "POST", "/admin/dead-letters/redrive", 200)
                : send("operator", "POST", "/admin/dead-letters/" + segment(id) + "/redrive", 200);
        out.println(id.equals("all") ? "re-drove: " + answer : id + ": " + answer.path("outcome").asText());
        return 0;
    }

    private int verified() {
        JsonNode result = send("auditor", "GET", "/admin/verification", 200);
        for (JsonNode check : result.path("checks")) {
            out.printf("%s %s%s%n", check.path("ok").asBoolean() ? "ok    " : "FAILED", check.path("name").asText(),
                    check.hasNonNull("detail") && !check.path("detail").asText().matches("|ok")
                            ? ": " + check.path("detail").asText() : "");
        }
        boolean ok = result.path("ok").asBoolean();
        out.println(ok ? "Every check passed." : "A check failed.");
        return ok ? 0 : 1;
    }

    private int tailed(Map<String, String> filters) throws InterruptedException {
        StringBuilder query = new StringBuilder();
        filters.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String lastEventId = null;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + "/events/stream" + query))
                    .header("Authorization", "Bearer " + tokens.apply("auditor"))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                System.err.println("the stream broke (" + e.getMessage() + "); reconnecting in 2 s");
                Thread.sleep(2000);
                continue;
            }
            if (response.statusCode() != 200) {
                throw refused(response.statusCode(), readAll(response.body()));
            }
            lastEventId = print(response.body(), lastEventId);
            Thread.sleep(500);
        }
    }

    private String print(InputStream body, String lastEventId) {
        String name = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        lastEventId = id != null ? id : lastEventId;
                        out.println(line(name, data.toString()));
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            System.err.println("the stream broke (" + e.getMessage() + "); reconnecting after " + lastEventId);
        }
        return lastEventId;
    }

    private static String line(String name, String data) {
        try {
            JsonNode event = JSON.readTree(data);
            if ("unknown-last-event-id".equals(name)) {
                return "# " + event.path("detail").asText();
            }
            return "%s  %-28s %s#%s  %s  correlation %s  %s".formatted(event.path("timestamp").asText(),
                    event.path("type").asText(), event.path("aggregateId").asText(), event.path("sequence").asText(),
                    event.path("source").asText(), event.path("correlationId").asText(), event.path("payload"));
        } catch (IOException e) {
            return data;
        }
    }

    private JsonNode send(String role, String method, String path, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tokens.apply(role))
                .header("Accept", "application/json");
        if (method.equals("POST")) {
            request.header("Idempotency-Key", "cli-" + UUID.randomUUID()).POST(HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw refused(response.statusCode(), response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (ConnectException e) {
            throw new Refused("the platform does not answer at " + api + " (./eventbank up, or set EVENTBANK_API_URL)");
        } catch (IOException e) {
            throw new Refused("the gateway did not answer " + method + " " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    private static Refused refused(int status, String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return new Refused("refused: %d %s: %s".formatted(status, problem.path("code").asText(),
                    problem.path("detail").asText(problem.path("title").asText())));
        } catch (IOException | RuntimeException e) {
            return new Refused("refused: HTTP " + status + " " + body);
        }
    }

    private static String readAll(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
