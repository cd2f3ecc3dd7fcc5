package org.ssobroker.console;

import jakarta.enterprise.context.RequestScoped;

/** The console session of the current request, set by {@link ConsoleGuard}. */
@RequestScoped
public class ConsoleCaller {

    private ConsoleSession session;
    private boolean slid;

    void set(ConsoleSession session, boolean slid) {
        this.session = session;
        this.slid = slid;
    }

    /** The signed-in session; only console pages behind the guard call this. */
    public ConsoleSession session() {
        if (session == null) {
            throw new IllegalStateException("no console session: the page is not behind the guard");
        }
        return session;
    }

    boolean slid() {
        return slid;
    }

    boolean present() {
        return session != null;
    }
}
