package io.eventbank.ledger.rest;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Where a read that waits looks again: on the worker pool (a look reads the database), each look in a request
 * context of its own (the read models' entities need one), never on the thread that woke it.
 */
@ApplicationScoped
public class Looks {

    /** The pool the looks run on. */
    public Executor pool() {
        return Infrastructure.getDefaultWorkerPool();
    }

    /** What {@code read} answers, read in a request context. */
    @ActivateRequestContext
    public <T> T read(Supplier<T> read) {
        return read.get();
    }
}
