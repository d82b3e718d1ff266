package io.eventbank.devstack.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The services' own keys, in {@code keys/services/} of the platform's home: a key pair for each service that calls
 * another ({@code <name>.key.pem}, readable by its owner alone from the moment the file exists, and
 * {@code <name>.pub.pem}), and for each service that is called, the public keys of the services that may call it as a
 * JWKS ({@code callers-of-<name>.jwks.json}, the key id being the caller's name). Who calls whom is the platform's
 * shape ({@link #CALLERS}): account-service is called by the gateway and by the ledger (its balance check),
 * transfer-saga, ledger-projection and the risk engine by the gateway alone, and the gateway by people only.
 */
public final class ServiceKeys {

    /** Each service that is called, and the services that may call it. */
    public static final Map<String, List<String>> CALLERS = Map.of(
            "account-service", List.of("api-gateway", "ledger-projection"),
            "transfer-saga", List.of("api-gateway"),
            "ledger-projection", List.of("api-gateway"),
            "risk-engine", List.of("api-gateway"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Path directory;
    /** Callers every called service takes too, beyond {@link #CALLERS} (the tests' own harness). */
    private final List<String> everywhere;

    private ServiceKeys(Path directory, List<String> everywhere) {
        this.directory = directory;
        this.everywhere = List.copyOf(everywhere);
    }

    /** The keys in {@code directory}: every caller's pair (made when missing) and every called service's JWKS. */
    public static synchronized ServiceKeys in(Path directory) {
        return in(directory, List.of());
    }

    /** As {@link #in(Path)}, every called service also taking the callers {@code everywhere} (for tests only). */
    public static synchronized ServiceKeys in(Path directory, List<String> everywhere) {
        ServiceKeys keys = new ServiceKeys(directory.toAbsolutePath(), everywhere);
        keys.make();
        return keys;
    }

    /** The environment of one service: its own key if it calls another, its callers' keys if it is called. */
    public Map<String, String> environmentOf(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (callsAnother(service)) {
            environment.put("EVENTBANK_SERVICE_KEY", privateKeyFile(service).toString());
        }
        if (CALLERS.containsKey(service)) {
            environment.put("EVENTBANK_SERVICE_CALLERS", callersFile(service).toString());
        }
        return environment;
    }

    public Path privateKeyFile(String caller) {
        return directory.resolve(caller + ".key.pem");
    }

    public Path callersFile(String called) {
        return directory.resolve("callers-of-" + called + ".jwks.json");
    }

    /** The private key of a caller, to sign with (the tests' harness, a benchmark). */
    public PrivateKey privateKey(String caller) {
        return SigningKeys.readPrivateKey(privateKeyFile(caller));
    }

    private static boolean callsAnother(String service) {
        return CALLERS.values().stream().anyMatch(callers -> callers.contains(service));
    }

    private void make() {
        try {
            Files.createDirectories(directory);
            List<String> callers = new ArrayList<>(everywhere);
            CALLERS.values().forEach(list -> list.stream().filter(c -> !callers.contains(c)).forEach(callers::add));
            for (String caller : callers) {
                if (!Files.exists(privateKeyFile(caller))) {
                    generate(caller);
                }
            }
            for (Map.Entry<String, List<String>> called : CALLERS.entrySet()) {
                List<Map<String, String>> jwks = new ArrayList<>();
                List<String> allowed = new ArrayList<>(called.getValue());
                everywhere.stream().filter(c -> !allowed.contains(c)).forEach(allowed::add);
                for (String caller : allowed) {
                    jwks.add(jwk(caller));
                }
                Files.writeString(callersFile(called.getKey()), JSON.writeValueAsString(Map.of("keys", jwks)));
            }
            if (!everywhere.isEmpty()) {
                // for a test of one service that does not say which it is: every caller, and the tests' own
                List<Map<String, String>> jwks = new ArrayList<>();
                for (String caller : callers) {
                    jwks.add(jwk(caller));
                }
                Files.writeString(callersFile("any"), JSON.writeValueAsString(Map.of("keys", jwks)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the services' keys to " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the services' keys", e);
        }
    }

    private void generate(String caller) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path file = privateKeyFile(caller);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException madeMeanwhile) {
            return;
        }
        Files.writeString(file, SigningKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(directory.resolve(caller + ".pub.pem"),
                SigningKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private Map<String, String> jwk(String caller) throws IOException, GeneralSecurityException {
        String pem = Files.readString(directory.resolve(caller + ".pub.pem"), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", caller);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", BASE64URL.encodeToString(unsigned(key.getModulus())));
        jwk.put("e", BASE64URL.encodeToString(unsigned(key.getPublicExponent())));
        return jwk;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
