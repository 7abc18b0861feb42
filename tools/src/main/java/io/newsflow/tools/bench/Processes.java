package io.newsflow.tools.bench;

import java.io.IOException;

/** Signals to the stack's processes (stopping a service for a run and continuing it after). */
final class Processes {

    private Processes() {
    }

    /** Sends {@code kill -SIGNAL pid}; true if it was delivered. */
    static boolean signal(String signal, long pid) {
        try {
            return new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
