package io.eventbank.devstack.broker;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of a command line. */
final class Options {

    private Options() {
    }

    static Map<String, String> parse(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("expected --name value pairs");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
