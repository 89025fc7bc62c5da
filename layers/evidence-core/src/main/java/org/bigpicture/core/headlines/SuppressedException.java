package org.bigpicture.core.headlines;

/** A headline's number is withheld by disclosure control (a suppressed cell, a base too small). */
final class SuppressedException extends RuntimeException {
    SuppressedException(String reason) {
        super(reason);
    }
}
