package com.verdictdigest.delivery;

/**
 * A message that did not go out. Permanent: the server refused this recipient for good (a 5xx
 * reply), so trying again cannot help. Otherwise temporary: a 4xx reply or a broken connection.
 */
public final class SendFailure extends Exception {
    private final boolean permanent;

    public SendFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
